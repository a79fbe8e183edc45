import { runMeasure } from './processes';
import { spread, type Spread } from './stats';

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Runs a measure RUNS times, each in a fresh process, one after the other; the spread of every figure. */
export async function repeat(file: string, measure: string, runs = RUNS): Promise<Record<string, Spread>> {
  const results: Array<Record<string, number>> = [];
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`  ${file} ${measure}: run ${i + 1}/${runs}\n`);
    results.push(await runMeasure(file, measure));
  }
  const keys = Object.keys(results[0] ?? {});
  return Object.fromEntries(keys.map((k) => [k, spread(results.map((r) => r[k] as number))]));
}

/** A table row: "| what | median (min–max) |". */
export const row = (what: string, value: string): void => console.log(`| ${what} | ${value} |`);
