import { randomBytes } from 'node:crypto';
import type { Caller } from './authorize';
import { authorize } from './authorize';
import { AwsError } from './errors';
import { randomToken } from './ids';
import { ADMIN_POLICY_ARN, type AccountState } from './state';
import type { World } from './world';

/**
 * AWS Organizations (API version 2016-11-28, JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Action>`,
 * one global endpoint in us-east-1): the organization, its root and its accounts. Only what the app
 * reads is served: DescribeOrganization, ListAccounts, ListRoots, DescribeAccount.
 */

export const ORGANIZATIONS_TARGET = /^AWSOrganizationsV20161128\.(\w+)$/;
/** The role AWS creates in an account made with CreateAccount (Organizations User Guide). */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

export interface OrgAccount {
  id: string;
  arn: string;
  email: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  joinedMethod: 'INVITED' | 'CREATED';
  joinedTimestamp: Date;
}

export interface Organization {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  managementEmail: string;
  rootId: string;
  /** In the order they joined (the management account first). */
  accounts: OrgAccount[];
  /** Next-page tokens handed out, with where they continue (tokens are opaque to callers). */
  pageTokens: Map<string, { action: string; offset: number }>;
  /**
   * "These operations can occasionally return an empty set of results even when there are more results
   * available" (ListAccounts): when set, every listing starts with an empty page and a NextToken.
   */
  emptyFirstPage: boolean;
}

export interface MemberSpec {
  /** 12 digits; default: the next free one after the management account's. */
  accountId?: string;
  name: string;
  /** The IAM account alias (ListAccountAliases), not part of Organizations. */
  alias?: string | null;
  email?: string;
  /** CREATED (default): AWS made the account and OrganizationAccountAccessRole in it; INVITED: no role. */
  joinedMethod?: 'INVITED' | 'CREATED';
  status?: OrgAccount['status'];
}

export interface OrganizationSpec {
  /** The management account's name in the organization (default: its alias or "management"). */
  managementName?: string;
  members: MemberSpec[];
  featureSet?: Organization['featureSet'];
}

export interface OrganizationView {
  id: string;
  rootId: string;
  managementAccountId: string;
  accounts: Array<{ accountId: string; name: string; email: string; alias: string | null; joinedMethod: OrgAccount['joinedMethod']; status: OrgAccount['status'] }>;
}

const lowerAlnum = (n: number): string => {
  const a = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(n)].map((b) => a[b % a.length]).join('');
};

/** The trust policy AWS writes into OrganizationAccountAccessRole: the management account may assume it. */
export const organizationAccessTrust = (managementAccountId: string): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: 'sts:AssumeRole' }],
});

/** Creates the organization with the world's first account as its management account, and its member accounts. */
export function createOrganization(world: World, spec: OrganizationSpec): OrganizationView {
  if (world.organization) throw new Error('the sandbox already has an organization');
  const mgmt = world.home;
  const id = `o-${lowerAlnum(10)}`;
  const arnBase = `arn:aws:organizations::${mgmt.accountId}`;
  const now = mgmt.now();
  const org: Organization = {
    id,
    arn: `${arnBase}:organization/${id}`,
    featureSet: spec.featureSet ?? 'ALL',
    managementAccountId: mgmt.accountId,
    managementEmail: `aws+${mgmt.accountId}@example.com`,
    rootId: `r-${lowerAlnum(4)}`,
    accounts: [],
    pageTokens: new Map(),
    emptyFirstPage: false,
  };
  const entry = (accountId: string, name: string, email: string, joinedMethod: OrgAccount['joinedMethod'], status: OrgAccount['status'] = 'ACTIVE'): OrgAccount => ({
    id: accountId,
    arn: `${arnBase}:account/${id}/${accountId}`,
    email,
    name,
    status,
    joinedMethod,
    joinedTimestamp: now,
  });
  org.accounts.push(entry(mgmt.accountId, spec.managementName ?? mgmt.accountAlias ?? 'management', org.managementEmail, 'CREATED'));
  let next = BigInt(mgmt.accountId);
  for (const m of spec.members) {
    let accountId = m.accountId;
    if (accountId === undefined) {
      do next += 1n;
      while (world.account(next.toString().padStart(12, '0')));
      accountId = next.toString().padStart(12, '0');
    }
    if (!/^\d{12}$/.test(accountId)) throw new Error(`account id ${accountId} is not 12 digits`);
    const { state } = world.addAccount(accountId, m.alias ?? null);
    const joined = m.joinedMethod ?? 'CREATED';
    // "If you create a member account as part of your organization, AWS automatically creates a role in the
    // account that grants administrator permissions to IAM users in the management account who can assume
    // the role"; invited accounts "do not automatically get an administrator role" (Organizations User Guide).
    if (joined === 'CREATED') state.createRole(ORGANIZATION_ACCESS_ROLE, '/', organizationAccessTrust(mgmt.accountId), [ADMIN_POLICY_ARN]);
    org.accounts.push(entry(accountId, m.name, m.email ?? `aws+${accountId}@example.com`, joined, m.status));
  }
  world.organization = org;
  return viewOrganization(world) as OrganizationView;
}

export function viewOrganization(world: World): OrganizationView | null {
  const org = world.organization;
  if (!org) return null;
  return {
    id: org.id,
    rootId: org.rootId,
    managementAccountId: org.managementAccountId,
    accounts: org.accounts.map((a) => ({
      accountId: a.id,
      name: a.name,
      email: a.email,
      alias: world.account(a.id)?.state.accountAlias ?? null,
      joinedMethod: a.joinedMethod,
      status: a.status,
    })),
  };
}

const epoch = (d: Date): number => d.getTime() / 1000;

const invalidInput = (reason: string, message: string): AwsError => Object.assign(new AwsError('InvalidInputException', message, 400), { reason });

/** One page of `items` per MaxResults (1..max) and NextToken (opaque, issued here). */
function page<T>(org: Organization, action: string, input: Record<string, unknown>, items: T[], max: number): { items: T[]; nextToken?: string } {
  const raw = input.MaxResults;
  if (raw !== undefined && (typeof raw !== 'number' || !Number.isInteger(raw))) throw new AwsError('SerializationException', 'MaxResults must be an integer', 400);
  const size = (raw as number | undefined) ?? max;
  if (size < 1) throw invalidInput('MIN_VALUE_EXCEEDED', 'You provided a numeric parameter that has a smaller value than allowed.');
  if (size > max) throw invalidInput('MAX_VALUE_EXCEEDED', 'You provided a numeric parameter that has a larger value than allowed.');
  let offset = 0;
  if (input.NextToken !== undefined) {
    const t = typeof input.NextToken === 'string' ? org.pageTokens.get(input.NextToken) : undefined;
    if (!t || t.action !== action)
      throw invalidInput('INVALID_PAGINATION_TOKEN', 'Get the value for the NextToken parameter from the response to a previous call of the operation.');
    offset = t.offset;
  }
  const issue = (at: number): string => {
    const token = randomToken(24);
    org.pageTokens.set(token, { action, offset: at });
    return token;
  };
  if (org.emptyFirstPage && input.NextToken === undefined && items.length > 0) return { items: [], nextToken: issue(0) };
  const slice = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: slice, nextToken: issue(offset + size) } : { items: slice };
}

const accountJson = (a: OrgAccount) => ({
  Id: a.id,
  Arn: a.arn,
  Email: a.email,
  Name: a.name,
  Status: a.status,
  State: a.status === 'ACTIVE' ? 'ACTIVE' : a.status,
  JoinedMethod: a.joinedMethod,
  JoinedTimestamp: epoch(a.joinedTimestamp),
});

type OrgAction = (c: { world: World; org: Organization; state: AccountState; caller: Caller }, input: Record<string, unknown>) => unknown;

/** Only the management account (or a delegated administrator, not modelled) may list and describe accounts. */
const managementOnly = (c: { org: Organization; state: AccountState }): void => {
  if (c.state.accountId !== c.org.managementAccountId) throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.", 400);
};

export const organizationsActions: Record<string, OrgAction> = {
  DescribeOrganization: ({ org }) => ({
    Organization: {
      Id: org.id,
      Arn: org.arn,
      FeatureSet: org.featureSet,
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: org.managementEmail,
      AvailablePolicyTypes: [],
    },
  }),
  ListAccounts: (c, input) => {
    managementOnly(c);
    const p = page(c.org, 'ListAccounts', input, c.org.accounts, 20);
    return { Accounts: p.items.map(accountJson), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
  },
  ListRoots: (c, input) => {
    managementOnly(c);
    const root = { Id: c.org.rootId, Arn: `arn:aws:organizations::${c.org.managementAccountId}:root/${c.org.id}/${c.org.rootId}`, Name: 'Root', PolicyTypes: [] };
    const p = page(c.org, 'ListRoots', input, [root], 20);
    return { Roots: p.items, ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
  },
  DescribeAccount: (c, input) => {
    managementOnly(c);
    const id = input.AccountId;
    if (typeof id !== 'string' || !/^\d{12}$/.test(id)) throw invalidInput('INVALID_PATTERN', "You provided a value that doesn't match the required pattern.");
    const a = c.org.accounts.find((x) => x.id === id);
    if (!a) throw new AwsError('AccountNotFoundException', "We can't find an AWS account with the AccountId that you specified, or the account whose credentials you used to make this request isn't a member of an organization.", 400);
    return { Account: accountJson(a) };
  },
};

/** The IAM action and resource each operation is authorized as (Service Authorization Reference, AWS Organizations). */
const RESOURCE: Record<string, (org: Organization | null, input: Record<string, unknown>) => string> = {
  DescribeOrganization: () => '*',
  ListAccounts: () => '*',
  ListRoots: () => '*',
  DescribeAccount: (org, input) => (org ? `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${String(input.AccountId)}` : '*'),
};

/** Runs one Organizations action for an authenticated caller: authorize (identity policies) → membership → act. */
export function runOrganizationsAction(world: World, state: AccountState, caller: Caller, action: string, input: Record<string, unknown>): unknown {
  const fn = Object.prototype.hasOwnProperty.call(organizationsActions, action) ? organizationsActions[action] : undefined;
  if (!fn) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`, 400);
  const org = world.organization;
  const member = org?.accounts.some((a) => a.id === state.accountId) ? org : null;
  try {
    authorize(state, caller, `organizations:${action}`, (RESOURCE[action] as (o: Organization | null, i: Record<string, unknown>) => string)(member, input));
  } catch (e) {
    if (e instanceof AwsError && e.code === 'AccessDenied') throw new AwsError('AccessDeniedException', e.message, 400);
    throw e;
  }
  if (!member)
    throw new AwsError('AWSOrganizationsNotInUseException', "Your account is not a member of an organization. To make this request, you must use the credentials of an account that belongs to an organization.", 400);
  return fn({ world, org: member, state, caller }, input);
}
