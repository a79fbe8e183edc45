import { loadSharedConfigFiles, loadSsoSessionData } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';

/** The user's AWS config and credentials files: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws, as the SDK does. */
export interface AwsConfigPaths {
  configFile: string;
  credentialsFile: string;
}

export function awsConfigPaths(env: Record<string, string | undefined>, home: string): AwsConfigPaths {
  return {
    configFile: env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

export type ProfileSection = Record<string, string | undefined>;

/**
 * Every profile, read with the SDK's own loader (never parsed by hand), both files merged: the
 * credentials file wins for the same profile, as in the SDK. `sso-session` and `services`
 * sections are not profiles and are left out.
 */
export async function loadProfiles(paths: AwsConfigPaths): Promise<Record<string, ProfileSection>> {
  const files = await loadSharedConfigFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true });
  const merged: Record<string, ProfileSection> = {};
  for (const [name, data] of Object.entries(files.configFile ?? {})) {
    if (name.startsWith('sso-session.') || name.startsWith('services.')) continue;
    merged[name] = { ...data };
  }
  for (const [name, data] of Object.entries(files.credentialsFile ?? {})) merged[name] = { ...merged[name], ...data };
  return merged;
}

/** 'default' first, then by name. */
export const byProfileName = (a: { name: string }, b: { name: string }): number =>
  a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name);

/** Where an SSO profile signs in: its own sso_start_url/sso_region, or those of its [sso-session]. */
export async function ssoStartOf(
  paths: AwsConfigPaths,
  section: ProfileSection,
): Promise<{ startUrl: string; region: string; accountId: string | null; roleName: string | null } | null> {
  let startUrl = section.sso_start_url;
  let region = section.sso_region;
  if (section.sso_session) {
    const sessions = await loadSsoSessionData({ configFilepath: paths.configFile }).catch(() => ({}) as Record<string, ProfileSection>);
    const s = (sessions as Record<string, ProfileSection>)[section.sso_session];
    startUrl = s?.sso_start_url ?? startUrl;
    region = s?.sso_region ?? region;
  }
  if (!startUrl || !region) return null;
  return { startUrl, region, accountId: section.sso_account_id ?? null, roleName: section.sso_role_name ?? null };
}
