/**
 * `npm run bench`: measurements, not tests. Every `bench/*.bench.ts` exports `measures` (each runs
 * in a fresh Node process, spawned per run) and `report()`, which repeats its measures (3 runs by
 * default, BENCH_RUNS to change) and prints medians with min–max. `npm run bench -- bulk` runs one
 * file. At the end: how long each part took, and one table of the key figures to paste into the README.
 */
import { readdirSync } from 'node:fs';
import { cpus, freemem, totalmem, loadavg, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { RUNS, summary } from './support/repeat';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const cpu = cpus();
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Linux ${release()}, Node ${process.version}`;
const loadAtStart = load();
console.log(`Machine: ${machine}; load average at start ${loadAtStart}.`);
const took: Array<[string, number]> = [];
const start = performance.now();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  const part = file.replace('.bench.ts', '');
  const mod = (await import(`./${file}`)) as { report(): Promise<void> };
  console.log(`\n## ${part}\n`);
  const t = performance.now();
  await mod.report();
  took.push([part, (performance.now() - t) / 1000]);
}
const minutes = (s: number) => (s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);
console.log(`\n## Time per part (${RUNS} runs each)\n`);
for (const [part, s] of took) console.log(`- ${part}: ${minutes(s)}`);
console.log(`- total: ${minutes((performance.now() - start) / 1000)}; load average at the end ${load()}`);

console.log('\n## Summary (paste into README "Measurements")\n');
console.log(`Measured on: ${machine}; load average ${loadAtStart} at the start, ${load()} at the end. Each figure: median (min–max) of ${RUNS} runs, each in a fresh process.\n`);
console.log('| measure | median (min–max) |\n|---|---|');
for (const r of summary) console.log(`| ${r.what} | ${r.value} |`);
