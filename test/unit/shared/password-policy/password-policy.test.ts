import { describe, expect, it } from 'vitest';
import {
  AWS_DEFAULT_PASSWORD_POLICY_RULES,
  CIS_BASELINE_PASSWORD_POLICY,
  CIS_BENCHMARK_VERSION,
  fromSdkPolicy,
  isDefaultRules,
  PASSWORD_SYMBOLS,
  policyAtLeast,
  strengthenPolicy,
  toSdkPolicyInput,
  type PasswordPolicy,
} from '../../../../src/shared/password-policy/password-policy';

const WEAK: PasswordPolicy = {
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: false,
  expirePasswords: true,
  maxPasswordAge: 180,
  passwordReusePrevention: 5,
  hardExpiry: false,
};

describe('constants', () => {
  it('IAM symbol set', () => {
    expect(PASSWORD_SYMBOLS).toBe("!@#$%^&*()_+-=[]{}|'");
  });

  it('CIS baseline: v4.0.1 1.8 (length >= 14) and 1.9 (reuse 24); no expiry, no class rules (NIST SP 800-63B)', () => {
    expect(CIS_BENCHMARK_VERSION).toBe('4.0.1');
    expect(CIS_BASELINE_PASSWORD_POLICY).toEqual({
      minimumPasswordLength: 14,
      passwordReusePrevention: 24,
      maxPasswordAge: null,
      expirePasswords: false,
      hardExpiry: false,
      requireSymbols: false,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
    });
    expect(isDefaultRules(CIS_BASELINE_PASSWORD_POLICY)).toBe(false);
  });

  it('AWS default rules are flagged', () => {
    expect(AWS_DEFAULT_PASSWORD_POLICY_RULES.defaultRules).toBe(true);
    expect(AWS_DEFAULT_PASSWORD_POLICY_RULES.minimumPasswordLength).toBe(8);
    expect(isDefaultRules(AWS_DEFAULT_PASSWORD_POLICY_RULES)).toBe(true);
  });
});

describe('SDK mapping', () => {
  it('fromSdkPolicy maps every field and treats 0 / missing ages as "none"', () => {
    expect(
      fromSdkPolicy({
        MinimumPasswordLength: 16,
        RequireSymbols: true,
        RequireNumbers: false,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 60,
        PasswordReusePrevention: 3,
        HardExpiry: true,
      }),
    ).toEqual({
      minimumPasswordLength: 16,
      requireSymbols: true,
      requireNumbers: false,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: true,
      expirePasswords: true,
      maxPasswordAge: 60,
      passwordReusePrevention: 3,
      hardExpiry: true,
    });
    expect(fromSdkPolicy({ MinimumPasswordLength: 10, MaxPasswordAge: 0 })).toMatchObject({
      minimumPasswordLength: 10,
      maxPasswordAge: null,
      expirePasswords: false,
      passwordReusePrevention: null,
      requireSymbols: false,
    });
  });

  it('fromSdkPolicy(undefined) is the AWS default rules', () => {
    const p = fromSdkPolicy(undefined);
    expect(isDefaultRules(p)).toBe(true);
    expect(p).not.toBe(AWS_DEFAULT_PASSWORD_POLICY_RULES);
  });

  it('toSdkPolicyInput sends every settable field and omits nulls and ExpirePasswords', () => {
    expect(toSdkPolicyInput(CIS_BASELINE_PASSWORD_POLICY)).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      HardExpiry: false,
      PasswordReusePrevention: 24,
    });
    const input = toSdkPolicyInput({ ...WEAK, maxPasswordAge: null, passwordReusePrevention: null });
    expect(input).not.toHaveProperty('MaxPasswordAge');
    expect(input).not.toHaveProperty('PasswordReusePrevention');
    expect(input).not.toHaveProperty('ExpirePasswords');
  });

  it('round-trips through the SDK shape', () => {
    expect(fromSdkPolicy({ ...toSdkPolicyInput(WEAK), ExpirePasswords: true })).toEqual(WEAK);
  });
});

describe('policyAtLeast', () => {
  it('lists only the fields where current is weaker', () => {
    // The baseline asks no expiry: an existing 180-day expiry is not a shortfall, and is not shortened.
    expect(policyAtLeast(WEAK, CIS_BASELINE_PASSWORD_POLICY)).toEqual([
      { field: 'minimumPasswordLength', current: 8, target: 14 },
      { field: 'passwordReusePrevention', current: 5, target: 24 },
    ]);
  });

  it('is empty when current meets or beats the baseline', () => {
    expect(policyAtLeast(CIS_BASELINE_PASSWORD_POLICY, CIS_BASELINE_PASSWORD_POLICY)).toEqual([]);
    const stronger = { ...CIS_BASELINE_PASSWORD_POLICY, minimumPasswordLength: 20, maxPasswordAge: 30, hardExpiry: true };
    expect(policyAtLeast(stronger, CIS_BASELINE_PASSWORD_POLICY)).toEqual([]);
  });

  it('no policy (null) compares as the AWS defaults', () => {
    const diff = policyAtLeast(null, CIS_BASELINE_PASSWORD_POLICY);
    expect(diff.map((d) => d.field)).toEqual(['minimumPasswordLength', 'passwordReusePrevention']);
    expect(diff[0]).toEqual({ field: 'minimumPasswordLength', current: 8, target: 14 });
    expect(diff[1]).toEqual({ field: 'passwordReusePrevention', current: null, target: 24 });
  });
});

describe('strengthenPolicy', () => {
  it('takes the stronger value of each field', () => {
    const current = { ...WEAK, minimumPasswordLength: 20, maxPasswordAge: 30, hardExpiry: true };
    // Everything the account already has stays (classes, expiry, hard expiry); reuse rises to 24.
    expect(strengthenPolicy(current, CIS_BASELINE_PASSWORD_POLICY)).toEqual({
      ...current,
      expirePasswords: true,
      passwordReusePrevention: 24,
    });
    expect(policyAtLeast(strengthenPolicy(WEAK, CIS_BASELINE_PASSWORD_POLICY), CIS_BASELINE_PASSWORD_POLICY)).toEqual([]);
  });

  it('no policy -> the baseline, without the defaultRules flag', () => {
    const p = strengthenPolicy(fromSdkPolicy(undefined), CIS_BASELINE_PASSWORD_POLICY);
    expect(p).toEqual(CIS_BASELINE_PASSWORD_POLICY);
    expect(isDefaultRules(p)).toBe(false);
  });
});
