/**
 * The invite codec at its edges: each way a file can be cut, altered, mis-armored or crafted, and
 * the exact error the wizard turns into a message. Files at the fixtures' cheap work factor
 * (invite-fixtures.ts); where a header is forged, scrypt is never reached at a forged factor.
 */
import { Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { decryptInvite, INVITE_MAX_ACCEPTED_LOG_N } from '../../../../electron/invites/invite-codec';
import { INVITE_MAX_BYTES } from '../../../../src/shared/invites/invite-schema';
import { ageArmored, dec, enc, FIXTURE_LOG_N, headerLength, NOW, outcome, PASS, PAYLOAD, toArmored, toBinary } from './invite-fixtures';

const BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const END = '-----END AGE ENCRYPTED FILE-----';

let file: Uint8Array;
let bin: Uint8Array;
/** The header's text ("age-encryption.org/v1\n-> scrypt <salt> 10\n<wrapped key>\n--- <mac>\n"). */
let header: string;

beforeAll(async () => {
  file = await ageArmored(JSON.stringify(PAYLOAD));
  bin = toBinary(file);
  header = dec.decode(bin.subarray(0, headerLength(bin)));
});

/** The same payload behind another header (armored, as we write). */
const withHeader = (text: string) => toArmored(new Uint8Array([...enc.encode(text), ...bin.subarray(header.length)]));
/** The header's lines: [version, stanza args, wrapped key, mac]. */
const headerLines = () => header.split('\n');

async function keyEncrypted(recipients = 1): Promise<Uint8Array> {
  const e = new Encrypter();
  for (let i = 0; i < recipients; i++) e.addRecipient(await identityToRecipient(await generateX25519Identity()));
  return e.encrypt(JSON.stringify(PAYLOAD));
}

describe('size', () => {
  it('a file of exactly the size limit is read; one byte more is refused, and the message names the limit', async () => {
    const padded = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x0a); // trailing blank lines, as a mail client may add
      bytes.set(file);
      return bytes;
    };
    expect(await outcome(padded(INVITE_MAX_BYTES))).toBe('ok');
    await expect(decryptInvite(padded(INVITE_MAX_BYTES + 1), PASS, NOW)).rejects.toMatchObject({
      code: 'invite.tooLarge',
      params: { maxBytes: INVITE_MAX_BYTES },
    });
  });
});

describe('work factor', () => {
  it('the cap is inclusive: a file at 2^20 gets past the work-factor check (to the stanza checks, before scrypt), one at 2^21 does not', async () => {
    const [version, args, wrapped, mac] = headerLines();
    // A wrapped key of 30 bytes instead of 32: refused by the stanza check, so scrypt never runs at 2^20 here.
    const at = (logN: number) => withHeader([version, args!.replace(` ${FIXTURE_LOG_N}`, ` ${logN}`), wrapped!.slice(0, 40), mac, ''].join('\n'));
    expect(await outcome(at(INVITE_MAX_ACCEPTED_LOG_N))).toBe('invite.damaged');
    await expect(decryptInvite(at(INVITE_MAX_ACCEPTED_LOG_N + 1), PASS, NOW)).rejects.toMatchObject({
      code: 'invite.workFactorTooHigh',
      params: { logN: INVITE_MAX_ACCEPTED_LOG_N + 1, max: INVITE_MAX_ACCEPTED_LOG_N },
    });
  });

  it('a low work factor (any age tool may write one, age opens it) opens', async () => {
    expect(await outcome(await ageArmored(JSON.stringify(PAYLOAD), PASS, 9))).toBe('ok');
  });
});

describe('header', () => {
  it('a passphrase stanza that breaks age’s rules -> damaged: wrapped key not 32 bytes, salt not canonical, beside another recipient', async () => {
    const [version, args, wrapped, mac] = headerLines();
    expect(await outcome(withHeader([version, args, wrapped!.slice(0, 40), mac, ''].join('\n')))).toBe('invite.damaged');
    // The salt's last base64 character carries 2 bits and 4 zero bits; 'B' sets one of the zeros.
    const salt = args!.split(' ')[2]!;
    expect(await outcome(withHeader([version, args!.replace(salt, `${salt.slice(0, 21)}B`), wrapped, mac, ''].join('\n')))).toBe('invite.damaged');
    const x25519 = `-> X25519 ${'A'.repeat(43)}\n${'A'.repeat(43)}`;
    expect(await outcome(withHeader([version, x25519, args, wrapped, mac, ''].join('\n')))).toBe('invite.damaged');
  });

  it('a header without any recipient -> damaged', async () => {
    const [version, , , mac] = headerLines();
    expect(await outcome(withHeader([version, mac, ''].join('\n')))).toBe('invite.damaged');
  });

  it('a MAC line that is not base64 -> damaged', async () => {
    const [version, args, wrapped] = headerLines();
    expect(await outcome(withHeader([version, args, wrapped, '--- !!!!', ''].join('\n')))).toBe('invite.damaged');
  });

  it('cut inside the MAC line (binary or armored) -> truncated', async () => {
    const cut = bin.subarray(0, header.length - 5);
    expect(await outcome(cut)).toBe('invite.truncated');
    expect(await outcome(toArmored(cut))).toBe('invite.truncated');
  });

  it('a recipient kind is shown clipped to 40 characters (it comes from the file)', async () => {
    const [version, , , mac] = headerLines();
    const kind = `age-plugin-${'x'.repeat(200)}`;
    await expect(decryptInvite(withHeader([version, `-> ${kind} abc`, '', mac, ''].join('\n')), PASS, NOW)).rejects.toMatchObject({
      code: 'invite.keyEncrypted',
      params: { kind: kind.slice(0, 40) },
    });
  });

  it('a file for many age keys (a header longer than 4 KiB) -> keyEncrypted', async () => {
    const many = await keyEncrypted(60);
    expect(dec.decode(many).indexOf('\n---')).toBeGreaterThan(4096);
    await expect(decryptInvite(toArmored(many), PASS, NOW)).rejects.toMatchObject({ code: 'invite.keyEncrypted', params: { kind: 'X25519' } });
  });

  it('only the header names the recipients: a passphrase-stanza line appended after a key-encrypted payload changes nothing', async () => {
    const appended = new Uint8Array([...(await keyEncrypted()), ...enc.encode(`\n-> scrypt ${'A'.repeat(22)} 10\n${'A'.repeat(43)}\n`)]);
    await expect(decryptInvite(toArmored(appended), PASS, NOW)).rejects.toMatchObject({ code: 'invite.keyEncrypted' });
  });
});

describe('payload', () => {
  it('cut after the header: less than a nonce and a tag -> truncated; from a nonce and a tag on, age cannot tell a cut from an alteration -> tampered', async () => {
    const h = headerLength(bin);
    expect(await outcome(toArmored(bin.subarray(0, h + 31)))).toBe('invite.truncated');
    expect(await outcome(toArmored(bin.subarray(0, h + 32)))).toBe('invite.tampered');
  });

  it('binary age (age -p without -a) with a payload byte changed -> tampered', async () => {
    const copy = bin.slice();
    copy[copy.length - 20]! ^= 0x01;
    expect(await outcome(copy)).toBe('invite.tampered');
  });
});

describe('armor', () => {
  const lines = () => dec.decode(file).split('\n'); // [BEGIN, ...base64, END, '']

  it('END line lost but every base64 line there -> opens (age authenticates the bytes, not the armor)', async () => {
    expect(await outcome(enc.encode(lines().slice(0, -2).join('\n')))).toBe('ok');
  });

  it('the last base64 lines and END lost (cut on a line boundary) -> truncated', async () => {
    expect(await outcome(enc.encode(lines().slice(0, -3).join('\n') + '\n'))).toBe('invite.truncated');
  });

  it('END line kept but the body cut mid-character -> truncated', async () => {
    const l = lines();
    l[l.length - 3] = l[l.length - 3]!.slice(0, -1);
    expect(await outcome(enc.encode(l.join('\n')))).toBe('invite.truncated');
  });

  it('nothing after the BEGIN line -> truncated', async () => {
    expect(await outcome(enc.encode(`${BEGIN}\n`))).toBe('invite.truncated');
    expect(await outcome(enc.encode(`${BEGIN}\nYW`))).toBe('invite.truncated');
  });

  it('a cut file still says what its header says: a clipped key-encrypted file -> keyEncrypted', async () => {
    const text = dec.decode(toArmored(await keyEncrypted()));
    const clipped = text.slice(0, Math.floor(text.length * 0.7));
    expect(clipped).not.toContain(END);
    await expect(decryptInvite(enc.encode(clipped), PASS, NOW)).rejects.toMatchObject({ code: 'invite.keyEncrypted' });
  });

  it('characters no age armor has -> damaged, also in a cut file; padding only at the end; canonical base64 only', async () => {
    const l = lines();
    const withAt = (row: number, ch: string, keepEnd = true) => {
      const copy = l.slice();
      copy[row] = ch + copy[row]!.slice(1);
      return enc.encode((keepEnd ? copy : copy.slice(0, -3)).join('\n'));
    };
    expect(await outcome(withAt(2, '*'))).toBe('invite.damaged');
    expect(await outcome(withAt(2, '*', false))).toBe('invite.damaged');
    expect(await outcome(withAt(2, '='))).toBe('invite.damaged');
    // A body that ends in one byte and "==": that byte's last 4 bits are zero in canonical base64.
    const short = bin.subarray(0, bin.length - ((bin.length - 1) % 3) - 30);
    const body = dec.decode(toArmored(short)).split('\n').slice(1, -2).join('\n');
    expect(body.endsWith('==')).toBe(true);
    const last = body.at(-3)!;
    const armorOf = (b: string) => enc.encode(`${BEGIN}\n${b}\n${END}\n`);
    expect(await outcome(armorOf(body))).toBe('invite.tampered'); // canonical: a cut payload
    const flipped = String.fromCharCode(last.charCodeAt(0) + 1); // A->B, Q->R, g->h, w->x: a non-zero trailing bit
    expect(await outcome(armorOf(`${body.slice(0, -3)}${flipped}==`))).toBe('invite.damaged');
  });

  it('the armor inside a mail that is not UTF-8 (a legacy Korean encoding around it) opens', async () => {
    const eucKr = new Uint8Array([0xbe, 0xc8, 0xb3, 0xe7, 0x0d, 0x0a]); // "안녕" in EUC-KR, CRLF
    expect(await outcome(new Uint8Array([...eucKr, ...file, ...eucKr]))).toBe('ok');
  });
});
