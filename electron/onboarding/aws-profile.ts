import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../src/shared/errors/app-error';
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
  /** The helper command line, already quoted (credentialProcessLine). */
  credentialProcess: string;
}

/** Control characters would end a line and smuggle in settings (a second credential_process…). */
const isControl = (ch: string): boolean => {
  const c = ch.codePointAt(0)!;
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
};

/** Refuses what could break out of an INI value or section name. */
export function assertIniSafe(field: string, value: string): void {
  if ([...value].some(isControl) || (field === 'name' && /[[\]]/.test(value))) throw new AppError('onboarding.profileValueInvalid', { field });
}

/**
 * Appends `[profile x]` with region and credential_process to the config file. No secret goes
 * into the AWS files at all: the helper fetches an MFA session with a key kept by the app
 * (electron/cli-access). Existing sections are never rewritten; the credentials file is only read
 * (a name taken there is taken).
 */
export async function writeProfile(paths: AwsConfigPaths, p: ProfileToWrite): Promise<{ name: string }> {
  const name = freeProfileName(p.preferredName, await existingProfileNames(paths));
  assertIniSafe('name', name);
  assertIniSafe('region', p.region);
  assertIniSafe('credential_process', p.credentialProcess);
  await appendSection(paths.configFile, `[profile ${name}]\nregion = ${p.region}\ncredential_process = ${p.credentialProcess}\n`, 0o600);
  return { name };
}

/** The profile name writeProfile would pick now (so the app's own store can be keyed by it first). */
export async function nextProfileName(paths: AwsConfigPaths, preferred: string): Promise<string> {
  return freeProfileName(preferred, await existingProfileNames(paths));
}

/**
 * One command line as botocore splits it (shlex on POSIX; on Windows its own splitter, where
 * backslashes are literal unless they precede a quote): every part in double quotes.
 */
export function credentialProcessLine(argv: readonly string[], platform: NodeJS.Platform): string {
  return argv
    .map((arg) => {
      assertIniSafe('credential_process', arg);
      if (platform === 'win32') {
        if (arg.includes('"')) throw new AppError('onboarding.profileValueInvalid', { field: 'credential_process' });
        return `"${arg.replace(/(\\+)$/, '$1$1')}"`;
      }
      return `"${arg.replace(/(["\\])/g, '\\$1')}"`;
    })
    .join(' ');
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
