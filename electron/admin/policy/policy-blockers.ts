import {
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListUserPoliciesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { findFirstSignInBlockers } from '../../../src/shared/mfa-policy/first-sign-in-blockers';
import { mapLimit, tagAction } from '../iam-call';
import { isNoSuchEntity } from '../../aws/aws-error';
import { listUserNames } from '../readiness/account-users';
import { decodePolicyDocument } from './policy-state';

export interface PolicyBlocker {
  policyName: string;
  kind: 'managed' | 'userInline' | 'groupInline';
  owner: string | null;
  blockedActions: string[];
  users: string[];
  lockedOut: string[];
}

const MAX_USERS_SCANNED = 300;

/**
 * Finds seed-003-style policies: a Deny-without-MFA that also blocks iam:ChangePassword or
 * iam:GetAccountPasswordPolicy, which locks out every new user who must change a temporary
 * password before they can register MFA. Looks at attached customer managed policies and the
 * inline policies of users and groups.
 */
export async function findSignInBlockers(iam: IAMClient): Promise<PolicyBlocker[]> {
  const found: PolicyBlocker[] = [];
  const groupMembers = async (GroupName: string) =>
    ((await tagAction('iam:GetGroup', iam.send(new GetGroupCommand({ GroupName })))).Users ?? []).map((u) => u.UserName ?? '');

  // Attached customer managed policies.
  let Marker: string | undefined;
  do {
    const page = await tagAction(
      'iam:ListPolicies',
      iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true, Marker })),
    );
    for (const p of page.Policies ?? []) {
      const v = await tagAction(
        'iam:GetPolicyVersion',
        iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: p.DefaultVersionId })),
      );
      const blocked = findFirstSignInBlockers(decodePolicyDocument(v.PolicyVersion?.Document));
      if (!blocked.length) continue;
      const ents = await tagAction('iam:ListEntitiesForPolicy', iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: p.Arn })));
      const users = (ents.PolicyUsers ?? []).map((u) => u.UserName ?? '');
      for (const g of ents.PolicyGroups ?? []) users.push(...(await groupMembers(g.GroupName ?? '')));
      found.push({ policyName: p.PolicyName ?? '', kind: 'managed', owner: null, blockedActions: blocked, users: uniq(users), lockedOut: [] });
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);

  // Inline policies of users.
  const userNames = await listUserNames(iam, MAX_USERS_SCANNED);
  await mapLimit(userNames, 4, async (UserName) => {
    const names = (await tagAction('iam:ListUserPolicies', iam.send(new ListUserPoliciesCommand({ UserName })))).PolicyNames ?? [];
    for (const PolicyName of names) {
      const p = await tagAction('iam:GetUserPolicy', iam.send(new GetUserPolicyCommand({ UserName, PolicyName })));
      const blocked = findFirstSignInBlockers(decodePolicyDocument(p.PolicyDocument));
      if (blocked.length) found.push({ policyName: PolicyName, kind: 'userInline', owner: UserName, blockedActions: blocked, users: [UserName], lockedOut: [] });
    }
  });

  // Inline policies of groups.
  const groups = (await tagAction('iam:ListGroups', iam.send(new ListGroupsCommand({ MaxItems: 1000 })))).Groups ?? [];
  for (const g of groups) {
    const GroupName = g.GroupName ?? '';
    const names = (await tagAction('iam:ListGroupPolicies', iam.send(new ListGroupPoliciesCommand({ GroupName })))).PolicyNames ?? [];
    for (const PolicyName of names) {
      const p = await tagAction('iam:GetGroupPolicy', iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName })));
      const blocked = findFirstSignInBlockers(decodePolicyDocument(p.PolicyDocument));
      if (blocked.length)
        found.push({ policyName: PolicyName, kind: 'groupInline', owner: GroupName, blockedActions: blocked, users: uniq(await groupMembers(GroupName)), lockedOut: [] });
    }
  }

  // Who is locked out today: users it applies to who must change their password at next sign-in.
  const resetRequired = new Map<string, boolean>();
  const all = uniq(found.flatMap((b) => b.users)).slice(0, MAX_USERS_SCANNED);
  await mapLimit(all, 4, async (UserName) => {
    try {
      const lp = await tagAction('iam:GetLoginProfile', iam.send(new GetLoginProfileCommand({ UserName })));
      resetRequired.set(UserName, !!lp.LoginProfile?.PasswordResetRequired);
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
    }
  });
  for (const b of found) b.lockedOut = b.users.filter((u) => resetRequired.get(u));
  return found.sort((a, b) => a.policyName.localeCompare(b.policyName));
}

const uniq = (xs: string[]) => [...new Set(xs.filter(Boolean))].sort();
