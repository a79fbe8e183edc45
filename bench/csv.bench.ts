/**
 * The CSV check's memory: validating 50,000 rows (the bulk import's "check the file" pass) in a
 * fresh process, peak RSS above the level before it (sampled every millisecond, and the process's
 * own high-water mark). Target: at most 20 MB over baseline. The file is written once by the
 * parent (`npm run bench`), so building it costs the measured process nothing.
 */
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importUsersCsv } from '../electron/admin/bulk/csv-import';
import { keyRow, repeat } from './support/repeat';
import { show } from './support/stats';

const ROWS = 50_000;
const mb = (b: number) => b / 1024 / 1024;

/** Writes a users CSV of `rows` rows, a thousand lines at a time. */
function writeCsv(rows: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-csv-')), `users-${rows}.csv`);
  const fd = openSync(file, 'w');
  writeSync(fd, 'userName,email,groups,tags');
  for (let i = 0; i < rows; i += 1000) {
    const n = Math.min(1000, rows - i);
    writeSync(fd, Array.from({ length: n }, (_, j) => `\nuser.${i + j},user${i + j}@example.com,developers|team-platform,team=platform|cost=${i + j}`).join(''));
  }
  closeSync(fd);
  return file;
}

export const measures = {
  async validate50k() {
    const file = process.env.BENCH_CSV_FILE ?? writeCsv(ROWS);
    // Warm the code path on a small file, then settle: the baseline is the process ready to check.
    await importUsersCsv(writeCsv(50), { keepRows: false });
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with --expose-gc');
    gc();
    gc();
    const base = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    const baseMax = process.resourceUsage().maxRSS * 1024;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
    const t = performance.now();
    const r = await importUsersCsv(file, { keepRows: false });
    const ms = performance.now() - t;
    peak = Math.max(peak, process.memoryUsage().rss);
    clearInterval(timer);
    if (r.validation.rowCount !== ROWS || r.validation.problemCount !== 0) throw new Error('validation lost rows or found problems');
    const highWater = process.resourceUsage().maxRSS * 1024;
    // What the check keeps (names, group counts, first problems): the heap after a full collection, `r` still held.
    gc();
    const retained = process.memoryUsage().heapUsed - baseHeap;
    if (r.validation.nameCount !== ROWS) throw new Error('names lost');
    return { rssOverBaselineMb: mb(peak - base), highWaterOverBaselineMb: mb(Math.max(0, highWater - Math.max(base, baseMax))), retainedMb: mb(retained), ms };
  },
};

export async function report(): Promise<void> {
  process.env.BENCH_CSV_FILE = writeCsv(ROWS);
  const r = await repeat('csv.bench.ts', 'validate50k');
  console.log(`CSV check of ${ROWS.toLocaleString('en-US')} rows (the streaming validation pass, no rows kept), each run a fresh process:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow('**CSV check of 50,000 rows: peak RSS over baseline (MB)**, sampled every 1 ms (target ≤ 20)', show(r.rssOverBaselineMb!, 1));
  keyRow('CSV check of 50,000 rows: process high-water mark over baseline (MB)', show(r.highWaterOverBaselineMb!, 1));
  keyRow('CSV check of 50,000 rows: kept after a full GC (MB) — names, group counts, first problems', show(r.retainedMb!, 1));
  keyRow('CSV check of 50,000 rows: time (ms)', show(r.ms!, 0));
}
