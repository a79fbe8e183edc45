import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMutateEntry, toStrykerPatterns } from '../../../scripts/mutation/named-ranges';
import {
  failed,
  formatResults,
  formatThresholds,
  ratchet,
  sourceAt,
  summarise,
  type MutationModule,
  type MutationReport,
  type ReportMutant,
  type Thresholds,
} from '../../../scripts/mutation/summary';

const modulesFile = 'test/mutation/modules.json';
const thresholdsFile = 'test/mutation/thresholds.json';

const mutant = (id: string, status: string, line = 1, replacement = 'false'): ReportMutant => ({
  id,
  mutatorName: 'ConditionalExpression',
  replacement,
  status,
  location: { start: { line, column: 8 }, end: { line, column: 13 } },
});
const module = (name: string, mutate: string[]): MutationModule => ({ name, what: name, mutate, tests: [] });

describe('summarise: the score per module, as Stryker counts it', () => {
  const report: MutationReport = {
    files: {
      'a.ts': { source: 'return ok && x;\nsecond line', mutants: [mutant('1', 'Killed'), mutant('2', 'Timeout'), mutant('3', 'Survived'), mutant('4', 'NoCoverage', 2, '""')] },
      'b.ts': { source: 'x', mutants: [mutant('5', 'CompileError'), mutant('6', 'RuntimeError'), mutant('7', 'Ignored'), mutant('8', 'Killed')] },
      'c.ts': { source: 'x', mutants: [mutant('9', 'CompileError')] },
    },
  };

  it('killed and timed-out over everything valid; compile and runtime errors and ignored mutants do not count', () => {
    const [r] = summarise(report, [module('m', ['a.ts', 'b.ts'])], { m: { floor: 60 } });
    expect(r).toMatchObject({ killed: 2, timedOut: 1, survived: 1, noCoverage: 1, invalid: 2, score: 60, floor: 60, verdict: 'pass' });
    expect(r!.survivors).toEqual([
      { file: 'a.ts', line: 1, column: 8, mutator: 'ConditionalExpression', status: 'Survived', original: 'ok &&', replacement: 'false' },
      { file: 'a.ts', line: 2, column: 8, mutator: 'ConditionalExpression', status: 'NoCoverage', original: 'line', replacement: '""' },
    ]);
  });

  it('below the floor fails; no floor (a module waiting for its rewrite) reports without failing', () => {
    const below = summarise(report, [module('m', ['a.ts'])], { m: { floor: 60 } });
    expect(below[0]).toMatchObject({ score: 50, verdict: 'below' });
    expect(failed(below)).toBe(true);
    const pending = summarise(report, [module('m', ['a.ts'])], { m: { floor: null, pending: '#11' } });
    expect(pending[0]).toMatchObject({ score: 50, verdict: 'noFloor', pending: '#11' });
    expect(failed(pending)).toBe(false);
  });

  it('a module with a floor but no valid mutant left (its files renamed away) fails', () => {
    const gone = summarise(report, [module('m', ['c.ts', 'missing.ts'])], { m: { floor: 90 } });
    expect(gone[0]).toMatchObject({ score: null, verdict: 'noMutants' });
    expect(failed(gone)).toBe(true);
    expect(failed(summarise(report, [module('m', ['c.ts'])], { m: { floor: null } }))).toBe(false);
  });

  it('scores are floored to two decimals, never rounded up past a floor', () => {
    const thirds: MutationReport = { files: { 't.ts': { source: 'x', mutants: [mutant('1', 'Killed'), mutant('2', 'Killed'), mutant('3', 'Survived')] } } };
    expect(summarise(thirds, [module('m', ['t.ts'])], {})[0]!.score).toBe(66.66);
  });

  it('the printed table names each module, its score and floor, and lists every survivor with its source', () => {
    const text = formatResults(summarise(report, [module('m', ['a.ts']), module('p', ['b.ts'])], { m: { floor: 60 }, p: { floor: null, pending: '#12 rewrites it' } }));
    expect(text).toContain('BELOW 60');
    expect(text).toContain('no floor yet (#12 rewrites it)');
    expect(text).toContain('a.ts:1:8 ConditionalExpression: ok &&  →  false');
    expect(text).toContain('a.ts:2:8 ConditionalExpression [no test reaches it]: line  →  ""');
  });
});

describe('sourceAt', () => {
  it('cuts a span on one line and across lines (1-based lines and columns)', () => {
    const src = 'const a = 1;\nif (x) {\n  y();\n}';
    expect(sourceAt(src, { line: 1, column: 7 }, { line: 1, column: 8 })).toBe('a');
    expect(sourceAt(src, { line: 2, column: 8 }, { line: 4, column: 2 })).toBe('{\n  y();\n}');
  });
});

describe('ratchet: floors only go up', () => {
  const results = (scores: Record<string, number | null>) =>
    Object.entries(scores).map(([name, score]) => ({ ...summarise({ files: {} }, [module(name, [])], {})[0]!, name, score }));

  it('raises a floor to the whole score reached, never lowers one, and leaves pending modules alone', () => {
    const before: Thresholds = { up: { floor: 90 }, down: { floor: 95 }, same: { floor: 92 }, pending: { floor: null, pending: '#13' }, none: { floor: 90 } };
    const after = ratchet(before, results({ up: 97.8, down: 80, same: 92.99, pending: 99, none: null, unknown: 100 }));
    expect(after).toEqual({ up: { floor: 97 }, down: { floor: 95 }, same: { floor: 92 }, pending: { floor: null, pending: '#13' }, none: { floor: 90 } });
    expect(before.up!.floor).toBe(90);
  });
});

describe('the committed configuration', () => {
  const { modules } = JSON.parse(readFileSync(modulesFile, 'utf8')) as { modules: MutationModule[] };
  const thresholds = JSON.parse(readFileSync(thresholdsFile, 'utf8')) as Thresholds;

  it('every module names source files and tests that exist, and no file belongs to two modules', () => {
    const seen = new Set<string>();
    for (const m of modules) {
      expect(m.mutate.length, m.name).toBeGreaterThan(0);
      expect(m.tests.length, m.name).toBeGreaterThan(0);
      const files = m.mutate.map((e) => parseMutateEntry(e).file);
      for (const f of [...files, ...m.tests]) expect(existsSync(f), `${m.name}: ${f}`).toBe(true);
      for (const f of files) {
        expect(seen.has(f), `${f} in two modules`).toBe(false);
        seen.add(f);
      }
    }
  });

  it('every module has a floor of at least 90%, or none yet with the reason; thresholds.json is as the ratchet writes it', () => {
    expect(Object.keys(thresholds).sort()).toEqual(modules.map((m) => m.name).sort());
    for (const [name, t] of Object.entries(thresholds)) {
      if (t.floor === null) expect(t.pending, name).toMatch(/\S/);
      else expect(t.floor, name).toBeGreaterThanOrEqual(90);
    }
    expect(formatThresholds(thresholds)).toBe(readFileSync(thresholdsFile, 'utf8'));
  });
});

describe('named parts of a file (file#name)', () => {
  const source = [
    'export class Holder {', //                       1
    '  holdsSecrets(): boolean {', //                 2
    '    return this.x !== null;', //                  3
    '  }', //                                          4
    '  get wipe() { return 1; }', //                   5
    '  other() {}', //                                 6
    '}', //                                            7
    'const wipe = () => {', //                         8
    '  x = null;', //                                  9
    '};', //                                           10
    'hold({ holdsSecrets: () => true, wipe });', //    11
  ].join('\n');

  it('resolves every function, method, getter and property of each name to its lines, once per range', () => {
    expect(toStrykerPatterns(['a.ts#holdsSecrets,wipe'], () => source)).toEqual(['a.ts:2-4', 'a.ts:11-11', 'a.ts:5-5', 'a.ts:8-10']);
    expect(toStrykerPatterns(['b.ts'], () => source)).toEqual(['b.ts']);
  });

  it('a module of named parts is judged on the mutants of its file (the report knows files, not names)', () => {
    const mutant = (id: string, status: string): ReportMutant => ({ id, mutatorName: 'BlockStatement', status, location: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } });
    const report: MutationReport = { files: { 'a.ts': { source: 'x', mutants: [mutant('1', 'Killed'), mutant('2', 'Survived')] } } };
    expect(summarise(report, [module('m', ['a.ts#wipe'])], { m: { floor: 50 } })[0]).toMatchObject({ killed: 1, survived: 1, score: 50, verdict: 'pass' });
  });

  it('a name that is not in the file fails the run (a renamed wiper cannot drop out of the module silently)', () => {
    expect(() => toStrykerPatterns(['a.ts#wipe,gone'], () => source)).toThrow('a.ts has no function, method or property named gone');
  });

  it('every named part of the committed modules resolves', () => {
    const { modules } = JSON.parse(readFileSync(modulesFile, 'utf8')) as { modules: MutationModule[] };
    for (const m of modules) expect(() => toStrykerPatterns(m.mutate), m.name).not.toThrow();
  });
});
