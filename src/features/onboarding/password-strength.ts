/**
 * zxcvbn with its dictionaries (~1 MB unpacked). Loaded only when the password step opens, via
 * dynamic import, so it stays out of the initial renderer bundle (budget: 200 KB gzip).
 */
export type StrengthChecker = (password: string, userInputs: string[]) => 0 | 1 | 2 | 3 | 4;

export async function createStrengthChecker(): Promise<StrengthChecker> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return (password, userInputs) => zxcvbn.check(password, userInputs).score;
}
