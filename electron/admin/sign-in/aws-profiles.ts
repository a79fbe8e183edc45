import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { join } from 'node:path';
import type { AppDeps } from '../../app/app-deps';

export type ProfileKind = 'keys' | 'assumeRole' | 'sso' | 'process' | 'other';

export interface AwsProfileSummary {
  name: string;
  region: string | null;
  kind: ProfileKind;
  mfa: boolean;
  target: string | null;
}

export interface AwsConfigPaths {
  configFile: string;
  credentialsFile: string;
}

/** Where the SDK would look: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws. */
export function awsConfigPaths(deps: Pick<AppDeps, 'env' | 'platform'>): AwsConfigPaths {
  const home = deps.platform.paths.home;
  return {
    configFile: deps.env.AWS_CONFIG_FILE || join(home, '.aws', 'config'),
    credentialsFile: deps.env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'),
  };
}

type Section = Record<string, string | undefined>;

/** Reads both files with the SDK's own loader (never by hand) and merges them per profile. */
export async function loadProfiles(paths: AwsConfigPaths): Promise<Record<string, Section>> {
  const files = await loadSharedConfigFiles({ filepath: paths.credentialsFile, configFilepath: paths.configFile, ignoreCache: true });
  const merged: Record<string, Section> = {};
  for (const [name, data] of Object.entries(files.configFile ?? {})) merged[name] = { ...data };
  for (const [name, data] of Object.entries(files.credentialsFile ?? {})) merged[name] = { ...merged[name], ...data };
  return merged;
}

export function classifyProfile(name: string, p: Section): AwsProfileSummary {
  const mfa = !!p.mfa_serial;
  let kind: ProfileKind = 'other';
  let target: string | null = null;
  if (p.sso_session || p.sso_start_url || p.sso_account_id) {
    kind = 'sso';
    target = p.sso_start_url ?? p.sso_session ?? null;
  } else if (p.role_arn) {
    kind = 'assumeRole';
    target = p.role_arn;
  } else if (p.aws_access_key_id && p.aws_secret_access_key) {
    kind = 'keys';
  } else if (p.credential_process) {
    kind = 'process';
  }
  return { name, region: p.region ?? p.sso_region ?? null, kind, mfa, target };
}

export async function listProfiles(paths: AwsConfigPaths): Promise<AwsProfileSummary[]> {
  const all = await loadProfiles(paths);
  return Object.entries(all)
    .map(([name, p]) => classifyProfile(name, p))
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}
