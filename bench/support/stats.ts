/** Median and range of repeated runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
  return { median, min: s[0] as number, max: s[s.length - 1] as number, runs: s.length };
}

/** "12.3 (11.9–13.0)", or one number when every run agreed. */
export function show(x: Spread, digits = 1): string {
  const f = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return x.min === x.max ? `${f(x.median)} (all ${x.runs} runs)` : `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
}
