import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact, REDACTED, redactString } from '../../../../electron/logging/redact';

/**
 * Redaction at its edges: every secret shape is removed whole (nothing of it is left beside the
 * marker), and ordinary log text (user names, steps, ids, single capitals) is left exactly as it
 * was, so a looser or a tighter pattern both fail here.
 */
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const of = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });
/** What log lines are made of around a secret: lower-case words, numbers, punctuation. */
const ordinary = fc.stringMatching(/^[a-z][a-z0-9 :.,_-]{0,30}$/);

const secretShapes = {
  'an access key id': fc.tuple(fc.constantFrom('AKIA', 'ASIA'), of(UPPER_DIGITS, 16)).map(([p, s]) => p + s),
  'a secret access key (40 base64 characters)': of(B64, 40),
  'a base32 TOTP seed (32 or more characters)': of(BASE32, 32, 128),
  'an otpauth URI': fc.tuple(ordinary, of('abcdefghijklmnopqrstuvwxyz234567', 1, 40)).map(([label, s]) => `otpauth://totp/${label.replace(/[\s]/g, '')}?secret=${s}&issuer=AWS`),
  'a session token': of(B64 + '=', 20, 400).map((s) => `IQo${s}`),
  'a Slack webhook URL (commercial or GovCloud)': fc
    .tuple(fc.constantFrom('slack', 'slack-gov'), of(UPPER_DIGITS, 9, 11), of(UPPER_DIGITS, 9, 11), of(B64.replace(/[/+]/g, ''), 24))
    .map(([host, t, b, secret]) => `https://hooks.${host}.com/services/${t}/${b}/${secret}`),
};

describe('redactString removes each secret shape whole, wherever it sits in free text', () => {
  for (const [name, secret] of Object.entries(secretShapes)) {
    it(name, () => {
      fc.assert(
        fc.property(ordinary, secret, ordinary, (before, s, after) => {
          expect(redactString(`${before} ${s} ${after}`)).toBe(`${before} ${REDACTED} ${after}`);
        }),
      );
    });
  }

  it('a session token with a seed-like run inside is removed whole, not cut in two around it', () => {
    const token = `IQoJb3JpZ2luX2VjEJr//${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'}//wEaCXVzLWVhc3QtMSJHMEUCIQ`;
    expect(redactString(`token ${token} end`)).toBe(`token ${REDACTED} end`);
  });

  it('the same secret twice in one line is removed twice', () => {
    const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(redactString(`a ${key} b ${key}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });
});

describe('redactString leaves ordinary log text alone', () => {
  it('words, numbers, user names, step names and single capitals are kept as they are', () => {
    fc.assert(
      fc.property(ordinary, (text) => {
        expect(redactString(text)).toBe(text);
      }),
    );
    for (const text of ['Step A failed for user I', 'createUser 200 OK', 'account 123456789012', 'arn:aws:iam::123456789012:user/jdoe']) {
      expect(redactString(text)).toBe(text);
    }
  });

  it('just short of each shape is not a secret: 39 or 41 base64 characters, a 31-character base32 run, AKIA + 15', () => {
    fc.assert(
      fc.property(of(B64, 39), of(B64, 41, 60), (short, long) => {
        expect(redactString(`x ${short} y`)).toBe(`x ${short} y`);
        expect(redactString(`x ${long} y`)).toBe(`x ${long} y`);
      }),
    );
    // 40 base64 characters inside a longer base64 word, or padded with '=', are part of something else.
    const forty = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(redactString(`x ${forty}= y`)).toBe(`x ${forty}= y`);
    expect(redactString(`x +${forty} y`)).toBe(`x +${forty} y`);
    expect(redactString('seed ABCDEFGHIJKLMNOPQRSTUVWXYZ23456 end')).toBe('seed ABCDEFGHIJKLMNOPQRSTUVWXYZ23456 end');
    expect(redactString('id AKIAIOSFODNN7EXAMP end')).toBe('id AKIAIOSFODNN7EXAMP end');
  });

  it('a session-token prefix without a token behind it is kept', () => {
    expect(redactString('IQo short')).toBe('IQo short');
    expect(redactString('IQoJb3JpZ2luX2VjEJr/a')).toBe('IQoJb3JpZ2luX2VjEJr/a'); // 18 characters after IQo
  });
});

describe('redact: fields named like secrets', () => {
  const secretNames = ['webhookUrl', 'invocationEndpoint', 'pass', 'userPass', 'password', 'newPassword', 'passphrase', 'Secret', 'secretAccessKey', 'token', 'sessionToken', 'seed', 'totpSeed', 'credential', 'credentials', 'otp', 'code', 'code2', 'privateKey', 'PRIVATEKEY'];

  it('any non-empty value under a secret-named key becomes the marker, whatever its type or shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...secretNames), fc.oneof(fc.string({ minLength: 1 }), fc.integer(), fc.boolean(), fc.dictionary(fc.string(), fc.string())), (key, value) => {
        expect(redact({ [key]: value, userName: 'jdoe' })).toEqual({ [key]: REDACTED, userName: 'jdoe' });
      }),
    );
  });

  it('a secret-named field that is absent (null or undefined) stays absent, so the log says it was not given', () => {
    expect(redact({ password: null, sessionToken: undefined, userName: 'jdoe' })).toEqual({ password: null, sessionToken: undefined, userName: 'jdoe' });
  });

  it('other fields keep their values and types: numbers, booleans, null, nested objects and arrays', () => {
    const fields = { userName: 'jdoe', attempts: 3, retryable: false, step: null, nested: { groups: ['dev', 'ops'], count: 0 }, list: [1, 'two', true, null] };
    expect(redact(fields)).toEqual(fields);
    expect(redact(42)).toBe(42);
    expect(redact(true)).toBe(true);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
  });

  it('secrets in arrays and nested objects are redacted at every level kept', () => {
    expect(redact({ users: [{ userName: 'a', password: 'p1' }, 'key AKIAIOSFODNN7EXAMPLE'] })).toEqual({
      users: [{ userName: 'a', password: REDACTED }, `key ${REDACTED}`],
    });
  });
});

describe('redact: depth and errors', () => {
  const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { down: nest(levels - 1) });
  const nestArray = (levels: number): unknown => (levels === 0 ? 'leaf' : [nestArray(levels - 1)]);

  it('keeps what is six levels deep and cuts what is deeper (objects and arrays alike)', () => {
    expect(redact(nest(6))).toEqual(nest(6));
    expect(redact(nestArray(6))).toEqual(nestArray(6));
    expect(JSON.stringify(redact(nest(7)))).toBe(JSON.stringify(nest(6)).replace('"leaf"', '{"down":"[deep]"}'));
    expect(JSON.stringify(redact(nestArray(7)))).toBe(JSON.stringify(nestArray(6)).replace('"leaf"', '["[deep]"]'));
  });

  it('a cyclic object (an SDK error with a back-reference) is logged, not a stack overflow', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(() => JSON.stringify(redact(cyclic))).not.toThrow();
  });

  it('an error keeps its name, code and redacted message only: never its stack or other properties', () => {
    const e = Object.assign(new TypeError('failed with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'), { code: 'InvalidClientTokenId', $response: { body: 'secret' } });
    expect(redact(e)).toEqual({ name: 'TypeError', code: 'InvalidClientTokenId', message: `failed with ${REDACTED}` });
    expect(redact({ error: e })).toEqual({ error: { name: 'TypeError', code: 'InvalidClientTokenId', message: `failed with ${REDACTED}` } });
  });
});
