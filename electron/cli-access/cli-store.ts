import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writePrivateFile } from '../platform/private-file';
import type { CliVault } from './cli-vault';

/**
 * The command-line profile's own store, under the app's data folder: one record per profile (the
 * long-term key, sealed by the vault) and the cached MFA session next to it. Directory 0700,
 * files 0600, written whole (temp file + rename) so a crash never leaves half a record.
 */
export const CLI_STORE_DIR = 'cli-profiles';

const sealedSchema = z.object({ protection: z.enum(['keychain', 'plain']), data: z.string() });
export type Sealed = z.infer<typeof sealedSchema>;

export const cliRecordSchema = z.object({
  version: z.literal(1),
  profile: z.string(),
  userName: z.string(),
  accountId: z.string(),
  region: z.string(),
  mfaSerial: z.string(),
  endpoints: z.object({ iam: z.string().optional(), sts: z.string().optional() }).optional(),
  accessKeyId: z.string(),
  secretAccessKey: sealedSchema,
  /** When IAM created the key: a key younger than a few minutes may not be usable everywhere yet. */
  keyCreatedAt: z.string(),
  /** The MFA session's length (sts:GetSessionToken DurationSeconds). */
  sessionSeconds: z.number().int().min(900).max(129_600),
});
export type CliRecord = z.infer<typeof cliRecordSchema>;

const sessionSchema = z.object({ version: z.literal(1), accessKeyId: z.string(), session: sealedSchema });
const sessionCredentialsSchema = z.object({
  AccessKeyId: z.string(),
  SecretAccessKey: z.string(),
  SessionToken: z.string(),
  Expiration: z.string(),
});
export type SessionCredentials = z.infer<typeof sessionCredentialsSchema>;

/** Profile names become file names: the same characters profileNameFor() produces, nothing else. */
const SAFE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function storeDir(userData: string): string {
  return join(userData, CLI_STORE_DIR);
}

export function recordFile(dir: string, profile: string): string {
  if (!SAFE_NAME.test(profile)) throw new Error(`invalid profile name: ${profile}`);
  return join(dir, `${profile}.json`);
}

export const sessionFile = (dir: string, profile: string): string => recordFile(dir, profile).replace(/\.json$/, '.session.json');
export const lockFile = (dir: string, profile: string): string => recordFile(dir, profile).replace(/\.json$/, '.lock');

export const seal = (vault: CliVault, text: string): Sealed => ({ protection: vault.protection, data: vault.seal(text) });

/** Opens a sealed value; a keychain value needs the keychain (plain opens anywhere). */
export function unseal(vault: CliVault, s: Sealed): string {
  if (s.protection === 'plain') return s.data;
  if (vault.protection !== 'keychain') throw new Error('sealed by the OS keychain; only the app itself can open it');
  return vault.open(s.data);
}

async function writeWhole(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writePrivateFile(tmp, text);
  await rename(tmp, file);
}

export async function writeRecord(dir: string, record: CliRecord): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const file = recordFile(dir, record.profile);
  await writeWhole(file, JSON.stringify(cliRecordSchema.parse(record), null, 2) + '\n');
  // A session cached for an earlier key of the same name is not this key's.
  await rm(sessionFile(dir, record.profile), { force: true });
  return file;
}

/** The record of this profile, or null (none, or a file that holds another profile's record). */
export async function readRecord(dir: string, profile: string): Promise<CliRecord | null> {
  let text: string;
  try {
    text = await readFile(recordFile(dir, profile), 'utf8');
  } catch {
    return null;
  }
  const record = cliRecordSchema.parse(JSON.parse(text));
  // The session and lock files are named after record.profile: a copied or renamed record would
  // hand out, and overwrite, the other profile's session.
  return record.profile === profile ? record : null;
}

export async function writeSession(dir: string, record: CliRecord, vault: CliVault, creds: SessionCredentials): Promise<void> {
  const body = { version: 1 as const, accessKeyId: record.accessKeyId, session: seal(vault, JSON.stringify(creds)) };
  await writeWhole(sessionFile(dir, record.profile), JSON.stringify(body) + '\n');
}

/** The cached session of this record's key, or null (none, unreadable, or another key's). */
export async function readSession(dir: string, record: CliRecord, vault: CliVault): Promise<SessionCredentials | null> {
  try {
    const body = sessionSchema.parse(JSON.parse(await readFile(sessionFile(dir, record.profile), 'utf8')));
    if (body.accessKeyId !== record.accessKeyId) return null;
    return sessionCredentialsSchema.parse(JSON.parse(unseal(vault, body.session)));
  } catch {
    return null;
  }
}
