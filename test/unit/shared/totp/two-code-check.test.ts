import { describe, expect, it } from 'vitest';
import { checkOneCode, checkTwoCodes } from '../../../../src/shared/totp/two-code-check';
import { encodeBase32, totpForStep, totpStep } from '../../../../src/shared/totp/totp';

// Fixed seeds keep the "no accidental match" cases deterministic (verified below).
const SEED = encodeBase32(new TextEncoder().encode('onboarding-test-seed-0123456789abcdefghi')); // 40 bytes like AWS
const OTHER_SEED = encodeBase32(new TextEncoder().encode('a-different-qr-code-scanned-long-ago!!!!'));
const NOW_MS = 1_700_000_012_345;
const NOW = totpStep(NOW_MS);
const code = (step: number, seed = SEED) => totpForStep(seed, step);

describe('checkTwoCodes', () => {
  it('accepts code 1 from the previous window and code 2 from the current one', () => {
    expect(checkTwoCodes(SEED, code(NOW - 1), code(NOW), NOW_MS)).toEqual({ ok: true, step: NOW - 1, driftSteps: 0 });
  });

  it('accepts drift within acceptSteps (default 2) either way', () => {
    for (const drift of [-2, -1, 1, 2]) {
      const t = NOW + drift - 1;
      expect(checkTwoCodes(SEED, code(t), code(t + 1), NOW_MS)).toEqual({ ok: true, step: t, driftSteps: drift });
    }
  });

  it('trims spaces, including the "123 456" grouping apps display', () => {
    const c1 = code(NOW - 1);
    const c2 = code(NOW);
    const spaced = (c: string) => ` ${c.slice(0, 3)} ${c.slice(3)}\t`;
    expect(checkTwoCodes(SEED, spaced(c1), spaced(c2), NOW_MS).ok).toBe(true);
  });

  it('accepts a lower-case seed with spaces (manual entry form)', () => {
    const messy = SEED.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(checkTwoCodes(messy, code(NOW - 1), code(NOW), NOW_MS).ok).toBe(true);
  });

  it('notSixDigits', () => {
    for (const [a, b] of [['12345', '123456'], ['123456', '1234567'], ['abcdef', '123456'], ['', ''], ['12 34 5', '123456'], ['١٢٣٤٥٦', '123456']]) {
      expect(checkTwoCodes(SEED, a!, b!, NOW_MS)).toEqual({ ok: false, reason: 'notSixDigits' });
    }
  });

  it('sameCodeTwice', () => {
    expect(checkTwoCodes(SEED, code(NOW), code(NOW), NOW_MS)).toEqual({ ok: false, reason: 'sameCodeTwice' });
    expect(checkTwoCodes(SEED, '111111', ' 111 111 ', NOW_MS)).toEqual({ ok: false, reason: 'sameCodeTwice' });
  });

  it('notConsecutive: reversed order', () => {
    expect(checkTwoCodes(SEED, code(NOW), code(NOW - 1), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
  });

  it('notConsecutive: a window skipped', () => {
    expect(checkTwoCodes(SEED, code(NOW - 2), code(NOW), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
  });

  it('notConsecutive: one valid code and one typo (the seed is right, so the QR is not the problem)', () => {
    const typo = String((Number(code(NOW)) + 1) % 1_000_000).padStart(6, '0');
    expect(checkTwoCodes(SEED, code(NOW - 1), typo, NOW_MS)).toMatchObject({ ok: false, reason: 'notConsecutive' });
  });

  it('notConsecutive far from now also reports the drift', () => {
    expect(checkTwoCodes(SEED, code(NOW + 10), code(NOW + 12), NOW_MS)).toEqual({
      ok: false,
      reason: 'notConsecutive',
      driftSeconds: 300,
    });
  });

  it('clockOff: phone ahead, positive seconds, measured on code 2', () => {
    expect(checkTwoCodes(SEED, code(NOW + 9), code(NOW + 10), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 300 });
  });

  it('clockOff: phone behind, negative seconds', () => {
    expect(checkTwoCodes(SEED, code(NOW - 6), code(NOW - 5), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: -150 });
  });

  it('clockOff just past acceptSteps, ok just inside', () => {
    expect(checkTwoCodes(SEED, code(NOW + 2), code(NOW + 3), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 90 });
    expect(checkTwoCodes(SEED, code(NOW + 1), code(NOW + 2), NOW_MS).ok).toBe(true);
  });

  it('clockOff at the edge of the search range (±20 min), noMatch beyond', () => {
    expect(checkTwoCodes(SEED, code(NOW + 39), code(NOW + 40), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 1200 });
    expect(checkTwoCodes(SEED, code(NOW - 40), code(NOW - 39), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: -1170 });
    expect(checkTwoCodes(SEED, code(NOW + 41), code(NOW + 42), NOW_MS)).toEqual({ ok: false, reason: 'noMatch' });
  });

  it('noMatch: codes from another (old) QR code', () => {
    expect(checkTwoCodes(SEED, code(NOW - 1, OTHER_SEED), code(NOW, OTHER_SEED), NOW_MS)).toEqual({ ok: false, reason: 'noMatch' });
  });

  it('respects acceptSteps and searchSteps options', () => {
    const c1 = code(NOW);
    const c2 = code(NOW + 1);
    expect(checkTwoCodes(SEED, c1, c2, NOW_MS, { acceptSteps: 0 })).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 30 });
    expect(checkTwoCodes(SEED, code(NOW + 9), code(NOW + 10), NOW_MS, { searchSteps: 5 })).toEqual({ ok: false, reason: 'noMatch' });
    expect(checkTwoCodes(SEED, code(NOW + 9), code(NOW + 10), NOW_MS, { acceptSteps: 10 })).toMatchObject({ ok: true, driftSteps: 10 });
  });

  it('uses the given server time, not the desktop clock', () => {
    const serverMs = NOW_MS + 3_600_000;
    const s = totpStep(serverMs);
    expect(checkTwoCodes(SEED, code(s - 1), code(s), serverMs).ok).toBe(true);
    expect(checkTwoCodes(SEED, code(s - 1), code(s), NOW_MS)).toEqual({ ok: false, reason: 'noMatch' });
  });

  it('the fixed seeds do not share codes near NOW (keeps noMatch tests honest)', () => {
    const ours = new Set(Array.from({ length: 81 }, (_, i) => code(NOW - 40 + i)));
    for (let i = -2; i <= 1; i++) expect(ours.has(code(NOW + i, OTHER_SEED))).toBe(false);
  });
});

describe('checkOneCode', () => {
  it('ok for the current window and within acceptSteps', () => {
    expect(checkOneCode(SEED, code(NOW), NOW_MS)).toEqual({ ok: true, step: NOW });
    expect(checkOneCode(SEED, code(NOW - 2), NOW_MS)).toEqual({ ok: true, step: NOW - 2 });
    expect(checkOneCode(SEED, ` ${code(NOW + 2)} `, NOW_MS)).toEqual({ ok: true, step: NOW + 2 });
  });

  it('clockOff with signed drift', () => {
    expect(checkOneCode(SEED, code(NOW + 4), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 120 });
    expect(checkOneCode(SEED, code(NOW - 20), NOW_MS)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: -600 });
  });

  it('noMatch and notSixDigits', () => {
    expect(checkOneCode(SEED, code(NOW, OTHER_SEED), NOW_MS)).toEqual({ ok: false, reason: 'noMatch' });
    expect(checkOneCode(SEED, '12345a', NOW_MS)).toEqual({ ok: false, reason: 'notSixDigits' });
  });
});

describe('edges of the two-code check', () => {
  const typo = (c: string) => String((Number(c) + 1) % 1_000_000).padStart(6, '0');

  it('one code mistyped, whichever of the two: "not consecutive", and the drift of the valid one when it is far', () => {
    expect(checkTwoCodes(SEED, typo(code(NOW - 1)), code(NOW), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
    expect(checkTwoCodes(SEED, typo(code(NOW + 9)), code(NOW + 10), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive', driftSeconds: 300 });
    expect(checkTwoCodes(SEED, code(NOW - 10), typo(code(NOW - 9)), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive', driftSeconds: -300 });
  });

  it('not consecutive: the drift is that of the valid code nearest to now, and none is reported within acceptSteps', () => {
    expect(checkTwoCodes(SEED, code(NOW - 30), code(NOW), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
    expect(checkTwoCodes(SEED, code(NOW + 1), code(NOW - 30), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
    expect(checkTwoCodes(SEED, code(NOW - 30), code(NOW + 8), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive', driftSeconds: 240 });
    expect(checkTwoCodes(SEED, code(NOW + 2), code(NOW - 30), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive' });
    expect(checkTwoCodes(SEED, code(NOW + 3), code(NOW - 30), NOW_MS)).toEqual({ ok: false, reason: 'notConsecutive', driftSeconds: 90 });
  });

  it('the search always reaches past what is accepted, however small searchSteps is', () => {
    expect(checkTwoCodes(SEED, code(NOW + 4), code(NOW + 5), NOW_MS, { acceptSteps: 5, searchSteps: 1 })).toEqual({ ok: true, step: NOW + 4, driftSteps: 5 });
    expect(checkTwoCodes(SEED, code(NOW + 5), code(NOW + 6), NOW_MS, { acceptSteps: 5, searchSteps: 1 })).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 180 });
    expect(checkOneCode(SEED, code(NOW - 3), NOW_MS, { acceptSteps: 3, searchSteps: 0 })).toEqual({ ok: true, step: NOW - 3 });
  });

  it('right after 1970 the window stops at step 0 instead of failing', () => {
    expect(checkOneCode(SEED, code(0), 5_000)).toEqual({ ok: true, step: 0 });
    expect(checkTwoCodes(SEED, code(0), code(1), 31_000)).toEqual({ ok: true, step: 0, driftSteps: 0 });
  });
});

describe('a code that repeats within the search range (81 windows share a code about once in 300 times)', () => {
  // Found by a search over this seed: steps 56555056 and 56555065 both show 837401.
  const FAR = 56_555_056;
  const NEAR = 56_555_065;
  const REPEATED = '837401';

  it('the repetition is real (keeps the tests below honest)', () => {
    expect([code(FAR), code(NEAR)]).toEqual([REPEATED, REPEATED]);
  });

  it('the window nearest to now is the one that counts, on either side', () => {
    expect(checkOneCode(SEED, REPEATED, (NEAR + 1) * 30_000 + 5_000)).toEqual({ ok: true, step: NEAR });
    expect(checkOneCode(SEED, REPEATED, (FAR - 1) * 30_000 + 5_000)).toEqual({ ok: true, step: FAR });
    expect(checkOneCode(SEED, REPEATED, (NEAR + 4) * 30_000 + 5_000)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: -120 });
    expect(checkOneCode(SEED, REPEATED, (FAR - 4) * 30_000 + 5_000)).toEqual({ ok: false, reason: 'clockOff', driftSeconds: 120 });
  });

  it('a pair ending on the repeated code is matched at the window nearest to now', () => {
    expect(checkTwoCodes(SEED, code(NEAR - 1), REPEATED, (NEAR + 1) * 30_000 + 5_000)).toEqual({ ok: true, step: NEAR - 1, driftSteps: -1 });
    expect(checkTwoCodes(SEED, code(FAR - 1), REPEATED, (FAR - 1) * 30_000 + 5_000)).toEqual({ ok: true, step: FAR - 1, driftSteps: 1 });
  });
});
