/**
 * Rule-by-rule password check for the live checklist on the password step (and for generated
 * passwords). Mirrors what IAM enforces so ChangePassword does not fail with a bare
 * PasswordPolicyViolation.
 */
import {
  AWS_DEFAULT_PASSWORD_POLICY_RULES,
  isDefaultRules,
  PASSWORD_MAX_LENGTH,
  PASSWORD_SYMBOLS,
  type PasswordPolicy,
} from './password-policy';

export type PasswordRule =
  | 'minLength'
  | 'maxLength'
  | 'symbols'
  | 'numbers'
  | 'uppercase'
  | 'lowercase'
  | 'threeOfFour'
  | 'notUserName'
  | 'notSameAsOld';

export interface RuleResult {
  rule: PasswordRule;
  ok: boolean;
  params?: Record<string, number | string>;
}

export interface CharacterClasses {
  uppercase: boolean;
  lowercase: boolean;
  numbers: boolean;
  symbols: boolean;
}

/** IAM counts ASCII letters/digits and its own symbol set; other characters count for no class. */
export function characterClasses(password: string): CharacterClasses {
  let uppercase = false;
  let lowercase = false;
  let numbers = false;
  let symbols = false;
  for (const ch of password) {
    if (ch >= 'A' && ch <= 'Z') uppercase = true;
    else if (ch >= 'a' && ch <= 'z') lowercase = true;
    else if (ch >= '0' && ch <= '9') numbers = true;
    else if (PASSWORD_SYMBOLS.includes(ch)) symbols = true;
  }
  return { uppercase, lowercase, numbers, symbols };
}

/** Length in characters (code points), not UTF-16 units. */
const lengthOf = (s: string): number => [...s].length;

export function checkPassword(
  password: string,
  policy: PasswordPolicy | 'awsDefault',
  ctx?: { userName?: string; oldPassword?: string },
): RuleResult[] {
  const p = policy === 'awsDefault' ? AWS_DEFAULT_PASSWORD_POLICY_RULES : policy;
  const defaults = policy === 'awsDefault' || isDefaultRules(p);
  const len = lengthOf(password);
  const cls = characterClasses(password);
  const results: RuleResult[] = [
    { rule: 'minLength', ok: len >= p.minimumPasswordLength, params: { min: p.minimumPasswordLength, length: len } },
    { rule: 'maxLength', ok: len <= PASSWORD_MAX_LENGTH, params: { max: PASSWORD_MAX_LENGTH, length: len } },
  ];
  if (defaults) {
    const count = [cls.uppercase, cls.lowercase, cls.numbers, cls.symbols].filter(Boolean).length;
    results.push({ rule: 'threeOfFour', ok: count >= 3, params: { count, required: 3 } });
  } else {
    if (p.requireUppercaseCharacters) results.push({ rule: 'uppercase', ok: cls.uppercase });
    if (p.requireLowercaseCharacters) results.push({ rule: 'lowercase', ok: cls.lowercase });
    if (p.requireNumbers) results.push({ rule: 'numbers', ok: cls.numbers });
    if (p.requireSymbols) results.push({ rule: 'symbols', ok: cls.symbols, params: { symbols: PASSWORD_SYMBOLS } });
  }
  // AWS enforces "not the user name" only for its default rules; we check it whenever we know the
  // name, since a password equal to the user name is never what anyone wants.
  if (ctx?.userName) {
    results.push({ rule: 'notUserName', ok: password.toLowerCase() !== ctx.userName.toLowerCase() });
  }
  // Changing the temporary password to itself defeats the point (and IAM refuses it under reuse prevention).
  if (ctx?.oldPassword !== undefined && ctx.oldPassword !== '') {
    results.push({ rule: 'notSameAsOld', ok: password !== ctx.oldPassword });
  }
  return results;
}

export const passwordMeetsPolicy = (results: RuleResult[]): boolean => results.every((r) => r.ok);
