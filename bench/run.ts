/**
 * `npm run bench`: measurements, not tests. Every `bench/*.bench.ts` exports `measures` (each runs
 * in a fresh Node process, spawned per run) and `report()`, which repeats its measures (3 runs by
 * default, BENCH_RUNS to change) and prints medians with min–max. `npm run bench -- bulk` runs one file.
 */
import { readdirSync } from 'node:fs';
import { cpus, freemem, totalmem, loadavg, release } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const cpu = cpus();
console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), Linux ${release()}, Node ${process.version}; load average at start ${loadavg().map((l) => l.toFixed(1)).join(' / ')}.`);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  const mod = (await import(`./${file}`)) as { report(): Promise<void> };
  console.log(`\n## ${file.replace('.bench.ts', '')}\n`);
  await mod.report();
}
