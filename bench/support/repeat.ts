import { runMeasure } from './processes';
import { spread, type Spread } from './stats';

export const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Runs a measure RUNS times, each in a fresh process, one after the other; the spread of every figure. */
export async function repeat(file: string, measure: string, runs = RUNS): Promise<Record<string, Spread>> {
  const results: Array<Record<string, number>> = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    process.stderr.write(`  ${file} ${measure}: run ${i + 1}/${runs}…`);
    results.push(await runMeasure(file, measure));
    process.stderr.write(` ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  }
  const keys = Object.keys(results[0] ?? {});
  return Object.fromEntries(keys.map((k) => [k, spread(results.map((r) => r[k] as number))]));
}

/** A table row: "| what | median (min–max) |". */
export const row = (what: string, value: string): void => console.log(`| ${what} | ${value} |`);

/** The rows of the table `npm run bench` prints at the end, ready to paste into the README. */
export const summary: Array<{ what: string; value: string }> = [];

/** A row of this part's table that also goes into the final table. */
export function keyRow(what: string, value: string): void {
  row(what, value);
  summary.push({ what, value });
}
