import { armor, Decrypter, Encrypter, Stanza } from 'age-encryption';
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { NativeScryptIdentity, NativeScryptRecipient } from '../../../../electron/invites/native-scrypt';

/** Every key Node's scrypt derives here, kept to check that none outlives its use. */
const derived = vi.hoisted(() => [] as Uint8Array[]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  const scrypt = (...args: unknown[]) => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    (actual.scrypt as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      if (key) derived.push(key);
      done(err, key);
    });
  };
  return { ...actual, scrypt };
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);

// Work factors here are small (the scrypt cost doubles per step): the format does not depend on them,
// and the app's own factor is pinned by the codec tests.
describe('native scrypt recipient/identity: the same age format as every other implementation', () => {
  it('what we encrypt, age-encryption’s own (pure JS) passphrase decrypter opens', async () => {
    const e = new Encrypter();
    e.addRecipient(new NativeScryptRecipient('correct horse battery staple', 10));
    const file = await e.encrypt('hello invite');
    expect(text(file)).toMatch(/^age-encryption\.org\/v1\n-> scrypt [A-Za-z0-9+/]{22} 10\n/);
    const d = new Decrypter();
    d.addPassphrase('correct horse battery staple');
    expect(text(await d.decrypt(file))).toBe('hello invite');
  });

  it('what age-encryption encrypts with a passphrase, we open; a wrong passphrase unwraps nothing', async () => {
    const e = new Encrypter();
    e.setScryptWorkFactor(10);
    e.setPassphrase('pässwörd 한국어');
    const file = armor.decode(armor.encode(await e.encrypt('from the library')));
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity('pässwörd 한국어', 10));
    expect(text(await d.decrypt(file))).toBe('from the library');
    const wrong = new Decrypter();
    wrong.addIdentity(new NativeScryptIdentity('wrong', 10));
    await expect(wrong.decrypt(file)).rejects.toThrow(/no identity matched/);
  });

  it('refuses a work factor above the cap before running scrypt', async () => {
    const e = new Encrypter();
    e.addRecipient(new NativeScryptRecipient('p', 12));
    const file = await e.encrypt('x');
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity('p', 11));
    await expect(d.decrypt(file)).rejects.toThrow(/work factor is too high/);
  });
});

describe('native scrypt identity: the stanza checks age makes, one by one', () => {
  const fileKey = new Uint8Array(16).map((_, i) => i + 1);
  const wrap = async (logN = 10, pass = 'pw') => (await new NativeScryptRecipient(pass, logN).wrapFileKey(fileKey))[0]!;
  const open = (stanzas: Stanza[], max = 12, pass = 'pw') => new NativeScryptIdentity(pass, max).unwrapFileKey(stanzas);

  it('unwraps its own stanza, at the cap exactly; a fresh salt each time', async () => {
    const s = await wrap(12);
    expect(s.args[0]).toBe('scrypt');
    expect(s.args).toHaveLength(3);
    expect(s.args[2]).toBe('12');
    expect(s.body).toHaveLength(32);
    expect(await open([s], 12)).toEqual(fileKey);
    expect((await wrap()).args[1]).not.toBe((await wrap()).args[1]);
    expect(await open([await wrap(10, 'pw')], 12, 'other')).toBeNull();
  });

  it('refuses what age refuses', async () => {
    const s = await wrap();
    const other = new Stanza(['X25519', 'abc'], new Uint8Array(32));
    const variant = (args: string[], body: Uint8Array = s.body) => new Stanza(args, body);
    await expect(open([s, other])).rejects.toThrow(/not the only one/);
    await expect(open([other, s])).rejects.toThrow(/not the only one/);
    for (const args of [
      ['scrypt', s.args[1]!],
      ['scrypt', s.args[1]!, '10', 'extra'],
      ['scrypt', s.args[1]!, '010'],
      ['scrypt', s.args[1]!, '0'],
      ['scrypt', s.args[1]!, '1x'],
      ['scrypt', s.args[1]!, 'x1'],
    ]) {
      await expect(open([variant(args)]), args.join(' ')).rejects.toThrow(/invalid scrypt stanza/);
    }
    // The salt: 16 bytes, canonical unpadded base64.
    await expect(open([variant(['scrypt', `${s.args[1]}==`, '10'])])).rejects.toThrow(/invalid scrypt stanza/);
    await expect(open([variant(['scrypt', s.args[1]!.slice(0, 20), '10'])])).rejects.toThrow(/invalid scrypt stanza/);
    await expect(open([variant(['scrypt', `${s.args[1]}AA`, '10'])])).rejects.toThrow(/invalid scrypt stanza/);
    await expect(open([variant(s.args, s.body.subarray(0, 31))])).rejects.toThrow(/invalid stanza/);
    await expect(open([variant(s.args, new Uint8Array([...s.body, 0]))])).rejects.toThrow(/invalid stanza/);
    await expect(open([await wrap(13)], 12)).rejects.toThrow(/work factor is too high/);
    // Not a scrypt stanza at all: nothing to unwrap here, no error.
    expect(await open([other])).toBeNull();
    expect(await open([])).toBeNull();
  });

  it('a single-digit work factor is well-formed (age writes any factor from 1)', async () => {
    expect(await open([await wrap(9)])).toEqual(fileKey);
  });

  it('the key scrypt derives is zeroed once used: wrapping, unwrapping, and a wrong passphrase', async () => {
    derived.length = 0;
    const s = await wrap();
    expect(await open([s])).toEqual(fileKey);
    expect(await open([s], 12, 'other')).toBeNull();
    expect(derived).toHaveLength(3);
    expect(derived.every((key) => key.length === 32 && key.every((b) => b === 0))).toBe(true);
  });

  it('a changed wrapped key or tag does not unwrap (null: age cannot tell it from a wrong passphrase)', async () => {
    const s = await wrap();
    for (const at of [0, 15, 16, 31]) {
      const body = s.body.slice();
      body[at]! ^= 1;
      expect(await open([new Stanza(s.args, body)]), `byte ${at}`).toBeNull();
    }
  });
});
