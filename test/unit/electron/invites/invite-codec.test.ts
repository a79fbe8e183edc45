import { Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decryptInvite,
  encryptInvite,
  INVITE_MAX_ACCEPTED_LOG_N,
  INVITE_SCRYPT_LOG_N,
} from '../../../../electron/invites/invite-codec';
import { isAppError } from '../../../../src/shared/errors/app-error';
import { INVITE_MAX_BYTES, type InvitePayload } from '../../../../src/shared/invites/invite-schema';
import { ageArmored, dec, enc, FIXTURE_LOG_N, headerLength, NOW, outcome, PASS, PAYLOAD, toArmored, toBinary } from './invite-fixtures';

/** What the app writes (scrypt at INVITE_SCRYPT_LOG_N), made once, by the tests that read it. */
let writing: Promise<Uint8Array> | undefined;
const written = (): Promise<Uint8Array> => (writing ??= encryptInvite(PAYLOAD, PASS));
/** The same invite at the fixtures' cheap work factor: what the failure cases are cut from. */
let file: Uint8Array;

beforeAll(async () => {
  file = await ageArmored(JSON.stringify(PAYLOAD));
});

describe('encryptInvite', () => {
  it('writes an ASCII-armored age file with an scrypt stanza at the chosen work factor', async () => {
    const text = dec.decode(await written());
    expect(text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(text.endsWith('-----END AGE ENCRYPTED FILE-----\n')).toBe(true);
    expect(text).not.toContain(PAYLOAD.secretAccessKey);
    const header = dec.decode(toBinary(await written()).subarray(0, 120));
    expect(header).toMatch(new RegExp(`^age-encryption\\.org/v1\\n-> scrypt \\S{22} ${INVITE_SCRYPT_LOG_N}\\n`));
  });

  it('refuses an empty passphrase or a payload that breaks the schema', async () => {
    await expect(encryptInvite(PAYLOAD, '')).rejects.toMatchObject({ code: 'invite.passphraseRequired' });
    await expect(encryptInvite({ ...PAYLOAD, accountId: '12' }, PASS)).rejects.toMatchObject({
      code: 'invite.invalidPayload',
      params: { fields: 'accountId' },
    });
  });

  it('reports decrypt time at the chosen work factor (informational, not asserted)', async () => {
    const t0 = performance.now();
    await decryptInvite(await written(), PASS, NOW);
    console.log(`invite decrypt at scrypt logN=${INVITE_SCRYPT_LOG_N}: ${(performance.now() - t0).toFixed(0)} ms`);
  });
});

describe('decryptInvite', () => {
  it('round trip', async () => {
    expect(await decryptInvite(await written(), PASS, NOW)).toEqual(PAYLOAD);
    expect(await decryptInvite(file, PASS, NOW)).toEqual(PAYLOAD);
  });

  it('round trip with sandbox endpoints and no alias', async () => {
    const p: InvitePayload = { ...PAYLOAD, accountAlias: null, endpoints: { iam: 'http://127.0.0.1:4599', sts: 'http://127.0.0.1:4599' } };
    expect(await decryptInvite(await encryptInvite(p, PASS), PASS, NOW)).toEqual(p);
  });

  it('accepts binary age and armor mangled by a mail client (CRLF, re-wrapped, quoted indentation)', async () => {
    expect(await outcome(toBinary(file))).toBe('ok');
    const text = dec.decode(file);
    const body = text.split('\n').slice(1, -2).join('');
    const rewrapped = `Hi Jane,\r\n\r\n-----BEGIN AGE ENCRYPTED FILE-----\r\n${body.match(/.{1,50}/g)!.map((l) => `  ${l}  `).join('\r\n')}\r\n-----END AGE ENCRYPTED FILE-----\r\nBye\r\n`;
    expect(await outcome(enc.encode(rewrapped))).toBe('ok');
  });

  it('wrong password', async () => {
    expect(await outcome(file, 'Xk7#mPq2$Lr9&Vn4!Tz8wR')).toBe('invite.wrongPassword');
    expect(await outcome(file, '')).toBe('invite.wrongPassword');
  });

  it('truncated: armor without END, header cut, nonce without a chunk -> truncated; binary cut inside the payload -> tampered (age cannot tell)', async () => {
    const bin = toBinary(file);
    const h = headerLength(bin);
    expect(await outcome(toArmored(bin.subarray(0, bin.length - 1)))).toBe('invite.tampered');
    expect(await outcome(toArmored(bin.subarray(0, h + 16)))).toBe('invite.truncated'); // nonce only, no chunk
    expect(await outcome(toArmored(bin.subarray(0, h + 5)))).toBe('invite.truncated'); // cut inside the nonce
    expect(await outcome(toArmored(bin.subarray(0, 60)))).toBe('invite.truncated'); // inside the header
    expect(await outcome(bin.subarray(0, 60))).toBe('invite.truncated'); // binary, inside the header
    const text = dec.decode(file);
    expect(await outcome(enc.encode(text.slice(0, text.length - 60)))).toBe('invite.truncated');
  });

  it('one byte flipped in the payload -> tampered', async () => {
    const bin = toBinary(file);
    const h = headerLength(bin);
    for (const at of [h, h + 16, h + 40, bin.length - 1]) {
      const copy = bin.slice();
      copy[at]! ^= 0x01;
      expect(await outcome(toArmored(copy)), `offset ${at}`).toBe('invite.tampered');
    }
  });

  it('bytes appended after the last chunk -> tampered', async () => {
    const bin = toBinary(file);
    expect(await outcome(toArmored(new Uint8Array([...bin, 0])))).toBe('invite.tampered');
  });

  it('one byte flipped in the header: MAC -> tampered; salt or wrapped key -> wrongPassword (indistinguishable in age); structure -> damaged', async () => {
    const bin = toBinary(file);
    const text = dec.decode(bin.subarray(0, headerLength(bin)));
    const flipAt = async (at: number, to: string) => {
      const copy = bin.slice();
      copy[at] = to.charCodeAt(0);
      return outcome(toArmored(copy));
    };
    const macAt = text.indexOf('--- ') + 4;
    expect(await flipAt(macAt, text[macAt] === 'A' ? 'B' : 'A')).toBe('invite.tampered');
    const saltAt = text.indexOf('scrypt ') + 7;
    expect(await flipAt(saltAt, text[saltAt] === 'A' ? 'B' : 'A')).toBe('invite.wrongPassword');
    const wrappedAt = text.indexOf('\n', text.indexOf('scrypt')) + 1;
    expect(await flipAt(wrappedAt, text[wrappedAt] === 'A' ? 'B' : 'A')).toBe('invite.wrongPassword');
    expect(await flipAt(0, 'b')).toBe('invite.notAnInvite'); // "bge-encryption.org": no longer age at all
    expect(await flipAt(text.indexOf('v1'), 'w')).toBe('invite.damaged'); // "age-encryption.org/w1"
    expect(await flipAt(text.indexOf('scrypt ') + 7 + 22 + 1, 'x')).toBe('invite.damaged'); // logN not a number
  });

  it('a changed armor character -> tampered or wrongPassword, never a crash', async () => {
    const text = dec.decode(file);
    const lines = text.split('\n');
    const last = lines.length - 3; // last base64 line
    lines[last] = (lines[last]![0] === 'A' ? 'B' : 'A') + lines[last]!.slice(1);
    expect(['invite.tampered', 'invite.wrongPassword', 'invite.damaged']).toContain(await outcome(enc.encode(lines.join('\n'))));
  });

  it('not-age garbage -> notAnInvite; broken armor -> damaged', async () => {
    expect(await outcome(enc.encode('hello world'))).toBe('invite.notAnInvite');
    expect(await outcome(globalThis.crypto.getRandomValues(new Uint8Array(4096)))).toBe('invite.notAnInvite');
    expect(await outcome(enc.encode('-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n'))).toBe('invite.damaged');
    expect(await outcome(enc.encode('-----BEGIN AGE ENCRYPTED FILE-----\n-----END AGE ENCRYPTED FILE-----\n'))).toBe('invite.damaged');
    expect(await outcome(enc.encode('-----BEGIN PGP MESSAGE-----\nabc\n-----END PGP MESSAGE-----\n'))).toBe('invite.notAnInvite');
    expect(await outcome(enc.encode(JSON.stringify(PAYLOAD)))).toBe('invite.notAnInvite');
  });

  it('an age file for an X25519 recipient (not a passphrase file) -> keyEncrypted, naming the kind', async () => {
    const e = new Encrypter();
    e.addRecipient('age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p');
    await expect(decryptInvite(toArmored(await e.encrypt('x')), PASS, NOW)).rejects.toMatchObject({ code: 'invite.keyEncrypted', params: { kind: 'X25519' } });
  });

  it('a work factor above the accepted maximum is refused before running scrypt', async () => {
    const bin = toBinary(file);
    const text = dec.decode(bin.subarray(0, headerLength(bin)));
    const forged = text.replace(` ${FIXTURE_LOG_N}\n`, ` ${INVITE_MAX_ACCEPTED_LOG_N + 4}\n`);
    const copy = new Uint8Array([...enc.encode(forged), ...bin.subarray(text.length)]);
    const t0 = performance.now();
    await expect(decryptInvite(toArmored(copy), PASS, NOW)).rejects.toMatchObject({
      code: 'invite.workFactorTooHigh',
      params: { logN: INVITE_MAX_ACCEPTED_LOG_N + 4, max: INVITE_MAX_ACCEPTED_LOG_N },
    });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('empty', async () => {
    expect(await outcome(new Uint8Array(0))).toBe('invite.empty');
  });

  it('huge (> 64 KiB) -> tooLarge, without running scrypt', async () => {
    expect(await outcome(new Uint8Array(INVITE_MAX_BYTES + 1).fill(0x41))).toBe('invite.tooLarge');
    const padded = new Uint8Array(INVITE_MAX_BYTES + 1);
    padded.set(file);
    padded.fill(0x20, file.length);
    expect(await outcome(padded)).toBe('invite.tooLarge');
  });

  it('expired, with expiresAt in params; valid one millisecond before', async () => {
    const expiresMs = Date.parse(PAYLOAD.expiresAt);
    await expect(decryptInvite(file, PASS, expiresMs)).rejects.toMatchObject({
      code: 'invite.expired',
      params: { expiresAt: PAYLOAD.expiresAt },
    });
    expect(await outcome(file, PASS, expiresMs - 1)).toBe('ok');
  });

  it('not JSON inside (right password) -> notInviteContent, and the error does not quote the plaintext', async () => {
    const secretish = `${'AKIA'}SECRETSECRETSECRET not json`; // shaped like a key id on purpose
    const f = await ageArmored(secretish);
    try {
      await decryptInvite(f, PASS, NOW);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('invite.notInviteContent');
      expect(String((e as Error).message)).not.toContain('AKIA');
      expect((e as Error).cause).toBeUndefined();
    }
    expect(await outcome(await ageArmored(new Uint8Array([0xff, 0xfe, 0x00])))).toBe('invite.notInviteContent');
    expect(await outcome(await ageArmored(''))).toBe('invite.notInviteContent');
  });

  it('valid JSON but not an invite -> notInviteContent; an invite with a bad field -> that field', async () => {
    expect(await outcome(await ageArmored(JSON.stringify({ hello: 'world' })))).toBe('invite.notInviteContent');
    expect(await outcome(await ageArmored(JSON.stringify([PAYLOAD])))).toBe('invite.notInviteContent');
    expect(await outcome(await ageArmored(JSON.stringify({ ...PAYLOAD, accountId: 'x' })))).toBe('invite.field.accountId');
    expect(await outcome(await ageArmored(JSON.stringify({ ...PAYLOAD, extra: 1 })))).toBe('invite.notInviteContent');
  });

  it('unsupported version', async () => {
    await expect(decryptInvite(await ageArmored(JSON.stringify({ ...PAYLOAD, version: 2 })), PASS, NOW)).rejects.toMatchObject({
      code: 'invite.unsupportedVersion',
      params: { version: 2, supported: 1 },
    });
  });

  it('fuzz: random single-byte changes never crash and never decrypt', async () => {
    const bin = toBinary(file);
    const h = headerLength(bin);
    const codes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const copy = bin.slice();
      // Mostly payload (cheap to reject after one scrypt), some header.
      const at = i % 4 === 0 ? Math.floor(Math.random() * h) : h + Math.floor(Math.random() * (bin.length - h));
      copy[at]! ^= 1 + Math.floor(Math.random() * 255);
      const code = await outcome(toArmored(copy));
      expect(code).not.toBe('ok');
      codes.add(code);
    }
    expect([...codes].every((c) => ['invite.tampered', 'invite.wrongPassword', 'invite.notAnInvite', 'invite.damaged', 'invite.truncated', 'invite.keyEncrypted'].includes(c)), [...codes].join()).toBe(true);
  });
});
