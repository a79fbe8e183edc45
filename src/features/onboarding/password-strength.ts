/**
 * zxcvbn with its dictionaries (~1 MB unpacked). Loaded only when the password step opens, via
 * dynamic import, so it stays out of the initial renderer bundle (budget: 200 KB gzip).
 * No translations are given to zxcvbn: its feedback then comes back as keys ("topTen",
 * "useWords"), which the app translates itself (there is no Korean zxcvbn language pack).
 */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  /** zxcvbn's warning key, e.g. "common". */
  warning: string | null;
  /** zxcvbn's suggestion keys, e.g. ["capitalization", "l33t"]. */
  suggestions: string[];
}
export type StrengthChecker = (password: string, userInputs: string[]) => Strength;

/** The lowest score accepted; a lower one is refused with zxcvbn's suggestions. */
export const MIN_ACCEPTED_SCORE = 2;
/** Scores below this (and at or above the minimum) are accepted with a warning. */
export const GOOD_SCORE = 3;

export async function createStrengthChecker(): Promise<StrengthChecker> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return (password, userInputs) => {
    const r = zxcvbn.check(password, userInputs);
    return { score: r.score, warning: r.feedback.warning || null, suggestions: r.feedback.suggestions };
  };
}
