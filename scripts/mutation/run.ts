/**
 * `npm run mutation [-- <module>…] [--with-floor] [--ratchet] [--incremental] [--concurrency N]`
 *
 * Runs StrykerJS (stryker.config.mjs) over the security core, or the named modules of it, then
 * prints the score per module and every surviving mutant, and fails when a module is below its
 * floor in test/mutation/thresholds.json. `--with-floor` runs only the modules that have a floor
 * (what CI judges; a module waiting for its rewrite cannot fail). `--ratchet` raises floors to the
 * scores reached (never lowers one). `--incremental` reuses the results kept in
 * test/mutation/incremental/<module>.json for mutants whose code and covering tests are unchanged,
 * and rewrites that file (CI runs so; README, "Mutation testing").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toStrykerPatterns } from './named-ranges';
import { failed, formatResults, formatThresholds, ratchet, summarise, type MutationModule, type MutationReport, type Thresholds } from './summary';

const root = resolve(import.meta.dirname, '../..');
const modulesFile = resolve(root, 'test/mutation/modules.json');
const thresholdsFile = resolve(root, 'test/mutation/thresholds.json');

const { modules } = JSON.parse(readFileSync(modulesFile, 'utf8')) as { modules: MutationModule[] };
const thresholds = JSON.parse(readFileSync(thresholdsFile, 'utf8')) as Thresholds;

const FLAGS = ['--ratchet', '--incremental', '--with-floor'];
const names: string[] = [];
const flags = new Set<string>();
let concurrency: string | undefined;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--concurrency') concurrency = args[++i];
  else if (FLAGS.includes(a)) flags.add(a);
  else if (a.startsWith('--')) {
    console.error(`mutation: unknown option ${a}; known: ${[...FLAGS, '--concurrency N'].join(', ')}`);
    process.exit(2);
  } else names.push(a);
}
const unknown = names.filter((n) => !modules.some((m) => m.name === n));
if (unknown.length > 0) {
  console.error(`mutation: unknown module(s) ${unknown.join(', ')}; known: ${modules.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const named = names.length > 0 ? modules.filter((m) => names.includes(m.name)) : modules;
const selected = flags.has('--with-floor') ? named.filter((m) => (thresholds[m.name]?.floor ?? null) !== null) : named;

const started = Date.now();
const reports: MutationReport[] = [];
for (const m of selected) {
  const reportFile = resolve(root, `reports/mutation/${m.name}.json`);
  rmSync(reportFile, { force: true });
  console.log(`\nmutation: ${m.name} — ${m.what}`);
  const stryker = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs', ...(flags.has('--incremental') ? ['--incremental'] : [])],
    {
      cwd: root,
      stdio: 'inherit',
      // Named parts of files (`file#name`) resolved here to Stryker's line ranges (stryker.config.mjs reads them).
      env: {
        ...process.env,
        MUTATION_MODULES: m.name,
        MUTATION_PATTERNS: JSON.stringify(toStrykerPatterns(m.mutate, (f) => readFileSync(resolve(root, f), 'utf8'))),
        ...(concurrency ? { MUTATION_CONCURRENCY: concurrency } : {}),
      },
    },
  );
  if (stryker.status !== 0 || !existsSync(reportFile)) {
    console.error(`mutation: Stryker failed on ${m.name} (exit ${stryker.status ?? stryker.signal}); no report to judge`);
    process.exit(1);
  }
  reports.push(JSON.parse(readFileSync(reportFile, 'utf8')) as MutationReport);
  if (flags.has('--incremental')) dropStatusReasons(resolve(root, `test/mutation/incremental/${m.name}.json`));
}
const seconds = Math.round((Date.now() - started) / 1000);
const report: MutationReport = { files: Object.assign({}, ...reports.map((r) => r.files)) };
const results = summarise(report, selected, thresholds);
console.log(`\nMutation score per module of the security core (${selected.length} module(s), Stryker ran ${seconds} s):\n`);
console.log(formatResults(results));

if (flags.has('--ratchet')) {
  const raised = ratchet(thresholds, results);
  writeFileSync(thresholdsFile, formatThresholds(raised));
  for (const r of results) {
    const before = thresholds[r.name]?.floor;
    const after = raised[r.name]?.floor;
    if (before !== after) console.log(`ratchet: ${r.name} floor ${before} → ${after}`);
  }
}

if (failed(results)) {
  console.error('\nmutation: FAILED — a module is below its floor. Kill the surviving mutants with tests that assert behaviour (never lower a floor).');
  process.exit(1);
}
console.log('\nmutation: every module is at or above its floor.');

/**
 * The committed incremental results keep what Stryker needs to reuse a result (sources, tests, each
 * mutant's status and covering tests), not the text of the failing assertion that killed it: that
 * text quotes test inputs (fast-check's counterexamples include key-shaped strings) and nothing reads it.
 */
function dropStatusReasons(file: string): void {
  if (!existsSync(file)) return;
  const data = JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, { mutants?: Array<{ statusReason?: unknown }> }> };
  for (const f of Object.values(data.files ?? {})) for (const mutant of f.mutants ?? []) delete mutant.statusReason;
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}
