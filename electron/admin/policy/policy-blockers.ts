import { GetAccountAuthorizationDetailsCommand, GetLoginProfileCommand, type IAMClient } from '@aws-sdk/client-iam';
import { findFirstSignInBlockers } from '../../../src/shared/mfa-policy/first-sign-in-blockers';
import { allPages, listOf, mapLimit, tagAction } from '../iam-call';
import { isNoSuchEntity } from '../../aws/aws-error';
import { DIRECTORY_PAGE } from '../status/user-directory';
import { decodePolicyDocument } from './policy-state';

export interface PolicyBlocker {
  policyName: string;
  kind: 'managed' | 'userInline' | 'groupInline';
  owner: string | null;
  blockedActions: string[];
  users: string[];
  lockedOut: string[];
}

/** Users whose login profile is read to say who is locked out today (a large account is sampled there, never in what is reported). */
const MAX_LOGIN_PROFILES_READ = 300;

/**
 * Finds seed-003-style policies: a Deny-without-MFA that also blocks iam:ChangePassword or
 * iam:GetAccountPasswordPolicy, which locks out every new user who must change a temporary
 * password before they can register MFA. Reads every user, group and customer managed policy of
 * the account in one paginated GetAccountAuthorizationDetails (the status page needs the same
 * permission), so nothing is missed in a large account: attached customer managed policies (their
 * default version), and the inline policies of users and groups.
 */
export async function findSignInBlockers(iam: IAMClient): Promise<PolicyBlocker[]> {
  const pages = await allPages(
    'iam:GetAccountAuthorizationDetails',
    // Stryker disable next-line ArrayDeclaration: equivalent in what is found — the filter only keeps IAM from sending roles and AWS managed policies, which keep no user from signing in
    (Marker) => iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group', 'LocalManagedPolicy'], MaxItems: DIRECTORY_PAGE, Marker })),
    (page) => [page],
  );
  const users = pages.flatMap((p) => listOf(p.UserDetailList));
  const groups = pages.flatMap((p) => listOf(p.GroupDetailList));
  const membersOf = (group: string) => users.filter((u) => listOf(u.GroupList).includes(group)).map((u) => u.UserName);
  const attached = (entity: { AttachedManagedPolicies?: Array<{ PolicyArn?: string }> }, arn: string | undefined) =>
    listOf(entity.AttachedManagedPolicies).some((a) => a.PolicyArn === arn);
  const blocks = (document: string | undefined) => findFirstSignInBlockers(decodePolicyDocument(document));

  const found: Array<Omit<PolicyBlocker, 'lockedOut'>> = [];
  // Customer managed policies in use, read at their default version.
  for (const p of pages.flatMap((page) => listOf(page.Policies))) {
    const blockedActions = blocks(listOf(p.PolicyVersionList).find((v) => v.IsDefaultVersion)?.Document);
    if (!blockedActions.length) continue;
    const direct = users.filter((u) => attached(u, p.Arn));
    const viaGroups = groups.filter((g) => attached(g, p.Arn));
    // Attached to no user and no group (only to roles, or to nothing): it keeps no user from signing in.
    if (!direct.length && !viaGroups.length) continue;
    const applies = [...direct.map((u) => u.UserName), ...viaGroups.flatMap((g) => membersOf(String(g.GroupName)))];
    found.push({ policyName: String(p.PolicyName), kind: 'managed', owner: null, blockedActions, users: uniq(applies) });
  }
  // Inline policies of users.
  for (const u of users) {
    for (const inline of listOf(u.UserPolicyList)) {
      const blockedActions = blocks(inline.PolicyDocument);
      if (blockedActions.length) found.push({ policyName: String(inline.PolicyName), kind: 'userInline', owner: String(u.UserName), blockedActions, users: uniq([u.UserName]) });
    }
  }
  // Inline policies of groups (an empty group's is reported too: it applies to whoever joins).
  for (const g of groups) {
    for (const inline of listOf(g.GroupPolicyList)) {
      const blockedActions = blocks(inline.PolicyDocument);
      if (blockedActions.length) found.push({ policyName: String(inline.PolicyName), kind: 'groupInline', owner: String(g.GroupName), blockedActions, users: uniq(membersOf(String(g.GroupName))) });
    }
  }

  // Who is locked out today: users a blocker applies to who must change their password at next
  // sign-in (the first MAX_LOGIN_PROFILES_READ by name; a user without a console password is not).
  const resetRequired = new Set<string>();
  await mapLimit(uniq(found.flatMap((b) => b.users)).slice(0, MAX_LOGIN_PROFILES_READ), 4, async (UserName) => {
    try {
      const lp = await tagAction('iam:GetLoginProfile', iam.send(new GetLoginProfileCommand({ UserName })));
      if (lp.LoginProfile?.PasswordResetRequired) resetRequired.add(UserName);
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
    }
  });
  return found
    .map((b) => ({ ...b, lockedOut: b.users.filter((u) => resetRequired.has(u)) }))
    .sort((a, b) => a.policyName.localeCompare(b.policyName));
}

/** Sorted, each name once (UserName is required in every IAM user shape; a missing one is skipped). */
const uniq = (xs: Array<string | undefined>): string[] => [...new Set(xs.filter((x): x is string => !!x))].sort();
