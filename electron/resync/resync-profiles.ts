import { AppError } from '../../src/shared/errors/app-error';
import { byProfileName, loadProfiles, type AwsConfigPaths, type ProfileSection } from '../aws/shared-config';

/**
 * Keys that make the SDK resolve a profile some other way than its static keys (assume a role,
 * run a process, SSO). Such a profile needs a working MFA or a browser, which this user lacks.
 */
const NOT_STATIC = ['role_arn', 'source_profile', 'credential_process', 'sso_session', 'sso_start_url', 'web_identity_token_file'];

/** A profile usable here: a long-term key (a session token cannot call sts:GetSessionToken to prove the resync). */
const usable = (s: ProfileSection): boolean =>
  !!s.aws_access_key_id &&
  !!s.aws_secret_access_key &&
  !s.aws_session_token &&
  s.aws_access_key_id.startsWith('AKIA') &&
  NOT_STATIC.every((k) => !s[k]);

/** The usable profiles, sorted, each with the last four characters of its key id (not a secret). */
export async function listStaticKeyProfiles(paths: AwsConfigPaths): Promise<{ name: string; keyHint: string }[]> {
  const profiles = await loadProfiles(paths);
  return Object.entries(profiles)
    .filter(([, s]) => usable(s))
    .map(([name, s]) => ({ name, keyHint: (s.aws_access_key_id ?? '').slice(-4) }))
    .sort(byProfileName);
}

/** Reads one profile's keys, fresh from disk, only at the moment of signing in. */
export async function readProfileKeys(paths: AwsConfigPaths, profile: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const section = (await loadProfiles(paths))[profile];
  if (!section || !usable(section)) throw new AppError('resync.profileNotUsable', { profile });
  return { accessKeyId: section.aws_access_key_id ?? '', secretAccessKey: section.aws_secret_access_key ?? '' };
}
