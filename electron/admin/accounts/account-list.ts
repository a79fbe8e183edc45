import { DescribeOrganizationCommand, ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { z } from 'zod';
import type { accountListSchema, OrgAccount } from '../../../src/shared/ipc/channels/admin-accounts';
import type { AppDeps } from '../../app/app-deps';
import { awsErrorName, isAccessDenied } from '../../aws/aws-error';
import type { AccountContext } from '../admin-session';
import { mapLimit, tagAction, type ActionTagged } from '../iam-call';
import type { SsoDeviceFlow } from '../sign-in/sso-device-flow';

export type AccountList = z.output<typeof accountListSchema>;
type Listed = Omit<OrgAccount, 'current'>;

/** ListAccounts' largest page (Organizations API reference: MaxResults 1–20). */
const PAGE_SIZE = 20;

/**
 * Every account of the organization, page by page until NextToken is absent — "These operations can
 * occasionally return an empty set of results even when there are more results available" (ListAccounts),
 * so an empty page with a token is followed like any other.
 */
export async function listOrganizationAccounts(org: Pick<OrganizationsClient, 'send'>): Promise<Array<{ accountId: string; name: string; email: string | null; status: string | null }>> {
  const out: Array<{ accountId: string; name: string; email: string | null; status: string | null }> = [];
  let token: string | undefined;
  do {
    const page = await tagAction('organizations:ListAccounts', org.send(new ListAccountsCommand({ MaxResults: PAGE_SIZE, ...(token ? { NextToken: token } : {}) })));
    for (const a of page.Accounts ?? []) if (a.Id) out.push({ accountId: a.Id, name: a.Name ?? a.Id, email: a.Email ?? null, status: a.Status ?? null });
    token = page.NextToken;
  } while (token);
  return out;
}

/**
 * The accounts the admin can work in. Signed in through IAM Identity Center: the portal's accounts and
 * roles. Otherwise AWS Organizations from the signed-in account: the whole organization when it is the
 * management account; else only the signed-in account, with the reason.
 */
export async function listAccounts(deps: AppDeps, home: AccountContext, sso: SsoDeviceFlow | null, defaultRoleName: string): Promise<Omit<AccountList, 'accounts'> & { accounts: Listed[] }> {
  const self = home.identity;
  const single = (notice: AccountList['notice'], missingPermission: string | null = null, org: { id: string | null; mgmt: string | null } = { id: null, mgmt: null }) => ({
    source: 'single' as const,
    notice,
    missingPermission,
    organizationId: org.id,
    managementAccountId: org.mgmt,
    defaultRoleName,
    accounts: [{ accountId: self.accountId, name: self.accountAlias ?? self.accountId, email: null, status: null, home: true, roles: null }],
  });

  if (sso) {
    const accounts = await sso.listAccounts();
    const roles = await mapLimit(accounts, 4, (a) => sso.listRoles(a.accountId));
    return {
      source: 'sso',
      notice: null,
      missingPermission: null,
      organizationId: null,
      managementAccountId: null,
      defaultRoleName,
      accounts: accounts.map((a, i) => ({ accountId: a.accountId, name: a.accountName || a.accountId, email: a.emailAddress || null, status: null, home: a.accountId === self.accountId, roles: roles[i] ?? [] })),
    };
  }

  const org = home.client((credentials) => deps.aws.organizations(credentials));
  try {
    let described;
    try {
      described = (await tagAction('organizations:DescribeOrganization', org.send(new DescribeOrganizationCommand({})))).Organization;
    } catch (error) {
      if (awsErrorName(error) === 'AWSOrganizationsNotInUse') return single('notInOrganization');
      throw error;
    }
    const ids = { id: described?.Id ?? null, mgmt: described?.MasterAccountId ?? null };
    if (ids.mgmt && ids.mgmt !== self.accountId) return single('notManagementAccount', null, ids);
    const accounts = await listOrganizationAccounts(org);
    return {
      source: 'organizations',
      notice: null,
      missingPermission: null,
      organizationId: ids.id,
      managementAccountId: ids.mgmt,
      defaultRoleName,
      accounts: accounts.map((a) => ({ ...a, home: a.accountId === self.accountId, roles: null })),
    };
  } catch (error) {
    // Without permission to read the organization the admin still works in the signed-in account.
    if (isAccessDenied(error)) return single('noPermission', (error as ActionTagged).$action ?? 'organizations:ListAccounts');
    throw error;
  } finally {
    org.destroy();
  }
}
