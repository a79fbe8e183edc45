/**
 * Importing a 50,000-row users CSV in each encoding the app reads (as Excel, LibreOffice and
 * Google Sheets write them): CPU time, wall time and peak RSS above the baseline, each of 3 runs
 * in a fresh process, printed as median (min–max). A non-UTF-8 file costs one failed UTF-8 pass
 * and one classification pass before the parse; the numbers show what that adds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { importUsersCsv } from '../electron/admin/bulk/csv-import';

const ROWS = 50_000;
const RUNS = 3;
const ENCODINGS = ['utf-8', 'utf-16le', 'euc-kr', 'windows-1252'] as const;
type Encoding = (typeof ENCODINGS)[number];

interface Sample {
  cpuMs: number;
  wallMs: number;
  rssMb: number;
}

function fileFor(encoding: Encoding): string {
  const name = (i: number) => (encoding === 'windows-1252' ? `name=José ${i}` : `이름=사용자${i}`);
  const delimiter = encoding === 'utf-16le' ? '\t' : encoding === 'windows-1252' ? ';' : ',';
  const rows = Array.from({ length: ROWS }, (_, i) => [`user.${i}`, `user${i}@example.com`, 'developers|ops', `team=platform|${name(i)}`].join(delimiter));
  const text = [['userName', 'email', 'groups', 'tags'].join(delimiter), ...rows].join('\r\n') + '\r\n';
  const bytes =
    encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    : encoding === 'utf-8' ? Buffer.from(text)
    : iconv.encode(text, encoding === 'euc-kr' ? 'cp949' : 'windows-1252');
  const path = join(mkdtempSync(join(tmpdir(), 'bench-csv-')), 'users.csv');
  writeFileSync(path, bytes);
  return path;
}

/** One measurement, in this (fresh) process. */
async function child(encoding: Encoding): Promise<void> {
  const path = fileFor(encoding);
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
  const sample: Sample = { cpuMs: (cpu.user + cpu.system) / 1000, wallMs, rssMb: rss / 1024 / 1024 };
  console.log(JSON.stringify(sample));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

export async function run(): Promise<void> {
  console.log(`| ${ROWS.toLocaleString('en')} rows | CPU ms | wall ms | peak RSS over baseline, MB |`);
  console.log('|---|---|---|---|');
  for (const encoding of ENCODINGS) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', encoding], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      samples.push(JSON.parse(out.stdout.trim().split('\n').pop()!) as Sample);
    }
    console.log(`| ${encoding} | ${fmt(samples.map((s) => s.cpuMs))} | ${fmt(samples.map((s) => s.wallMs))} | ${fmt(samples.map((s) => s.rssMb), 1)} |`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as Encoding);
