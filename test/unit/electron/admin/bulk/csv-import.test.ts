import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importUsersCsv } from '../../../../../electron/admin/bulk/csv-import';

const dir = mkdtempSync(join(tmpdir(), 'csv-'));
let n = 0;
const file = (content: string | Buffer) => {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
};
const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string }) => e.code);

describe('importUsersCsv', () => {
  it('reads UTF-8 with a BOM, Korean names in tags, groups and tags in one cell', async () => {
    const r = await importUsersCsv(file('\ufeffuser name,email,groups,tags\njdoe,jdoe@example.com,dev|ops,team=플랫폼|cost=42\nkim.minsu,minsu@example.com,dev,이름=김민수\n'));
    expect(r.encoding).toBe('utf-8');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, userName: 'jdoe', email: 'jdoe@example.com', groups: ['dev', 'ops'], tags: { team: '플랫폼', cost: '42', email: 'jdoe@example.com' }, account: null },
      { line: 3, userName: 'kim.minsu', email: 'minsu@example.com', groups: ['dev'], tags: { 이름: '김민수', email: 'minsu@example.com' }, account: null },
    ]);
  });

  it('reads the optional account column (English or Korean header) as written; the organization resolves it later', async () => {
    const r = await importUsersCsv(file('userName,계정\njdoe,Production\nkim,222233334444\nlee,\n'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.userName, x.account])).toEqual([
      ['jdoe', 'Production'],
      ['kim', '222233334444'],
      ['lee', null],
    ]);
    expect([...r.validation.accountRows.keys()]).toEqual(['Production', '222233334444']);
  });

  it('reads semicolon files with Korean headers, and EUC-KR as Excel writes it in Korea', async () => {
    const text = '사용자 이름;이메일;그룹\nlee;lee@example.com;dev\n';
    const eucKr = Buffer.from([...Buffer.from('\xbb\xe7\xbf\xeb\xc0\xda \xc0\xcc\xb8\xa7;\xc0\xcc\xb8\xde\xc0\xcf;\xb1\xd7\xb7\xec\nlee;lee@example.com;dev\n', 'latin1')]);
    const utf = await importUsersCsv(file(text));
    const kr = await importUsersCsv(file(eucKr));
    expect(utf.delimiter).toBe(';');
    expect(kr.encoding).toBe('euc-kr');
    expect(kr.rows).toEqual(utf.rows);
    expect(kr.rows[0]).toMatchObject({ userName: 'lee', groups: ['dev'] });
  });

  it('reports every problem at once: bad names, duplicates (case-insensitive), bad emails, extra cells', async () => {
    const r = await importUsersCsv(file('userName,email\nok1,a@b.co\n김민수,k@b.co\nhas space,x@y.co\nOK1,c@d.co\nfine,not-an-email\nx,y@z.co,extra\n,empty@x.co\n'));
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'userName.invalidCharacters'],
      [4, 'userName.invalidCharacters'],
      [5, 'duplicateInFile'],
      [6, 'email.invalid'],
      [7, 'columnCount'],
      [8, 'userName.required'],
    ]);
    expect(r.rows).toHaveLength(7);
  });

  it('refuses the onboarding window tag in a cell: only the app sets it, with the invite expiry it enforces', async () => {
    const r = await importUsersCsv(file('userName,tags\nok1,team=a\nsneaky,IAM-Onboarding-Window=2099-01-01T00:00:00Z\n'));
    expect(r.problems).toMatchObject([{ line: 3, userName: 'sneaky', code: 'tag.reservedByApp', params: { key: 'IAM-Onboarding-Window' } }]);
  });

  it('refuses what is not a users CSV with a clear code', async () => {
    expect(await codeOf(importUsersCsv(file('')))).toBe('adminBulk.emptyFile');
    expect(await codeOf(importUsersCsv(file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]))))).toMatch(/^adminBulk\.(binaryFile|noUserNameColumn)$/);
    expect(await codeOf(importUsersCsv(file('email,groups\na@b.co,dev\n')))).toBe('adminBulk.noUserNameColumn');
    expect(await codeOf(importUsersCsv(file('userName\n')))).toBe('adminBulk.noRows');
    expect(await codeOf(importUsersCsv(file(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',') + '\n')))).toMatch(/^adminBulk\.(tooManyColumns|rowTooLong)$/);
    expect(await codeOf(importUsersCsv(file('userName\n"unterminated\n')))).toBe('adminBulk.unclosedQuote');
    expect(await codeOf(importUsersCsv(join(dir, 'missing.csv')))).toBe('adminBulk.fileUnreadable');
  });

  it('leaves a formula-looking cell as data (it is neutralised when a CSV is written, see summary-csv)', async () => {
    const r = await importUsersCsv(file('userName,tags\n"=HYPERLINK(""http://x"")",team=a\n=1+2,team=b\n'));
    expect(r.rows.map((x) => x.userName)).toEqual(['=HYPERLINK("http://x")', '=1+2']);
    // '=1+2' is a legal IAM user name, so it must be neutralised whenever the app writes a CSV.
    expect(r.problems.map((p) => [p.line, p.code])).toEqual([[2, 'userName.invalidCharacters']]);
  });

  it('a record spanning lines is reported at the line where it starts; empty lines are counted', async () => {
    const r = await importUsersCsv(file('userName,tags\n\nok1,"team=a\nb"\n\n\n김,team=c\n'));
    expect(r.rows.map((x) => x.line)).toEqual([3, 7]);
    expect(r.problems.map((p) => [p.line, p.code, p.column, p.columnName])).toEqual([
      [3, 'tag.valueInvalidCharacters', 2, 'tags'],
      [7, 'userName.invalidCharacters', 1, 'userName'],
    ]);
  });

  it('an unclosed quote after blank lines names the line and column where it opens', async () => {
    const err = await importUsersCsv(file('userName,email\nok1,a@b.co\n\n\nbad,"x@y.co\nnext,n@b.co\n')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'adminBulk.unclosedQuote', params: { line: 5, column: 2, columnName: 'email' } });
  });

  it('CP949 vs Windows-1252 without a BOM: Hangul is CP949, Latin-1 letters between ASCII are Windows-1252', async () => {
    const kr = await importUsersCsv(file(Buffer.concat([Buffer.from('userName,tags\nkim,'), Buffer.from([0xc0, 0xcc, 0xb8, 0xa7]), Buffer.from('=x\n')])));
    expect(kr.encoding).toBe('euc-kr');
    expect(kr.rows[0]!.tags).toEqual({ 이름: 'x' });
    // "Åsa" (C5 73 61) is also a valid CP949 extended syllable followed by 'a': the shape decides.
    const west = await importUsersCsv(file(Buffer.concat([Buffer.from('userName,tags\nasa,name='), Buffer.from([0xc5]), Buffer.from('sa|city=Malm'), Buffer.from([0xf6]), Buffer.from('\n')])));
    expect(west.encoding).toBe('windows-1252');
    expect(west.rows[0]!.tags).toEqual({ name: 'Åsa', city: 'Malmö' });
  });

  it('UTF-16LE without a BOM is recognised by its NUL pattern; a lone NUL in 8-bit text is binary', async () => {
    const r = await importUsersCsv(file(Buffer.from('userName\tgroups\nkim\tdev,ops\n', 'utf16le')));
    expect([r.encoding, r.delimiter, r.rows[0]!.groups]).toEqual(['utf-16le', '\t', ['dev', 'ops']]);
    expect(await codeOf(importUsersCsv(file(Buffer.from('userName\nkim\u0000x\n'))))).toBe('adminBulk.binaryFile');
    expect(await codeOf(importUsersCsv(file(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]))))).toBe('adminBulk.unsupportedEncoding');
  });

  it('streams a 5,000-row file, in UTF-8 and in UTF-16LE (several 64 KiB chunks, characters split across them)', async () => {
    const lines = ['userName,email,groups,tags'];
    for (let i = 0; i < 5000; i++) lines.push(`user${i},user${i}@example.com,dev,이름=사용자${i}`);
    const r = await importUsersCsv(file(lines.join('\n')));
    expect(r.rows).toHaveLength(5000);
    expect(r.problems).toEqual([]);
    const r16 = await importUsersCsv(file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n'), 'utf16le')])));
    expect(r16.encoding).toBe('utf-16le');
    expect(r16.rows.map((x) => x.tags)).toEqual(r.rows.map((x) => x.tags));
  });
});
