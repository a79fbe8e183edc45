import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AwsConfigPaths } from '../aws/shared-config';

/** Section names allow more, but tools disagree on dots and '@'; keep to what every parser reads. */
export function profileNameFor(userName: string, accountAliasOrId: string): string {
  return `${userName}-${accountAliasOrId}`.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Profile names already used in either file, read with the SDK's own parser. */
export async function existingProfileNames(paths: AwsConfigPaths): Promise<Set<string>> {
  const files = await loadSharedConfigFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true });
  const names = new Set<string>();
  for (const key of [...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)]) names.add(key.toLowerCase());
  return names;
}

/** `preferred`, or `preferred-2`, `-3`… : never an existing profile. */
export function freeProfileName(preferred: string, taken: Set<string>): string {
  if (!taken.has(preferred.toLowerCase())) return preferred;
  for (let i = 2; ; i++) {
    const candidate = `${preferred}-${i}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

export interface ProfileToWrite {
  preferredName: string;
  region: string;
  mfaSerial: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Appends a new profile: `[profile x]` with region + mfa_serial to the config file, the key to
 * the credentials file (created 0600; an existing one is tightened to 0600). Existing sections
 * are never rewritten. The secret goes only to the credentials file, the CLI's convention.
 */
export async function writeProfile(paths: AwsConfigPaths, p: ProfileToWrite): Promise<{ name: string }> {
  const name = freeProfileName(p.preferredName, await existingProfileNames(paths));
  const config = `[profile ${name}]\nregion = ${p.region}\nmfa_serial = ${p.mfaSerial}\n`;
  const credentials = `[${name}]\naws_access_key_id = ${p.accessKeyId}\naws_secret_access_key = ${p.secretAccessKey}\n`;
  await appendSection(paths.credentialsFile, credentials, 0o600);
  await chmod(paths.credentialsFile, 0o600);
  await appendSection(paths.configFile, config, 0o600);
  return { name };
}

async function appendSection(file: string, text: string, mode: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const before = await readFile(file, 'utf8').catch(() => '');
  const sep = before.length === 0 ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const handle = await open(file, 'a', mode);
  try {
    // Before the first byte: an existing 0644 credentials file must not show the new key to others.
    await handle.chmod(mode);
    await handle.writeFile(sep + text, 'utf8');
  } finally {
    await handle.close();
  }
}
