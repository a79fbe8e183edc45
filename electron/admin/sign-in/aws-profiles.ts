import { byProfileName, loadProfiles, type AwsConfigPaths, type ProfileSection } from '../../aws/shared-config';

export type ProfileKind = 'keys' | 'assumeRole' | 'sso' | 'process' | 'other';

export interface AwsProfileSummary {
  name: string;
  region: string | null;
  kind: ProfileKind;
  mfa: boolean;
  target: string | null;
}

export function classifyProfile(name: string, p: ProfileSection): AwsProfileSummary {
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
    .sort(byProfileName);
}
