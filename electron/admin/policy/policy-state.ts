import { GetPolicyCommand, GetPolicyVersionCommand, ListPolicyVersionsCommand, type IAMClient } from '@aws-sdk/client-iam';
import { buildEnforcementPolicy, canonicalPolicyJson } from '../../../src/shared/mfa-policy/enforcement-policy';
import { tagAction } from '../iam-call';
import { isNoSuchEntity } from '../../aws/aws-error';

export const MAX_POLICY_VERSIONS = 5;

export interface EnforcementPolicyState {
  state: 'missing' | 'current' | 'outdated';
  defaultVersionId: string | null;
  currentDocument: unknown;
}

/** Policy documents come back URL-encoded from IAM. */
export function decodePolicyDocument(raw: string | undefined): unknown {
  if (!raw) return null;
  try {
    return JSON.parse(decodeURIComponent(raw));
  } catch {
    return JSON.parse(raw);
  }
}

/** Is the account's enforcement policy there, and is its default version the one this app generates? */
export async function readPolicyState(iam: IAMClient, arn: string, partition: string): Promise<EnforcementPolicyState> {
  let defaultVersionId: string | undefined;
  try {
    const p = await tagAction('iam:GetPolicy', iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    defaultVersionId = p.Policy?.DefaultVersionId;
  } catch (error) {
    if (isNoSuchEntity(error)) return { state: 'missing', defaultVersionId: null, currentDocument: null };
    throw error;
  }
  const v = await tagAction(
    'iam:GetPolicyVersion',
    iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersionId })),
  );
  const doc = decodePolicyDocument(v.PolicyVersion?.Document);
  const same = canonicalPolicyJson(doc) === canonicalPolicyJson(buildEnforcementPolicy(partition));
  return { state: same ? 'current' : 'outdated', defaultVersionId: defaultVersionId ?? null, currentDocument: doc };
}

/** All versions, oldest first. */
export async function listVersions(iam: IAMClient, arn: string) {
  const out = await tagAction('iam:ListPolicyVersions', iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn })));
  return (out.Versions ?? [])
    .map((v) => ({ versionId: v.VersionId ?? '', isDefault: !!v.IsDefaultVersion, createDate: v.CreateDate?.getTime() ?? 0 }))
    .sort((a, b) => a.createDate - b.createDate || versionNumber(a.versionId) - versionNumber(b.versionId));
}

const versionNumber = (id: string) => Number(id.replace(/^v/, '')) || 0;

export function oldestNonDefault(versions: Array<{ versionId: string; isDefault: boolean }>): string | null {
  return versions.find((v) => !v.isDefault)?.versionId ?? null;
}
