import { armor, Encrypter } from 'age-encryption';
import { beforeAll, describe, expect, it } from 'vitest';
import { passwordSheet } from '../../../../../electron/admin/bulk/bulk-output';
import { openPasswordSheet, sheetEntries } from '../../../../../electron/admin/bulk/password-sheet';

// age's default scrypt work factor (2^18) makes each encryption and decryption take a while.
describe('opening a saved password sheet inside the app', { timeout: 120_000 }, () => {
  const entries: Array<[string, string]> = [
    ['kim.minji', "=tricky'pass\"word,1"],
    ['=1+2', 'Abcd-efgh-ijkl-mnop'],
  ];
  let file: Uint8Array;
  beforeAll(async () => {
    file = await passwordSheet(entries, 'correct horse battery');
  }, 120_000);

  it('reads back exactly what "Save password sheet" wrote, including a formula-looking user name', async () => {
    const opened = await openPasswordSheet(file, 'correct horse battery');
    expect([...opened.entries()]).toEqual(entries);
  });

  it('a wrong passphrase, a file that is not a sheet, and an age file without the columns each say so', async () => {
    await expect(openPasswordSheet(file, 'wrong horse battery')).rejects.toMatchObject({ code: 'adminBulk.sheetWrongPassphrase' });
    await expect(openPasswordSheet(new TextEncoder().encode('user,password\na,b\n'), 'x'.repeat(12))).rejects.toMatchObject({ code: 'adminBulk.notASheet' });
    await expect(openPasswordSheet(new Uint8Array(), 'x'.repeat(12))).rejects.toMatchObject({ code: 'adminBulk.notASheet' });
    const e = new Encrypter();
    e.setScryptWorkFactor(12); // only the columns matter here
    e.setPassphrase('correct horse battery');
    const other = new TextEncoder().encode(armor.encode(await e.encrypt('name,secret\nx,y\n')));
    await expect(openPasswordSheet(other, 'correct horse battery')).rejects.toMatchObject({ code: 'adminBulk.notASheet' });
  });

  it('finds the columns by header, whatever their order, with a BOM and CRLF', () => {
    expect([...sheetEntries('\ufeff"password","user"\r\n"p1","u1"\r\n')]).toEqual([['u1', 'p1']]);
    expect(() => sheetEntries('"user","password"\r\n')).toThrow(expect.objectContaining({ code: 'adminBulk.notASheet' }));
  });
});
