import { describe, expect, it } from 'vitest';
import { createStrengthChecker, MIN_ACCEPTED_SCORE } from '../../../src/features/onboarding/password-strength';
import { resources } from '../../../src/i18n/resources';

describe('the weak-password floor (zxcvbn) and its advice in both languages', () => {
  it('refuses "Passw0rd" (it meets every AWS default rule) and accepts a long passphrase', async () => {
    const check = await createStrengthChecker();
    expect(check('Passw0rd', ['jdoe']).score).toBeLessThan(MIN_ACCEPTED_SCORE);
    // Score 2: accepted, with a warning and zxcvbn's suggestions (see PasswordStep).
    expect(check('jdoe2024!', ['jdoe']).score).toBe(MIN_ACCEPTED_SCORE);
    expect(check('Blue-Harbor-Lantern-42', ['jdoe']).score).toBeGreaterThanOrEqual(3);
  });

  it('every warning and suggestion zxcvbn can give has a Korean and an English text', async () => {
    const keys = await import('@zxcvbn-ts/core/dist/data/translationKeys.mjs' as string).catch(() => null);
    const table = (keys?.default ?? null) as { warnings: Record<string, string>; suggestions: Record<string, string> } | null;
    expect(table).not.toBeNull();
    for (const lang of ['ko', 'en'] as const) {
      const z = (resources[lang].onboarding.password as unknown as { zxcvbn: { warnings: Record<string, string>; suggestions: Record<string, string> } }).zxcvbn;
      expect(Object.keys(z.warnings).sort(), lang).toEqual(Object.keys(table!.warnings).sort());
      expect(Object.keys(z.suggestions).sort(), lang).toEqual(Object.keys(table!.suggestions).sort());
    }
  });

  it('the feedback comes back as keys (no English from the library reaches a Korean screen)', async () => {
    const check = await createStrengthChecker();
    const s = check('Passw0rd', []);
    expect(s.warning === null || /^[a-zA-Z]+$/.test(s.warning)).toBe(true);
    for (const k of s.suggestions) expect(k).toMatch(/^[a-zA-Z0-9]+$/);
    expect(s.suggestions.length + (s.warning ? 1 : 0)).toBeGreaterThan(0);
  });
});
