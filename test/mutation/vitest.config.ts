import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/**
 * Vitest as Stryker runs it for one module of the security core: only that module's tests
 * (MUTATION_TESTS, set by stryker.config.mjs). Narrowing here rather than with Stryker's
 * `testFiles` keeps static mutants (module-level allow-lists and regexes) honest: with
 * `testFiles`, Stryker 9 activates them only after the module has loaded, so they all "survive".
 */
const tests = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);
if (tests.length === 0) throw new Error('test/mutation/vitest.config.ts: MUTATION_TESTS names no test file');

export default defineConfig({
  ...base,
  root: resolve(import.meta.dirname, '../..'),
  test: { ...base.test, include: tests, setupFiles: ['test/mutation/fast-check-seed.ts'] },
});
