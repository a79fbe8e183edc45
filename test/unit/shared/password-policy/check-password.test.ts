import { describe, expect, it } from 'vitest';
import { checkPassword, passwordMeetsPolicy, type RuleResult } from '../../../../src/shared/password-policy/check-password';
import {
  AWS_DEFAULT_PASSWORD_POLICY_RULES,
  CIS_BASELINE_PASSWORD_POLICY,
  fromSdkPolicy,
  type PasswordPolicy,
} from '../../../../src/shared/password-policy/password-policy';

const byRule = (r: RuleResult[]) => Object.fromEntries(r.map((x) => [x.rule, x.ok]));

/** Every class required (the old CIS 1.2 profile): the fixture for the class rules. */
const ALL_CLASSES_14: PasswordPolicy = {
  ...CIS_BASELINE_PASSWORD_POLICY,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
};

const ONLY_LENGTH_12: PasswordPolicy = {
  ...CIS_BASELINE_PASSWORD_POLICY,
  minimumPasswordLength: 12,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
};

describe('checkPassword with an account policy', () => {
  it('lists exactly the applicable rules', () => {
    expect(checkPassword('x', ALL_CLASSES_14).map((r) => r.rule)).toEqual([
      'minLength',
      'maxLength',
      'uppercase',
      'lowercase',
      'numbers',
      'symbols',
    ]);
    expect(checkPassword('x', ONLY_LENGTH_12).map((r) => r.rule)).toEqual(['minLength', 'maxLength']);
  });

  it('reports each class independently', () => {
    expect(byRule(checkPassword('abcdefghijklmn', ALL_CLASSES_14))).toEqual({
      minLength: true,
      maxLength: true,
      uppercase: false,
      lowercase: true,
      numbers: false,
      symbols: false,
    });
    const good = checkPassword("Abcdefghijk1'm", ALL_CLASSES_14);
    expect(passwordMeetsPolicy(good)).toBe(true);
  });

  it('counts only the IAM symbol set as symbols', () => {
    expect(byRule(checkPassword('Abcdefghijk1.~', ALL_CLASSES_14)).symbols).toBe(false);
    for (const s of "!@#$%^&*()_+-=[]{}|'") {
      expect(byRule(checkPassword(`Abcdefghijk1${s}x`, ALL_CLASSES_14)).symbols, s).toBe(true);
    }
  });

  it('does not count non-ASCII letters or digits as classes', () => {
    expect(byRule(checkPassword('ÄÖÜäöü١٢٣강한비밀번호', ALL_CLASSES_14))).toMatchObject({
      uppercase: false,
      lowercase: false,
      numbers: false,
    });
  });

  it('min/max length with params, counting characters not UTF-16 units', () => {
    const r = checkPassword('a'.repeat(13), ALL_CLASSES_14);
    expect(r[0]).toEqual({ rule: 'minLength', ok: false, params: { min: 14, length: 13 } });
    expect(checkPassword('😀'.repeat(12), ONLY_LENGTH_12)[0]!.ok).toBe(true);
    expect(byRule(checkPassword('a'.repeat(128), ONLY_LENGTH_12)).maxLength).toBe(true);
    expect(checkPassword('a'.repeat(129), ONLY_LENGTH_12)[1]).toEqual({ rule: 'maxLength', ok: false, params: { max: 128, length: 129 } });
  });

  it('notUserName (case-insensitive) and notSameAsOld only when context is given', () => {
    const r = checkPassword('Jane.Doe', ONLY_LENGTH_12, { userName: 'jane.doe', oldPassword: 'Jane.Doe' });
    expect(byRule(r)).toMatchObject({ notUserName: false, notSameAsOld: false });
    const ok = checkPassword('Something-Else-Entirely', ONLY_LENGTH_12, { userName: 'jane.doe', oldPassword: 'Temp#Pass1234567890' });
    expect(byRule(ok)).toMatchObject({ notUserName: true, notSameAsOld: true });
    expect(passwordMeetsPolicy(ok)).toBe(true);
  });
});

describe("checkPassword with AWS's default rules", () => {
  it('8..128, three of four classes, not the user name', () => {
    const rules = checkPassword('abc', 'awsDefault', { userName: 'bob' });
    expect(rules.map((r) => r.rule)).toEqual(['minLength', 'maxLength', 'threeOfFour', 'notUserName']);
    expect(rules[0]!.params).toMatchObject({ min: 8 });
  });

  it.each([
    ['abcdefgh', false, 1],
    ['abcdEFGH', false, 2],
    ['abcdEF12', true, 3],
    ['abcdEF1!', true, 4],
    ['abcd12!!', true, 3],
    ['ABCD12!!', true, 3],
  ])('%s -> threeOfFour %s (%i classes)', (pw, ok, count) => {
    const r = checkPassword(pw, 'awsDefault').find((x) => x.rule === 'threeOfFour');
    expect(r).toEqual({ rule: 'threeOfFour', ok, params: { count, required: 3 } });
  });

  it('the flagged policy object behaves like "awsDefault"', () => {
    expect(checkPassword('abcdEF12', AWS_DEFAULT_PASSWORD_POLICY_RULES)).toEqual(checkPassword('abcdEF12', 'awsDefault'));
    expect(checkPassword('abcdEF12', fromSdkPolicy(undefined))).toEqual(checkPassword('abcdEF12', 'awsDefault'));
  });

  it('a password equal to the user name fails', () => {
    expect(passwordMeetsPolicy(checkPassword('Alice.Smith1', 'awsDefault', { userName: 'alice.smith1' }))).toBe(false);
  });
});

describe('passwordMeetsPolicy', () => {
  it('is true only when every rule passes', () => {
    expect(passwordMeetsPolicy([])).toBe(true);
    expect(passwordMeetsPolicy([{ rule: 'minLength', ok: true }, { rule: 'symbols', ok: false }])).toBe(false);
  });
});
