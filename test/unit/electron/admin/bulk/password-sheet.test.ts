/**
 * The decrypted password sheet opens correctly in a spreadsheet: every password reads back exactly
 * as generated. The sheet is opened with the real `age -d`, then (a) by LibreOffice Calc itself,
 * headless, importing the CSV with formula evaluation on (what a double-click does) and exporting
 * what the cells show, and (b) by Excel's documented rules for opening a CSV (we cannot run Excel
 * here): a cell starting with = + - @ becomes a formula, a number/date/percent/currency is
 * converted, a leading apostrophe is taken as a text marker and dropped.
 */
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { passwordSheet } from '../../../../../electron/admin/bulk/bulk-output';
import { generateTemporaryPassword } from '../../../../../src/shared/password-policy/generate-password';
import { fromSdkPolicy } from '../../../../../src/shared/password-policy/password-policy';
import { ageCliAvailable, ageDecrypt } from '../../../../support/age-cli';

const sofficeAvailable = spawnSync('soffice', ['--version']).status === 0;
/** CI installs both (.ci/run); elsewhere the test says it is skipped. */
const required = process.env.CI === 'true';

/** How Excel reads a CSV cell it opens directly (no import wizard). */
function excelReads(cell: string): 'formula' | 'number' | 'apostrophe' | 'text' {
  if (/^[=+\-@\t\r]/.test(cell)) return 'formula';
  if (cell.startsWith("'")) return 'apostrophe';
  const numberLike = /^\(?[-+]?[$€£¥₩]?\s?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?\s?%?\)?$/;
  const dateLike = /^(\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{1,2}:\d{2}(:\d{2})?(\s?[AP]M)?|[A-Za-z]{3,9}[- ]\d{1,4}|\d{1,2}[- ][A-Za-z]{3,9}([- ]\d{2,4})?)$/i;
  if (/\d/.test(cell) && (numberLike.test(cell) || dateLike.test(cell))) return 'number';
  return 'text';
}

const POLICIES = [
  'awsDefault' as const,
  fromSdkPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true }),
  fromSdkPolicy({ MinimumPasswordLength: 32, RequireSymbols: true }),
];

describe('the password sheet in a spreadsheet', () => {
  const entries: Array<[string, string]> = Array.from({ length: 300 }, (_, i) => [`user.${i}`, generateTemporaryPassword(POLICIES[i % POLICIES.length]!)]);
  // IAM allows these user names; the sheet defuses them (OWASP), the passwords are written exactly.
  entries.push(['=1+2', generateTemporaryPassword('awsDefault')], ['@sum', generateTemporaryPassword('awsDefault')], ['김민지', generateTemporaryPassword('awsDefault')]);

  it('Excel rules: every generated password is read as plain text, unchanged (300 over three policies)', () => {
    for (const [, pw] of entries) expect(excelReads(pw), pw).toBe('text');
    // The rules catch what the old generator could produce.
    expect(['=x1', '+x1', '-x1', '@x1', "'x1", '12.5%', '1,234', '3-4', 'Jan-20'].map(excelReads)).not.toContain('text');
  });

  it.runIf(required || (ageCliAvailable() && sofficeAvailable))(
    'opened with `age -d` and LibreOffice Calc (formulas evaluated): every password cell shows exactly the password',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
      const passphrase = 'sheet passphrase 4 admins';
      writeFileSync(join(dir, 'passwords.csv.age'), await passwordSheet(entries, passphrase));
      await ageDecrypt(join(dir, 'passwords.csv.age'), join(dir, 'passwords.csv'), passphrase);
      // A control opened the same way: the import really evaluates what a password must never be.
      writeFileSync(join(dir, 'control.csv'), '"user","password"\r\n"old.generator","=1+2"\r\n');
      // Import: comma, double quote, UTF-8 (76), from line 1, English locale, "quoted field as text"
      // off, "detect special numbers" on, and "evaluate formulas" on — the least forgiving import.
      // Export: what each cell shows (a formula would show its result or #NAME?).
      const out = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
          '--headless',
          '--infilter=CSV:44,34,76,1,,1033,false,true,false,false,true',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
          '--outdir',
          join(dir, 'calc'),
          join(dir, 'passwords.csv'),
          join(dir, 'control.csv'),
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(out.status, out.stderr).toBe(0);
      expect(readFileSync(join(dir, 'calc', 'control.csv'), 'utf8')).toContain('old.generator,3');
      const shown = parse(readFileSync(join(dir, 'calc', 'passwords.csv'), 'utf8'), { bom: true, relax_column_count: true }) as string[][];
      expect(shown[0]).toEqual(['user', 'password']);
      expect(shown.slice(1).map((r) => r[1])).toEqual(entries.map(([, pw]) => pw));
      // User names that look like formulas stay text (shown with the defusing apostrophe), never evaluated.
      expect(shown.slice(1).map((r) => r[0]).slice(-3)).toEqual(["'=1+2", "'@sum", '김민지']);
    },
    180_000,
  );
});
