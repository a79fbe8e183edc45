/**
 * `npm run bench`: measurements, not tests. Every `bench/*.bench.ts` exports `run(): Promise<void>`
 * that prints its own section; this runner finds and runs them in name order.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  const mod = (await import(`./${file}`)) as { run(): Promise<void> };
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  await mod.run();
}
