import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword, passwordMeetsPolicy } from '../../../../src/shared/password-policy/check-password';
import {
  GENERATED_PASSWORD_ALPHABET,
  generatedPasswordEntropyBits,
  generateTemporaryPassword,
  randomIndex,
} from '../../../../src/shared/password-policy/generate-password';
import {
  CIS_BASELINE_PASSWORD_POLICY,
  fromSdkPolicy,
  PASSWORD_SYMBOLS,
  type PasswordPolicy,
} from '../../../../src/shared/password-policy/password-policy';

/** Any policy IAM accepts (UpdateAccountPasswordPolicy: MinimumPasswordLength 6..128), or none at all. */
const policyArb: fc.Arbitrary<PasswordPolicy | 'awsDefault'> = fc.oneof(
  fc.constant('awsDefault' as const),
  fc.constant(fromSdkPolicy(undefined)),
  fc
    .record({
      MinimumPasswordLength: fc.integer({ min: 6, max: 128 }),
      RequireSymbols: fc.boolean(),
      RequireNumbers: fc.boolean(),
      RequireUppercaseCharacters: fc.boolean(),
      RequireLowercaseCharacters: fc.boolean(),
      MaxPasswordAge: fc.option(fc.integer({ min: 1, max: 1095 }), { nil: undefined }),
      PasswordReusePrevention: fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined }),
    })
    .map((p) => fromSdkPolicy(p)),
);
const userNameArb = fc.stringMatching(/^[A-Za-z0-9_+=,.@-]{1,64}$/);

/** Characters people misread (O0 l1I |!), and what a spreadsheet or a shell quote would change. */
const LOOK_ALIKES = /[0Oo1lI|!`'"]/;
/** Excel and LibreOffice read a cell starting with one of these as a formula or a text marker. */
const SPREADSHEET_LEADING = /^[=+\-@'\t\r]/;

describe('generateTemporaryPassword (property-based)', () => {
  it('meets every policy, has the expected length, and reads unambiguously — 20,000 passwords over random policies', () => {
    fc.assert(
      fc.property(policyArb, userNameArb, fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }), (policy, userName, requested) => {
        const pw = generateTemporaryPassword(policy, requested);
        const min = policy === 'awsDefault' ? 8 : policy.minimumPasswordLength;
        expect(pw.length).toBe(Math.min(128, Math.max(20, min, requested ?? 0)));
        const results = checkPassword(pw, policy, { userName });
        expect(passwordMeetsPolicy(results), JSON.stringify(results)).toBe(true);
        // IAM's own rule under a policy that requires symbols: at least one of its symbol set.
        expect([...pw].some((c) => PASSWORD_SYMBOLS.includes(c))).toBe(true);
        expect(pw).not.toMatch(LOOK_ALIKES);
        expect(pw).not.toMatch(SPREADSHEET_LEADING);
        expect([...pw].every((c) => GENERATED_PASSWORD_ALPHABET.includes(c))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('the alphabet: 61 characters, no look-alike, every symbol counted by IAM, none a spreadsheet treats specially', () => {
    expect(GENERATED_PASSWORD_ALPHABET).toHaveLength(61);
    expect(new Set(GENERATED_PASSWORD_ALPHABET).size).toBe(61);
    for (const c of GENERATED_PASSWORD_ALPHABET) {
      expect(c).not.toMatch(LOOK_ALIKES);
      expect(c).not.toMatch(SPREADSHEET_LEADING);
      if (!/[A-Za-z0-9]/.test(c)) expect(PASSWORD_SYMBOLS).toContain(c);
    }
  });

  it('strength: ~118 bits at 20 characters, counted exactly', () => {
    // n = 4: exactly one character of each class, in any order.
    expect(Math.round(2 ** generatedPasswordEntropyBits(4))).toBe(24 * 24 * 8 * 5 * 24);
    expect(generatedPasswordEntropyBits(20)).toBeGreaterThan(118);
    expect(generatedPasswordEntropyBits(20)).toBeLessThan(20 * Math.log2(61));
    expect(generatedPasswordEntropyBits(14)).toBeGreaterThan(80);
  });

  it('is uniform: 20,000 passwords, no repeat, every character of the alphabet used as often as the exact model says', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const pw = generateTemporaryPassword('awsDefault');
      seen.add(pw);
      for (const c of pw) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(seen.size).toBe(20_000);
    expect(counts.size).toBe(61);
    // Within one class every character is equally likely: each count is within 8% of its class mean.
    for (const cls of ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#$%&*']) {
      const n = [...cls].map((c) => counts.get(c) ?? 0);
      const mean = n.reduce((a, b) => a + b, 0) / n.length;
      for (const [i, v] of n.entries()) expect(Math.abs(v - mean) / mean, cls[i]).toBeLessThan(0.08);
    }
  });

  it('honours a requested length, clamped to [max(20, min), 128]', () => {
    expect(generateTemporaryPassword('awsDefault', 32)).toHaveLength(32);
    expect(generateTemporaryPassword('awsDefault', 5)).toHaveLength(20);
    expect(generateTemporaryPassword(CIS_BASELINE_PASSWORD_POLICY, 500)).toHaveLength(128);
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
