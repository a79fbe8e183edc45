import { armor, Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { NativeScryptIdentity, NativeScryptRecipient } from '../../../../electron/invites/native-scrypt';

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
