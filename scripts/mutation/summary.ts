/**
 * Reads Stryker's JSON report (mutation-testing-report-schema) and judges it per module of the
 * security core: score, surviving mutants, and each module against its floor in thresholds.json.
 * Pure, so the ratchet's rules are unit-tested.
 */

export interface MutationModule {
  name: string;
  what: string;
  mutate: string[];
  tests: string[];
}

export interface Floor {
  /** The lowest score accepted; null while the module waits for a rewrite (see `pending`). */
  floor: number | null;
  pending?: string;
}

export type Thresholds = Record<string, Floor>;

interface ReportPosition {
  line: number;
  column: number;
}

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: ReportPosition; end: ReportPosition };
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
}

export interface Survivor {
  file: string;
  line: number;
  column: number;
  mutator: string;
  status: 'Survived' | 'NoCoverage';
  original: string;
  replacement: string;
}

export interface ModuleResult {
  name: string;
  killed: number;
  survived: number;
  noCoverage: number;
  timedOut: number;
  /** Mutants that do not compile or crash the runner: not counted, as Stryker does. */
  invalid: number;
  /** Killed or timed out, over everything valid; null when the module has no valid mutant. */
  score: number | null;
  survivors: Survivor[];
  floor: number | null;
  pending: string | null;
  verdict: 'pass' | 'below' | 'noFloor' | 'noMutants';
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export function summarise(report: MutationReport, modules: readonly MutationModule[], thresholds: Thresholds): ModuleResult[] {
  return modules.map((m) => {
    const counts = { killed: 0, survived: 0, noCoverage: 0, timedOut: 0, invalid: 0 };
    const survivors: Survivor[] = [];
    // A `file#name,…` entry mutates named parts of the file; the report knows the file.
    for (const file of m.mutate.map((e) => e.split('#')[0]!)) {
      const entry = report.files[file];
      if (!entry) continue;
      for (const mutant of entry.mutants) {
        if (mutant.status === 'Killed') counts.killed++;
        else if (mutant.status === 'Timeout') counts.timedOut++;
        else if (mutant.status === 'Survived') counts.survived++;
        else if (mutant.status === 'NoCoverage') counts.noCoverage++;
        else if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError') counts.invalid++;
        if (UNDETECTED.has(mutant.status)) survivors.push(toSurvivor(file, entry.source, mutant));
      }
    }
    const detected = counts.killed + counts.timedOut;
    const valid = detected + counts.survived + counts.noCoverage;
    const score = valid === 0 ? null : Math.floor((detected / valid) * 10_000) / 100;
    const floor = thresholds[m.name]?.floor ?? null;
    const verdict: ModuleResult['verdict'] = score === null ? 'noMutants' : floor === null ? 'noFloor' : score >= floor ? 'pass' : 'below';
    return { name: m.name, ...counts, score, survivors, floor, pending: thresholds[m.name]?.pending ?? null, verdict };
  });
}

function toSurvivor(file: string, source: string, m: ReportMutant): Survivor {
  return {
    file,
    line: m.location.start.line,
    column: m.location.start.column,
    mutator: m.mutatorName,
    status: m.status as Survivor['status'],
    original: sourceAt(source, m.location.start, m.location.end),
    replacement: m.replacement ?? '',
  };
}

/** The text between two 1-based line / 1-based column positions of the report schema. */
export function sourceAt(source: string, start: ReportPosition, end: ReportPosition): string {
  const lines = source.split('\n');
  if (start.line === end.line) return lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? '';
  const first = lines[start.line - 1]?.slice(start.column - 1) ?? '';
  const middle = lines.slice(start.line, end.line - 1);
  const last = lines[end.line - 1]?.slice(0, end.column - 1) ?? '';
  return [first, ...middle, last].join('\n');
}

/** True when any module with a floor scored below it (or has no mutant left to score). */
export function failed(results: readonly ModuleResult[]): boolean {
  return results.some((r) => r.verdict === 'below' || (r.verdict === 'noMutants' && r.floor !== null));
}

/**
 * The ratchet: a module's floor only goes up, to its whole-number score. A module waiting for a
 * rewrite (`pending`) keeps no floor until someone sets one by hand.
 */
export function ratchet(thresholds: Thresholds, results: readonly ModuleResult[]): Thresholds {
  const out: Thresholds = structuredClone(thresholds);
  for (const r of results) {
    const current = out[r.name];
    if (!current || current.floor === null || r.score === null) continue;
    const reached = Math.floor(r.score);
    if (reached > current.floor) current.floor = reached;
  }
  return out;
}

/** thresholds.json as committed: one module per line, so a raised floor is a one-line diff. */
export function formatThresholds(t: Thresholds): string {
  const lines = Object.entries(t).map(([name, floor]) => `  ${JSON.stringify(name)}: ${JSON.stringify(floor).replace(/,"/g, ', "').replace(/":/g, '": ').replace(/^\{/, '{ ').replace(/\}$/, ' }')}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

const pct = (n: number | null) => (n === null ? '   -  ' : `${n.toFixed(2).padStart(6)}`);
const oneLine = (s: string, max = 70) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The table and the survivors, as `npm run mutation` prints them. */
export function formatResults(results: readonly ModuleResult[]): string {
  const out: string[] = [];
  out.push('module                score%  floor  killed  timeout  survived  no-cover  invalid  verdict');
  for (const r of results) {
    const verdict =
      r.verdict === 'pass' ? 'ok' : r.verdict === 'below' ? `BELOW ${r.floor}` : r.verdict === 'noFloor' ? `no floor yet${r.pending ? ` (${r.pending})` : ''}` : r.floor === null ? 'no mutants' : 'NO MUTANTS';
    out.push(
      [
        r.name.padEnd(20),
        pct(r.score),
        String(r.floor ?? '-').padStart(6),
        String(r.killed).padStart(7),
        String(r.timedOut).padStart(8),
        String(r.survived).padStart(9),
        String(r.noCoverage).padStart(9),
        String(r.invalid).padStart(8),
        ` ${verdict}`,
      ].join(' '),
    );
  }
  for (const r of results) {
    if (r.survivors.length === 0) continue;
    out.push('', `${r.name}: ${r.survivors.length} surviving mutant(s)`);
    for (const s of r.survivors) {
      const tag = s.status === 'NoCoverage' ? ' [no test reaches it]' : '';
      out.push(`  ${s.file}:${s.line}:${s.column} ${s.mutator}${tag}: ${oneLine(s.original)}  →  ${oneLine(s.replacement)}`);
    }
  }
  return out.join('\n');
}
