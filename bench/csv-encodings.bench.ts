/**
 * Importing a 50,000-row users CSV in each encoding the app reads (as Excel, LibreOffice and
 * Google Sheets write them): CPU time, wall time and peak RSS above the baseline, each run in a
 * fresh process. A non-UTF-8 file costs one failed UTF-8 pass and one classification pass before
 * the parse; the numbers show what that adds. The files are written by the parent (`npm run
 * bench`), so building them costs the measured process nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { importUsersCsv } from '../electron/admin/bulk/csv-import';
import { repeat, row } from './support/repeat';
import { show } from './support/stats';

const ROWS = 50_000;
const ENCODINGS = ['utf-8', 'utf-16le', 'euc-kr', 'windows-1252'] as const;
type Encoding = (typeof ENCODINGS)[number];
const fileVar = (e: Encoding) => `BENCH_CSV_${e.replace(/-/g, '_').toUpperCase()}`;

function writeFileFor(encoding: Encoding, dir: string): string {
  const name = (i: number) => (encoding === 'windows-1252' ? `name=José ${i}` : `이름=사용자${i}`);
  const delimiter = encoding === 'utf-16le' ? '\t' : encoding === 'windows-1252' ? ';' : ',';
  const rows = Array.from({ length: ROWS }, (_, i) => [`user.${i}`, `user${i}@example.com`, 'developers|ops', `team=platform|${name(i)}`].join(delimiter));
  const text = [['userName', 'email', 'groups', 'tags'].join(delimiter), ...rows].join('\r\n') + '\r\n';
  const bytes =
    encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    : encoding === 'utf-8' ? Buffer.from(text)
    : iconv.encode(text, encoding === 'euc-kr' ? 'cp949' : 'windows-1252');
  const path = join(dir, `users-${encoding}.csv`);
  writeFileSync(path, bytes);
  return path;
}

/** One import of the full file (rows kept, as the preview does), in this fresh process. */
async function importOnce(encoding: Encoding): Promise<Record<string, number>> {
  const path = process.env[fileVar(encoding)] ?? writeFileFor(encoding, mkdtempSync(join(tmpdir(), 'bench-csv-')));
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let rss = 0;
  const timer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss - base)), 2);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importUsersCsv(path);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(timer);
  rss = Math.max(rss, process.memoryUsage().rss - base);
  if (r.rows.length !== ROWS || r.encoding !== encoding || r.problems.length > 0) throw new Error(`bad import: ${r.rows.length} rows, ${r.encoding}`);
  return { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rssMb: rss / 1024 / 1024 };
}

export const measures = Object.fromEntries(ENCODINGS.map((e) => [e, () => importOnce(e)])) as Record<Encoding, () => Promise<Record<string, number>>>;

export async function report(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-csv-'));
  for (const e of ENCODINGS) process.env[fileVar(e)] = writeFileFor(e, dir);
  const results = [];
  for (const e of ENCODINGS) results.push([e, await repeat('csv-encodings.bench.ts', e)] as const);
  console.log(`CSV import of ${ROWS.toLocaleString('en-US')} rows per encoding (rows kept, as for the preview), each run a fresh process:`);
  console.log('\n| encoding | CPU ms | wall ms | peak RSS over baseline, MB |\n|---|---|---|---|');
  for (const [e, r] of results) row(`${e} | ${show(r.cpuMs!, 0)} | ${show(r.wallMs!, 0)}`, show(r.rssMb!, 1));
}
