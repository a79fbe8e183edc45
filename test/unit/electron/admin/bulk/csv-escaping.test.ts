import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSummaryCsv } from '../../../../../electron/admin/bulk/bulk-output';
import { newJob } from '../../../../../electron/admin/bulk/bulk-user';
import { csvCell, csvDocument, csvLine } from '../../../../../electron/admin/bulk/summary-csv';

/**
 * CSV that spreadsheets open safely, read back by a real CSV parser (csv-parse): every value
 * survives (commas, quotes, line breaks, Hangul), and a value a spreadsheet would run as a
 * formula comes back with a leading quote, unless the column is one that must stay exact.
 */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];
const readCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][];
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', '\t', ';', "'", '김', '=', '+', '-', '@', ' '), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 30 });
const formula = fc.tuple(fc.constantFrom(...FORMULA_STARTS), anyText).map(([c, s]) => c + s);
const safe = anyText.filter((s) => !FORMULA_STARTS.includes(s[0] ?? ''));

describe('csvCell', () => {
  it('a value that does not start like a formula reads back exactly', () => {
    fc.assert(
      fc.property(safe, (s) => {
        expect(readCsv(csvLine([s, 'x']))).toEqual([[s, 'x']]);
      }),
    );
  });

  it('a value starting with = + - @, a tab or a carriage return reads back behind a single quote', () => {
    fc.assert(
      fc.property(formula, (s) => {
        expect(readCsv(csvLine([s, 'x']))).toEqual([[`'${s}`, 'x']]);
      }),
    );
  });

  it('an exact column keeps even a formula-like value byte for byte', () => {
    fc.assert(
      fc.property(fc.oneof(formula, safe), (s) => {
        expect(readCsv(csvLine(['=user', s], [1]))).toEqual([["'=user", s]]);
      }),
    );
  });

  it('every cell is quoted and inner quotes are doubled', () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell('=1+2', true)).toBe('"=1+2"');
    expect(csvCell('x=1')).toBe('"x=1"');
    expect(csvCell("'=1")).toBe(`"'=1"`);
  });

  it('numbers, booleans, null and undefined', () => {
    expect([csvCell(0), csvCell(-5), csvCell(true), csvCell(false), csvCell(null), csvCell(undefined)]).toEqual(['"0"', `"'-5"`, '"true"', '"false"', '""', '""']);
  });
});

describe('csvDocument', () => {
  it('a BOM, then the header and one CRLF-terminated line per row; a header cell is never exact', () => {
    const doc = csvDocument(['=h', 'password'], [['김', '-pw'], ['=u', '+pw']], [1]);
    expect(doc).toBe('\ufeff"\'=h","password"\r\n"김","-pw"\r\n"\'=u","+pw"\r\n');
    expect(readCsv(doc)).toEqual([["'=h", 'password'], ['김', '-pw'], ["'=u", '+pw']]);
  });

  it('no rows: the header alone', () => {
    expect(csvDocument(['user'], [])).toBe('\ufeff"user"\r\n');
  });
});

// The password sheet (exact password column, age-encrypted) is decrypted and read back in
// test/e2e/admin-bulk.e2e.ts; age's default scrypt makes that too slow for a unit test.
describe('the CSV files the bulk run writes', () => {
  it('the summary on disk: IAM-legal formula user names are defused, the file is 0600', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'csv-'));
    const input = (userName: string) => ({ userName, groups: [], tags: [], attachPolicyTo: { kind: 'user' as const }, inviteValidDays: 7 });
    const done = { ...newJob(input('=1+2')), status: 'done' as const, inviteFile: '=1+2.invite.age' };
    const failed = { ...newJob(input('@SUM')), status: 'failed' as const, error: { code: 'adminUsers.userExists' } };
    const partial = newJob(input('+kim'));
    partial.steps[0]!.status = 'done';
    const path = await writeSummaryCsv(folder, 'abcdef0123456789', [done, failed, partial, newJob(input('-lee'))]);
    expect(path).toBe(join(folder, 'bulk-summary-abcdef01.csv'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readCsv(readFileSync(path, 'utf8'))).toEqual([
      ['user', 'status', 'invite file', 'error'],
      ["'=1+2", 'created', "'=1+2.invite.age", ''],
      ["'@SUM", 'failed', '', 'adminUsers.userExists'],
      ["'+kim", 'incomplete', '', ''],
      ["'-lee", 'not started', '', ''],
    ]);
  });
});
