import { CreateRoleCommand, CreateUserCommand, ListUsersCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { GetRoleCredentialsCommand, ListAccountsCommand as ListSsoAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORGANIZATION_ACCESS_ROLE } from './organizations';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, oathtool, stsClient, type Creds } from './test-helpers';

let sb: Sandbox;
const PROD = '222233334444';
const STAGING = '333344445555';
const INVITED = '444455556666';

const orgs = (creds: Creds) => new OrganizationsClient({ endpoint: sb.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
const admin = (): Creds => ({ accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
const fromSts = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Creds => ({
  accessKeyId: c?.AccessKeyId as string,
  secretAccessKey: c?.SecretAccessKey as string,
  sessionToken: c?.SessionToken as string,
});
const roleArn = (account: string, name = ORGANIZATION_ACCESS_ROLE) => `arn:aws:iam::${account}:role/${name}`;
const allow = (actions: string[]) => ({ name: `allow-${actions.join('-').replace(/[^\w]/g, '')}`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } });

beforeAll(async () => {
  sb = await startSandbox({ accountAlias: 'acme-mgmt' });
});
afterAll(() => sb.stop());

describe('AWS Organizations', () => {
  it('answers AWSOrganizationsNotInUseException before there is an organization', async () => {
    expect(await awsError(orgs(admin()).send(new DescribeOrganizationCommand({})))).toMatchObject({ name: 'AWSOrganizationsNotInUseException', status: 400 });
    expect((await awsError(orgs(admin()).send(new ListAccountsCommand({})))).name).toBe('AWSOrganizationsNotInUseException');
  });

  it('creates an organization: the first account manages it, CREATED members get OrganizationAccountAccessRole, INVITED ones do not', () => {
    const extra = Array.from({ length: 22 }, (_, i) => ({ name: `team-${String(i + 1).padStart(2, '0')}` }));
    const view = sb.scenario.createOrganization({
      members: [
        { accountId: PROD, name: 'Production', alias: 'acme-prod' },
        { accountId: STAGING, name: 'Staging', alias: 'acme-staging' },
        { accountId: INVITED, name: 'Legacy', joinedMethod: 'INVITED' },
        ...extra,
      ],
    });
    expect(view.managementAccountId).toBe(sb.accountId);
    expect(view.id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(view.accounts).toHaveLength(26);
    expect(sb.accountIds()).toHaveLength(26);
    expect(sb.account(PROD).state.getAccountAlias()).toBe('acme-prod');
    // Each account has its own IAM state: no users in a new member account, the role only where AWS creates it.
    expect(sb.account(PROD).state.listUsers()).toEqual([]);
    expect(sb.account(PROD).state.getAccountSummary().Roles).toBe(1);
    expect(sb.account(INVITED).state.getAccountSummary().Roles).toBe(0);
  });

  it('ListAccounts pages by MaxResults (1..20) with NextToken; the SDK paginator reads every account', async () => {
    const client = orgs(admin());
    const first = await client.send(new ListAccountsCommand({}));
    expect(first.Accounts).toHaveLength(20);
    expect(first.NextToken).toBeTruthy();
    const second = await client.send(new ListAccountsCommand({ NextToken: first.NextToken }));
    expect(second.Accounts).toHaveLength(6);
    expect(second.NextToken).toBeUndefined();
    expect(first.Accounts?.[0]).toMatchObject({ Id: sb.accountId, Status: 'ACTIVE', JoinedMethod: 'CREATED' });
    expect(first.Accounts?.[0]?.JoinedTimestamp).toBeInstanceOf(Date);
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client, pageSize: 7 }, {})) ids.push(...(page.Accounts ?? []).map((a) => a.Id as string));
    expect(new Set(ids).size).toBe(26);
    expect(await awsError(client.send(new ListAccountsCommand({ MaxResults: 21 })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect((await awsError(client.send(new ListAccountsCommand({ NextToken: 'made-up' })))).name).toBe('InvalidInputException');
  });

  it('ListRoots and DescribeAccount from the management account; DescribeOrganization from any member', async () => {
    const roots = await orgs(admin()).send(new ListRootsCommand({}));
    expect(roots.Roots?.[0]).toMatchObject({ Name: 'Root', Id: sb.organization()?.rootId });
    expect((await orgs(admin()).send(new DescribeAccountCommand({ AccountId: PROD }))).Account).toMatchObject({ Name: 'Production', Id: PROD });
    expect((await awsError(orgs(admin()).send(new DescribeAccountCommand({ AccountId: '999999999999' })))).name).toBe('AccountNotFoundException');
    const member = sb.account(PROD).scenario.newUser({ userName: 'prod-admin', policies: [allow(['*'])] });
    const creds = { accessKeyId: member.accessKeyId as string, secretAccessKey: member.secretAccessKey as string };
    const org = await orgs(creds).send(new DescribeOrganizationCommand({}));
    expect(org.Organization).toMatchObject({ MasterAccountId: sb.accountId, FeatureSet: 'ALL' });
    // "This operation can be called only from the organization's management account" (ListAccounts).
    expect(await awsError(orgs(creds).send(new ListAccountsCommand({})))).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect((await awsError(orgs(creds).send(new ListRootsCommand({})))).name).toBe('AccessDeniedException');
  });

  it('an identity without organizations:ListAccounts is refused with the action named', async () => {
    const u = sb.scenario.newUser({ userName: 'auditor', policies: [allow(['iam:Get*'])] });
    const e = await awsError(orgs({ accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string }).send(new ListAccountsCommand({})));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toContain('organizations:ListAccounts');
  });

  it('can start listings with an empty page, as the API reference warns: NextToken is what counts', async () => {
    sb.scenario.setListingsStartEmpty(true);
    try {
      const first = await orgs(admin()).send(new ListAccountsCommand({}));
      expect(first.Accounts).toEqual([]);
      expect(first.NextToken).toBeTruthy();
      expect((await orgs(admin()).send(new ListAccountsCommand({ NextToken: first.NextToken }))).Accounts).toHaveLength(20);
    } finally {
      sb.scenario.setListingsStartEmpty(false);
    }
  });
});

describe('AssumeRole into member accounts', () => {
  it('the management account admin assumes OrganizationAccountAccessRole; the session acts in the member account only', async () => {
    const out = await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'admin' }));
    const creds = fromSts(out.Credentials);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/${ORGANIZATION_ACCESS_ROLE}/admin`);
    expect((await stsClient(sb, creds).send(new GetCallerIdentityCommand({}))).Account).toBe(PROD);
    await iamClient(sb, creds).send(new CreateUserCommand({ UserName: 'made-in-prod' }));
    expect(sb.account(PROD).state.getUser('made-in-prod')).toBeDefined();
    expect(sb.state.getUser('made-in-prod')).toBeUndefined();
    expect(sb.requestLog.at(-1)).toMatchObject({ action: 'CreateUser', account: PROD, caller: `${ORGANIZATION_ACCESS_ROLE}/admin` });
  });

  it('needs the caller\'s own sts:AssumeRole on the role ARN, whatever the trust policy says', async () => {
    const u = sb.scenario.newUser({ userName: 'no-assume', policies: [allow(['iam:*'])] });
    const e = await awsError(stsClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string }).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'ss' })));
    expect(e).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(e.message).toContain(`sts:AssumeRole on resource: ${roleArn(PROD)}`);
    expect(sb.account(PROD).state.listSessions().some((s) => s.principal.endsWith('/ss'))).toBe(false);
  });

  it('an invited account has no OrganizationAccountAccessRole: AccessDenied, like any role that is not there', async () => {
    expect((await awsError(stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(INVITED), RoleSessionName: 'xx' })))).name).toBe('AccessDenied');
  });

  it('honours aws:MultiFactorAuthPresent in the trust policy: a code in the request or an MFA session, nothing less', async () => {
    const mfaRole = 'AdminWithMfa';
    await iamClient(sb, fromSts((await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'setup' }))).Credentials)).send(
      new CreateRoleCommand({
        RoleName: mfaRole,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sb.accountId}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
        }),
      }),
    );
    const u = sb.scenario.newUser({ userName: 'mfa-admin', policies: [allow(['sts:AssumeRole'])], withMfa: true });
    const creds = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    const sts = stsClient(sb, creds);
    expect((await awsError(sts.send(new AssumeRoleCommand({ RoleArn: roleArn(PROD, mfaRole), RoleSessionName: 'aa' })))).name).toBe('AccessDenied');
    const seed = u.mfa?.base32Seed as string;
    const withCode = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(PROD, mfaRole), RoleSessionName: 'bb', SerialNumber: u.mfa?.serialNumber, TokenCode: oathtool(seed) }));
    expect(sb.account(PROD).state.listSessions().find((s) => s.accessKeyId === withCode.Credentials?.AccessKeyId)?.mfaAuthenticated).toBe(true);
    // An MFA session (GetSessionToken with a code) carries aws:MultiFactorAuthPresent into AssumeRole.
    const session = fromSts((await sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfa?.serialNumber, TokenCode: oathtool(seed, Date.now() + 30_000) }))).Credentials);
    const chained = await stsClient(sb, session).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD, mfaRole), RoleSessionName: 'cc' }));
    expect((await stsClient(sb, fromSts(chained.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/${mfaRole}/cc`);
    // A GetSessionToken session without MFA does not.
    const plain = fromSts((await sts.send(new GetSessionTokenCommand({}))).Credentials);
    expect((await awsError(stsClient(sb, plain).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD, mfaRole), RoleSessionName: 'dd' })))).name).toBe('AccessDenied');
  });

  it('honours sts:ExternalId and a trust policy that names one user', async () => {
    const setup = fromSts((await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(STAGING), RoleSessionName: 'setup' }))).Credentials);
    const picky = sb.scenario.newUser({ userName: 'picked', policies: [allow(['sts:AssumeRole'])] });
    const other = sb.scenario.newUser({ userName: 'not-picked', policies: [allow(['sts:AssumeRole'])] });
    await iamClient(sb, setup).send(
      new CreateRoleCommand({
        RoleName: 'Vendor',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: picky.arn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'acme-7f3a' } } }],
        }),
      }),
    );
    const as = (u: typeof picky) => stsClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    const arn = roleArn(STAGING, 'Vendor');
    expect((await awsError(as(picky).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vv' })))).name).toBe('AccessDenied');
    expect((await awsError(as(picky).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vv', ExternalId: 'acme-0000' })))).name).toBe('AccessDenied');
    expect((await awsError(as(other).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vv', ExternalId: 'acme-7f3a' })))).name).toBe('AccessDenied');
    expect((await as(picky).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vv', ExternalId: 'acme-7f3a' }))).AssumedRoleUser?.Arn).toContain(STAGING);
    expect((await awsError(as(picky).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'vv', ExternalId: 'no spaces allowed' })))).name).toBe('ValidationError');
  });

  it('a member account\'s user cannot reach another member account, nor list the organization', async () => {
    const u = sb.account(STAGING).scenario.newUser({ userName: 'staging-admin', policies: [allow(['*'])] });
    const creds = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    // OrganizationAccountAccessRole trusts only the management account.
    expect((await awsError(stsClient(sb, creds).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'hop' })))).name).toBe('AccessDenied');
    // Its keys act in its own account: it sees its own users, never production's.
    const names = (await iamClient(sb, creds).send(new ListUsersCommand({}))).Users?.map((x) => x.UserName);
    expect(names).toEqual(['staging-admin']);
    expect((await awsError(orgs(creds).send(new ListAccountsCommand({})))).name).toBe('AccessDeniedException');
    expect(sb.account(PROD).state.listSessions().some((s) => s.principal.endsWith('/hop'))).toBe(false);
  });

  it('role chaining is limited to one hour', async () => {
    const first = fromSts((await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(sb.accountId), RoleSessionName: 'first' }))).Credentials);
    expect((await awsError(stsClient(sb, first).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'second', DurationSeconds: 7200 })))).name).toBe('ValidationError');
    expect((await stsClient(sb, first).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 'second' }))).AssumedRoleUser?.Arn).toContain(PROD);
  });
});

describe('IAM Identity Center across accounts', () => {
  it('the portal lists the organization\'s accounts by name, paged, and hands out credentials for the chosen account', async () => {
    const oidc = new SSOOIDCClient({ endpoint: sb.url, region: 'us-east-1', maxAttempts: 1 });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 't', clientType: 'public' }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://acme.awsapps.com/start' }));
    sb.sso.approve(device.userCode as string);
    const token = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode }));
    const sso = new SSOClient({ endpoint: sb.url, region: 'us-east-1', maxAttempts: 1 });
    const page = await sso.send(new ListSsoAccountsCommand({ accessToken: token.accessToken, maxResults: 2 }));
    expect(page.accountList).toHaveLength(2);
    expect(page.nextToken).toBeTruthy();
    const rest = await sso.send(new ListSsoAccountsCommand({ accessToken: token.accessToken, nextToken: page.nextToken, maxResults: 100 }));
    const all = [...(page.accountList ?? []), ...(rest.accountList ?? [])];
    expect(all.find((a) => a.accountId === PROD)?.accountName).toBe('Production');
    const creds = await sso.send(new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId: PROD, roleName: 'AdministratorAccess' }));
    const rc = creds.roleCredentials;
    const who = await stsClient(sb, { accessKeyId: rc?.accessKeyId as string, secretAccessKey: rc?.secretAccessKey as string, sessionToken: rc?.sessionToken as string }).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(PROD);
    expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}/`));
  });
});

describe('throttling per account', () => {
  it('each account has its own IAM request bucket', async () => {
    sb.faults.accountThrottle(1, 1);
    try {
      const prod = fromSts((await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(PROD), RoleSessionName: 't1' }))).Credentials);
      const staging = fromSts((await stsClient(sb).send(new AssumeRoleCommand({ RoleArn: roleArn(STAGING), RoleSessionName: 't2' }))).Credentials);
      await iamClient(sb, prod).send(new GetAccountSummaryCommand({}));
      expect((await awsError(iamClient(sb, prod).send(new GetAccountSummaryCommand({})))).name).toBe('Throttling');
      // Production's empty bucket does not slow staging down.
      await iamClient(sb, staging).send(new GetAccountSummaryCommand({}));
    } finally {
      sb.faults.accountThrottle(null);
    }
  });
});
