import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/shared/errors/app-error';
import {
  decodeBase32,
  encodeBase32,
  hotp,
  normalizeBase32,
  secondsLeftInWindow,
  TOTP_PERIOD_SECONDS,
  totpAt,
  totpForStep,
  totpStep,
} from '../../../../src/shared/totp/totp';

// RFC 6238 Appendix B uses the ASCII key "12345678901234567890" for SHA-1.
const RFC_SEED = encodeBase32(new TextEncoder().encode('12345678901234567890'));

const RFC6238_SHA1: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('base32', () => {
  it('encodes the RFC key as the well-known string', () => {
    expect(RFC_SEED).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('round-trips arbitrary lengths and tolerates case, spaces and padding', () => {
    for (let n = 1; n <= 41; n++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(n));
      const enc = encodeBase32(bytes);
      expect(decodeBase32(enc)).toEqual(bytes);
      const messy = enc.toLowerCase().replace(/(.{4})/g, '$1 ') + '===';
      expect(decodeBase32(messy)).toEqual(bytes);
    }
  });

  it('rejects non-base32 input with totp.invalidSeed', () => {
    for (const bad of ['', '   ', 'ABC1', 'ABC0', 'ÄBCD', 'AB$D']) {
      let err: unknown;
      try {
        decodeBase32(bad);
      } catch (e) {
        err = e;
      }
      expect(isAppError(err) && err.code).toBe('totp.invalidSeed');
    }
  });
});

describe('RFC 6238 Appendix B (SHA-1)', () => {
  it.each(RFC6238_SHA1)('T=%i -> last six digits of %s', (seconds, eight) => {
    expect(totpAt(RFC_SEED, seconds * 1000)).toBe(eight.slice(-6));
  });

  it('RFC 4226 Appendix D HOTP values', () => {
    const key = new TextEncoder().encode('12345678901234567890');
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => expect(hotp(key, counter)).toBe(code));
  });
});

describe('window math', () => {
  it('totpStep is floor(t / 30 s)', () => {
    expect(totpStep(0)).toBe(0);
    expect(totpStep(29_999)).toBe(0);
    expect(totpStep(30_000)).toBe(1);
    expect(totpStep(59_000)).toBe(1);
    expect(totpStep(1_111_111_109_000)).toBe(37037036);
  });

  it('totpAt equals totpForStep(totpStep)', () => {
    const t = 1_700_000_000_123;
    expect(totpAt(RFC_SEED, t)).toBe(totpForStep(RFC_SEED, totpStep(t)));
  });

  it('secondsLeftInWindow counts 30..1', () => {
    expect(secondsLeftInWindow(0)).toBe(30);
    expect(secondsLeftInWindow(999)).toBe(30);
    expect(secondsLeftInWindow(1_000)).toBe(29);
    expect(secondsLeftInWindow(29_999)).toBe(1);
    expect(secondsLeftInWindow(30_000)).toBe(TOTP_PERIOD_SECONDS);
    expect(secondsLeftInWindow(1_699_999_995_500)).toBe(15); // 1699999995 % 30 = 15
  });

  it('rejects a negative, fractional or unsafe step, naming it', () => {
    for (const step of [-1, 1.5, 2 ** 53, Number.NaN]) {
      expect(() => totpForStep(RFC_SEED, step)).toThrow(expect.objectContaining({ code: 'totp.invalidStep', params: { step: String(step) } }));
    }
  });
});

const OATHTOOL = '/usr/bin/oathtool';

describe.skipIf(!existsSync(OATHTOOL))('cross-check with oathtool', () => {
  const oath = (seed: string, epochSeconds: number): string =>
    execFileSync(OATHTOOL, ['--totp', '-b', '-N', `@${epochSeconds}`, seed], { encoding: 'utf8' }).trim();

  it('agrees on the RFC vectors', () => {
    for (const [seconds] of RFC6238_SHA1) expect(totpAt(RFC_SEED, seconds * 1000)).toBe(oath(RFC_SEED, seconds));
  });

  it('agrees on random AWS-sized (40-byte, 64-char) seeds at random times', () => {
    for (let i = 0; i < 8; i++) {
      const seed = encodeBase32(globalThis.crypto.getRandomValues(new Uint8Array(40)));
      expect(seed).toHaveLength(64);
      const t = 1_600_000_000 + Math.floor(Math.random() * 400_000_000);
      expect(totpAt(seed, t * 1000)).toBe(oath(seed, t));
    }
  });
});

describe('edges', () => {
  it('base32 round-trips any bytes, and decoding ignores case, spaces, dashes and padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const enc = encodeBase32(bytes);
        expect(enc).toMatch(/^[A-Z2-7]+$/);
        expect(enc).toHaveLength(Math.ceil((bytes.length * 8) / 5));
        expect(decodeBase32(enc)).toEqual(bytes);
        expect(decodeBase32(`${enc.toLowerCase().replace(/(.{4})/g, '$1-')} ==`)).toEqual(bytes);
      }),
    );
    expect(normalizeBase32(' ab-cd\tef==\n')).toBe('ABCDEF');
  });

  it('HOTP counters past 2^32 use the high word (checked against oathtool)', () => {
    const key = new TextEncoder().encode('12345678901234567890');
    // oathtool --hotp -c 4294967301 3132333435363738393031323334353637383930
    expect(hotp(key, 2 ** 32 + 5)).toBe('250721');
    expect(hotp(key, 2 ** 32 + 5)).not.toBe(hotp(key, 5));
  });

  it('secondsLeftInWindow is 1..30 at any time, counting down each second, also before 1970', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e13 }), (t) => {
        const left = secondsLeftInWindow(t);
        expect(left).toBeGreaterThanOrEqual(1);
        expect(left).toBeLessThanOrEqual(30);
        // The window ends when the step changes: `left` seconds on (rounded down to whole seconds).
        const second = Math.floor(t / 1000) * 1000;
        expect(totpStep(second + left * 1000)).toBe(totpStep(second) + 1);
        expect(totpStep(second + (left - 1) * 1000)).toBe(totpStep(second));
      }),
    );
    expect(secondsLeftInWindow(-1_000)).toBe(1);
  });
});
