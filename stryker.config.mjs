// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * StrykerJS over the security core listed in test/mutation/modules.json. `npm run mutation`
 * (scripts/mutation/run.ts) runs it once per module (MUTATION_MODULES=name), so each module's
 * mutants meet only that module's tests, then judges the score per module.
 */
const { modules } = JSON.parse(readFileSync(new URL('./test/mutation/modules.json', import.meta.url), 'utf8'));
const only = (process.env.MUTATION_MODULES ?? '').split(',').filter(Boolean);
/** @type {Array<{ name: string, mutate: string[], tests: string[] }>} */
const selected = only.length > 0 ? modules.filter((/** @type {{ name: string }} */ m) => only.includes(m.name)) : modules;
const reportName = selected.length === 1 ? selected[0].name : 'mutation';
// Read by test/mutation/vitest.config.ts in Stryker's test-runner processes (they inherit the environment).
process.env.MUTATION_TESTS = [...new Set(selected.flatMap((m) => m.tests))].join(',');
// The TypeScript checker compiles only the mutated files (and what they import): a program with
// the whole app re-checks every dependant of a mutated file, 8× slower for the same verdicts on
// the mutated file itself.
// One file per run: two runs started together must not compile each other's files.
const checkerTsconfig = `test/mutation/tsconfig.run.${reportName}.json`;
// Paths only (a `file#name` entry mutates named parts of the file: scripts/mutation/named-ranges.ts).
const mutated = selected.flatMap((m) => m.mutate.map((/** @type {string} */ f) => f.split('#')[0]));
// What Stryker mutates: run.ts resolves named parts to line ranges and passes them; a plain run
// (`npx stryker run`) of a module without named parts mutates its files whole.
const named = selected.some((m) => m.mutate.some((/** @type {string} */ f) => f.includes('#')));
if (named && !process.env.MUTATION_PATTERNS) throw new Error('stryker.config.mjs: a module with named parts (file#name) runs through `npm run mutation`');
/** @type {string[]} */
const patterns = process.env.MUTATION_PATTERNS ? JSON.parse(process.env.MUTATION_PATTERNS) : mutated;
// A renderer file (src/ outside src/shared) compiles with the DOM, as tsconfig.web.json has it.
const renderer = mutated.some((f) => f.startsWith('src/') && !f.startsWith('src/shared/'));
writeFileSync(
  new URL(`./${checkerTsconfig}`, import.meta.url),
  JSON.stringify(
    {
      extends: '../../tsconfig.node.json',
      ...(renderer ? { compilerOptions: { lib: ['ES2023', 'DOM', 'DOM.Iterable'], jsx: 'react-jsx', types: ['node', 'vite/client'] } } : {}),
      files: mutated.map((f) => `../../${f}`),
      include: [],
      exclude: [],
    },
    null,
    2,
  ) + '\n',
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Each mutant runs only the tests that reached it (per-test coverage from the dry run), and the
  // dry run only the module's own tests: a mutant must be killed by the tests written for it.
  coverageAnalysis: 'perTest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
  mutate: patterns,
  // Mutants that do not compile are not bugs a test should catch; tsc weeds them out first.
  checkers: ['typescript'],
  tsconfigFile: checkerTsconfig,
  // 2 CPU cores in CI. Stryker gives half of its processes to TypeScript checkers (idle most of the
  // time once a mutant is checked) and half to test runners: 4 keeps two test runners on two cores.
  // A busy machine needs room before a slow mutant times out (timeoutMS).
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 4),
  timeoutMS: 10_000,
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
  htmlReporter: { fileName: `reports/mutation/${reportName}.html` },
  // Committed: CI runs incrementally against the last full run's results (README, "Mutation testing").
  incrementalFile: `test/mutation/incremental/${reportName}.json`,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'dist-electron', 'release', 'reports', 'test-results', 'playwright-report', 'test/e2e/artifacts'],
  // The per-module floors live in test/mutation/thresholds.json; this is only Stryker's own colouring.
  thresholds: { high: 90, low: 80, break: null },
};
