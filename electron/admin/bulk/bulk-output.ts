import { armor, Encrypter } from 'age-encryption';
import { NativeScryptRecipient } from '../../invites/native-scrypt';
import { writePrivateFile } from '../../platform/private-file';
import { join } from 'node:path';
import type { UserJob } from './bulk-user';
import { csvDocument } from './summary-csv';

/** The run's summary next to the invites: user, status, invite file, error code. No secrets. */
export async function writeSummaryCsv(folder: string, runId: string, jobs: readonly UserJob[]): Promise<string> {
  const status = (j: UserJob) =>
    j.status === 'done' ? 'created' : j.status === 'failed' ? 'failed' : j.steps.some((s) => s.status === 'done') ? 'incomplete' : 'not started';
  // A run across accounts (the file's `account` column) says which account each user went to.
  const across = jobs.some((j) => j.accountId !== null);
  const rows = jobs.map((j) => [j.input.userName, status(j), j.inviteFile ?? '', j.error?.code ?? '', ...(across ? [j.accountId ?? ''] : [])]);
  const path = join(folder, `bulk-summary-${runId.slice(0, 8)}.csv`);
  await writePrivateFile(path, csvDocument(['user', 'status', 'invite file', 'error', ...(across ? ['account'] : [])], rows));
  return path;
}

/**
 * The password sheet: a CSV of user,password encrypted with age to the admin's passphrase
 * (scrypt at age's default work factor, 2^18: the passphrase is the admin's own, so it gets the
 * full cost), armored. Opens with any age tool: `age -d sheet.csv.age`. Native scrypt off the main
 * thread (age-encryption's own is pure JS and would freeze the app for a second or more).
 * Passwords are written exactly (no spreadsheet-formula defusing, which would change them).
 */
export const SHEET_SCRYPT_LOG_N = 18;

export async function passwordSheet(entries: ReadonlyArray<[string, string]>, passphrase: string): Promise<Uint8Array> {
  const e = new Encrypter();
  e.addRecipient(new NativeScryptRecipient(passphrase, SHEET_SCRYPT_LOG_N));
  return new TextEncoder().encode(armor.encode(await e.encrypt(csvDocument(['user', 'password'], entries, [1]))));
}
