import { describe, expect, it } from 'vitest';
import { checkPassword, passwordMeetsPolicy } from '../../../../src/shared/password-policy/check-password';
import { generateTemporaryPassword, randomIndex } from '../../../../src/shared/password-policy/generate-password';
import {
  CIS_BASELINE_PASSWORD_POLICY,
  fromSdkPolicy,
  PASSWORD_SYMBOLS,
  type PasswordPolicy,
} from '../../../../src/shared/password-policy/password-policy';

const POLICIES: Array<[string, PasswordPolicy | 'awsDefault']> = [
  ['awsDefault', 'awsDefault'],
  ['no policy (SDK undefined)', fromSdkPolicy(undefined)],
  ['CIS baseline', CIS_BASELINE_PASSWORD_POLICY],
  ['symbols only, min 6', fromSdkPolicy({ MinimumPasswordLength: 6, RequireSymbols: true })],
  ['all classes, min 40', fromSdkPolicy({ MinimumPasswordLength: 40, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true })],
  ['min 128', fromSdkPolicy({ MinimumPasswordLength: 128, RequireNumbers: true })],
];

describe('generateTemporaryPassword', () => {
  it.each(POLICIES)('1000 passwords all satisfy %s', (_name, policy) => {
    const min = policy === 'awsDefault' ? 8 : policy.minimumPasswordLength;
    for (let i = 0; i < 1000; i++) {
      const pw = generateTemporaryPassword(policy);
      expect(pw.length).toBe(Math.max(20, min));
      const results = checkPassword(pw, policy, { userName: 'new.hire' });
      if (!passwordMeetsPolicy(results)) throw new Error(`generated password fails ${JSON.stringify(results)}`);
    }
  });

  it('always contains all four classes and no ambiguous characters', () => {
    for (let i = 0; i < 1000; i++) {
      const pw = generateTemporaryPassword('awsDefault');
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw).toMatch(/[0-9]/);
      expect([...pw].some((c) => PASSWORD_SYMBOLS.includes(c))).toBe(true);
      expect(pw).not.toMatch(/[0O1lIo|]/);
    }
  });

  it('honours a requested length, clamped to [max(20, min), 128]', () => {
    expect(generateTemporaryPassword('awsDefault', 32)).toHaveLength(32);
    expect(generateTemporaryPassword('awsDefault', 5)).toHaveLength(20);
    expect(generateTemporaryPassword(CIS_BASELINE_PASSWORD_POLICY, 500)).toHaveLength(128);
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generateTemporaryPassword('awsDefault')));
    expect(seen.size).toBe(500);
  });

  it('characters are roughly uniform (no gross bias)', () => {
    const counts = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < 2000; i++) {
      for (const c of generateTemporaryPassword('awsDefault', 64)) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
        total++;
      }
    }
    // 75 symbols; the forced one-per-class picks skew a little toward small classes. Allow ±35%.
    const mean = total / counts.size;
    for (const [c, n] of counts) {
      if (/[2-9]/.test(c) || PASSWORD_SYMBOLS.includes(c)) continue; // small classes, boosted by the forced picks
      expect(Math.abs(n - mean) / mean, c).toBeLessThan(0.35);
    }
  });
});

describe('randomIndex', () => {
  it('stays in range and covers it', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = randomIndex(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
      seen.add(v);
    }
    expect(seen.size).toBe(7);
    expect(randomIndex(1)).toBe(0);
  });

  it('rejects bad bounds', () => {
    expect(() => randomIndex(0)).toThrow(RangeError);
    expect(() => randomIndex(1.5)).toThrow(RangeError);
  });
});
