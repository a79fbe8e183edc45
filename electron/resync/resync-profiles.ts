import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';
import { AppError } from '../../src/shared/errors/app-error';
import type { AppDeps } from '../app/app-deps';

export interface AwsFilePaths {
  configFile: string;
  credentialsFile: string;
}

/** Where the SDK would look: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/… of the app's home. */
export function awsFilePaths(deps: Pick<AppDeps, 'env' | 'platform'>): AwsFilePaths {
  const home = deps.platform.paths.home;
  return {
    configFile: deps.env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: deps.env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

type Section = Record<string, string | undefined>;

/**
 * Keys that make the SDK resolve a profile some other way than its static keys (assume a role,
 * run a process, SSO). Such a profile needs a working MFA or a browser, which this user lacks.
 */
const NOT_STATIC = ['role_arn', 'source_profile', 'credential_process', 'sso_session', 'sso_start_url', 'web_identity_token_file'];

/** A profile usable here: a long-term key (a session token cannot call sts:GetSessionToken to prove the resync). */
const usable = (s: Section): boolean =>
  !!s.aws_access_key_id &&
  !!s.aws_secret_access_key &&
  !s.aws_session_token &&
  s.aws_access_key_id.startsWith('AKIA') &&
  NOT_STATIC.every((k) => !s[k]);

async function loadProfiles(paths: AwsFilePaths): Promise<Map<string, Section>> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  const merged = new Map<string, Section>();
  // As the SDK does: the credentials file wins over the config file for the same profile.
  for (const [name, section] of Object.entries(configFile)) {
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    merged.set(name, { ...section });
  }
  for (const [name, section] of Object.entries(credentialsFile)) merged.set(name, { ...merged.get(name), ...section });
  return merged;
}

/** The usable profiles, sorted, each with the last four characters of its key id (not a secret). */
export async function listStaticKeyProfiles(paths: AwsFilePaths): Promise<{ name: string; keyHint: string }[]> {
  const profiles = await loadProfiles(paths);
  return [...profiles.entries()]
    .filter(([, s]) => usable(s))
    .map(([name, s]) => ({ name, keyHint: (s.aws_access_key_id ?? '').slice(-4) }))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Reads one profile's keys, fresh from disk, only at the moment of signing in. */
export async function readProfileKeys(paths: AwsFilePaths, profile: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const section = (await loadProfiles(paths)).get(profile);
  if (!section || !usable(section)) throw new AppError('resync.profileNotUsable', { profile });
  return { accessKeyId: section.aws_access_key_id ?? '', secretAccessKey: section.aws_secret_access_key ?? '' };
}
