/**
 * What the renderer can check about typed codes before asking AWS. Without the device's seed a
 * TOTP check is impossible here, so this is only about shape: six digits, and not the same twice.
 * The main process re-validates both (zod schema + handler).
 */
export type CodeProblem = 'notSixDigits' | 'sameCodeTwice';

/** People paste "123 456" or add a stray space; digits are what count. */
export const normalizeCode = (typed: string): string => typed.replace(/\s+/g, '');

export const isSixDigits = (code: string): boolean => /^\d{6}$/.test(code);

export function checkCodePair(typed1: string, typed2: string): { code1?: CodeProblem; code2?: CodeProblem } {
  const code1 = normalizeCode(typed1);
  const code2 = normalizeCode(typed2);
  const problems: { code1?: CodeProblem; code2?: CodeProblem } = {};
  if (!isSixDigits(code1)) problems.code1 = 'notSixDigits';
  if (!isSixDigits(code2)) problems.code2 = 'notSixDigits';
  else if (code1 === code2) problems.code2 = 'sameCodeTwice';
  return problems;
}
