import { GetAccountAuthorizationDetailsCommand, type IAMClient } from '@aws-sdk/client-iam';
import { tagAction } from '../iam-call';

type Iam = Pick<IAMClient, 'send'>;

/** One user as GetAccountAuthorizationDetails describes it: who, where, tags, groups, policies. */
export interface DirectoryUser {
  userName: string;
  arn: string;
  path: string;
  createDate: Date | null;
  tags: Array<{ key: string; value: string }>;
  groups: string[];
  attachedPolicies: Array<{ name: string; arn: string }>;
  /** Inline policies with their documents as JSON text (AWS sends them URL-encoded). */
  inlinePolicies: Array<{ name: string; document: string }>;
}

/** The largest page IAM allows (MaxItems 1-1000): 10,000 users in ten calls. */
export const DIRECTORY_PAGE = 1000;

const decode = (doc: string | undefined): string => {
  if (!doc) return '';
  try {
    return decodeURIComponent(doc);
  } catch {
    return doc;
  }
};

/**
 * Every IAM user with tags, group names and attached and inline policies, from
 * GetAccountAuthorizationDetails (Filter=User), following Marker while IsTruncated. IAM may return
 * fewer than MaxItems even when more remain, so only IsTruncated ends the loop.
 */
export async function readUserDirectory(iam: Iam): Promise<DirectoryUser[]> {
  const users: DirectoryUser[] = [];
  let Marker: string | undefined;
  do {
    const out = await tagAction(
      'iam:GetAccountAuthorizationDetails',
      iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'], MaxItems: DIRECTORY_PAGE, ...(Marker ? { Marker } : {}) })),
    );
    for (const u of out.UserDetailList ?? []) {
      if (!u.UserName) continue;
      users.push({
        userName: u.UserName,
        arn: u.Arn ?? '',
        path: u.Path ?? '/',
        createDate: u.CreateDate ?? null,
        tags: (u.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
        groups: (u.GroupList ?? []).filter(Boolean),
        attachedPolicies: (u.AttachedManagedPolicies ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' })),
        inlinePolicies: (u.UserPolicyList ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decode(p.PolicyDocument) })),
      });
    }
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker);
  return users;
}
