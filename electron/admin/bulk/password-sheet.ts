import { armor, Decrypter } from 'age-encryption';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../src/shared/errors/app-error';
import { NativeScryptIdentity } from '../../invites/native-scrypt';

/** A sheet of a few thousand users is far below this; anything larger is not ours. */
export const SHEET_MAX_BYTES = 5 * 1024 * 1024;
/** age's default work factor (what the sheet is written with); a higher one is refused before scrypt runs. */
const SHEET_MAX_LOG_N = 18;

/**
 * Opens a password sheet written by "Save password sheet" (or re-encrypted with the age CLI):
 * age passphrase encryption, armored or binary, holding a CSV with `user` and `password` columns.
 * scrypt runs natively off the main thread (native-scrypt.ts).
 */
export async function openPasswordSheet(file: Uint8Array, passphrase: string): Promise<Map<string, string>> {
  if (file.length === 0 || file.length > SHEET_MAX_BYTES) throw new AppError('adminBulk.notASheet');
  let binary: Uint8Array;
  try {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(file.subarray(0, 64));
    binary = text.includes('-----BEGIN AGE ENCRYPTED FILE-----') ? armor.decode(new TextDecoder().decode(file).trim() + '\n') : file;
  } catch {
    throw new AppError('adminBulk.notASheet');
  }
  let plain: Uint8Array;
  try {
    const d = new Decrypter();
    d.addIdentity(new NativeScryptIdentity(passphrase, SHEET_MAX_LOG_N));
    plain = await d.decrypt(binary);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    if (msg.includes('no identity matched')) throw new AppError('adminBulk.sheetWrongPassphrase');
    throw new AppError('adminBulk.notASheet');
  }
  try {
    return sheetEntries(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } finally {
    plain.fill(0);
  }
}

/** user → password from the sheet's CSV (columns found by their header; BOM and CRLF allowed). */
export function sheetEntries(csv: string): Map<string, string> {
  let rows: string[][];
  try {
    rows = parse(csv.replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    // No cause: csv-parse messages quote the input, which holds passwords.
    throw new AppError('adminBulk.notASheet');
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const u = header.indexOf('user');
  const p = header.indexOf('password');
  if (u < 0 || p < 0) throw new AppError('adminBulk.notASheet');
  const entries = new Map<string, string>();
  // User names were defused for spreadsheets ("'=x" for "=x", see summary-csv.ts); passwords are exact.
  const name = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
  for (const r of rows) if (r[u] && r[p] !== undefined) entries.set(name(r[u]!), r[p]!);
  if (entries.size === 0) throw new AppError('adminBulk.notASheet');
  return entries;
}
