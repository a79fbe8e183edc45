/**
 * The codec's own copies of secrets do not outlive the call: the invite's plaintext bytes (they
 * hold the secret access key) and the age file key are zeroed once used, whether the file opens or
 * not. Observed on the buffers themselves, as returned by the functions the codec calls.
 */
import { Decrypter } from 'age-encryption';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decryptInvite, encryptInvite } from '../../../../electron/invites/invite-codec';
import { ageArmored, NOW, PASS, PAYLOAD, toBinary } from './invite-fixtures';

afterEach(() => vi.restoreAllMocks());

const secretBytes = new TextEncoder().encode(PAYLOAD.secretAccessKey);
const holdsSecret = (b: Uint8Array) => Buffer.from(b).includes(Buffer.from(secretBytes));
const allZero = (b: Uint8Array) => b.length > 0 && b.every((x) => x === 0);

/** What each call to the spied method returned (awaited). */
async function returned<T>(spy: { mock: { results: Array<{ value: unknown }> } }): Promise<T[]> {
  return Promise.all(spy.mock.results.map((r) => r.value as T));
}

describe('no secret copy outlives the call', () => {
  it('encryptInvite: the plaintext it encoded holds no secret key once the file is written', async () => {
    const encode = vi.spyOn(TextEncoder.prototype, 'encode');
    const file = await encryptInvite(PAYLOAD, PASS);
    const encoded = await returned<Uint8Array>(encode);
    expect(encoded.length).toBeGreaterThan(0);
    expect(encoded.filter(holdsSecret)).toEqual([]);
    expect(holdsSecret(file)).toBe(false);
  });

  it('decryptInvite: the file key and the decrypted bytes are zero after an invite is read', async () => {
    const file = await ageArmored(JSON.stringify(PAYLOAD));
    const header = vi.spyOn(Decrypter.prototype, 'decryptHeader');
    const payload = vi.spyOn(Decrypter.prototype, 'decrypt');
    expect(await decryptInvite(file, PASS, NOW)).toEqual(PAYLOAD);
    const keys = await returned<Uint8Array>(header);
    const plaintexts = await returned<Uint8Array>(payload);
    expect(keys).toHaveLength(1);
    expect(plaintexts).toHaveLength(1);
    expect(keys.every(allZero)).toBe(true);
    expect(plaintexts.every(allZero)).toBe(true);
  });

  it('decryptInvite: also when what it decrypted is not an invite', async () => {
    const file = await ageArmored(`not json ${PAYLOAD.secretAccessKey}`);
    const header = vi.spyOn(Decrypter.prototype, 'decryptHeader');
    const payload = vi.spyOn(Decrypter.prototype, 'decrypt');
    await expect(decryptInvite(file, PASS, NOW)).rejects.toMatchObject({ code: 'invite.notInviteContent' });
    expect((await returned<Uint8Array>(header)).every(allZero)).toBe(true);
    const plaintexts = await returned<Uint8Array>(payload);
    expect(plaintexts).toHaveLength(1);
    expect(plaintexts.every(allZero)).toBe(true);
  });

  it('decryptInvite: the file key is zeroed when the payload does not authenticate', async () => {
    const bin = toBinary(await ageArmored(JSON.stringify(PAYLOAD)));
    bin[bin.length - 1]! ^= 1;
    const header = vi.spyOn(Decrypter.prototype, 'decryptHeader');
    await expect(decryptInvite(bin, PASS, NOW)).rejects.toMatchObject({ code: 'invite.tampered' });
    const keys = await returned<Uint8Array>(header);
    expect(keys).toHaveLength(1);
    expect(keys.every(allZero)).toBe(true);
  });
});
