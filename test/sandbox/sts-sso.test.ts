import { CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLE_NAME, startSandbox, type Sandbox } from './index';
import { awsError, iamClient, stsClient, type Creds } from './test-helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());
afterEach(() => sb.setClockSkewMs(0));

const fromSts = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Creds => ({
  accessKeyId: c?.AccessKeyId as string,
  secretAccessKey: c?.SecretAccessKey as string,
  sessionToken: c?.SessionToken as string,
});

describe('STS', () => {
  it('GetCallerIdentity for users and sessions; every response carries Date and x-amzn-RequestId', async () => {
    const id = await stsClient(sb).send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: sb.accountId, Arn: `arn:aws:iam::${sb.accountId}:user/admin` });
    expect(id.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const res = await fetch(sb.url + '/', { method: 'POST', body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(res.headers.get('date')).toBeTruthy();
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('GetSessionToken: duration bounds, no MFA flag without a code, no chaining, ExpiredToken after expiry', async () => {
    const u = sb.scenario.newUser({ userName: 'sess', policies: [{ name: 'Read', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }] } }] });
    const sts = stsClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    expect((await awsError(sts.send(new GetSessionTokenCommand({ DurationSeconds: 100 })))).name).toBe('ValidationError');
    const s = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    expect(sb.state.listSessions().find((x) => x.accessKeyId === s.Credentials?.AccessKeyId)?.mfaAuthenticated).toBe(false);
    const creds = fromSts(s.Credentials);
    expect((await stsClient(sb, creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(u.arn);
    // IAM refuses GetSessionToken credentials obtained without MFA (STS GetSessionToken reference)
    expect(await awsError(iamClient(sb, creds).send(new GetUserCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect((await awsError(stsClient(sb, creds).send(new GetSessionTokenCommand({})))).name).toBe('AccessDenied');
    expect((await awsError(iamClient(sb, { ...creds, sessionToken: 'wrong' }).send(new GetUserCommand({})))).name).toBe('InvalidClientTokenId');
    sb.setClockSkewMs(901_000);
    expect(await awsError(stsClient(sb, creds).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', status: 403 });
  });

  it('the unmodified SDK finds the sandbox through sandbox.env (AWS_ENDPOINT_URL_*)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, sb.env);
    try {
      const { STSClient } = await import('@aws-sdk/client-sts');
      const { IAMClient } = await import('@aws-sdk/client-iam');
      expect((await new STSClient({ maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).Account).toBe(sb.accountId);
      expect((await new IAMClient({ maxAttempts: 1 }).send(new GetUserCommand({}))).User?.UserName).toBe('admin');
    } finally {
      for (const k of Object.keys(sb.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('AssumeRole into the seeded admin role', async () => {
    const r = await stsClient(sb).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${sb.accountId}:role/${ADMIN_ROLE_NAME}`, RoleSessionName: 'ops-session' }),
    );
    expect(r.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${sb.accountId}:assumed-role/${ADMIN_ROLE_NAME}/ops-session`);
    const creds = fromSts(r.Credentials);
    expect((await stsClient(sb, creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(r.AssumedRoleUser?.Arn);
    await iamClient(sb, creds).send(new CreateUserCommand({ UserName: 'made-by-role' }));
    expect(sb.requestLog.at(-1)).toMatchObject({ action: 'CreateUser', caller: `${ADMIN_ROLE_NAME}/ops-session`, status: 200 });
    const nobody = sb.scenario.newUser({ userName: 'no-perms' });
    const denied = await awsError(
      stsClient(sb, { accessKeyId: nobody.accessKeyId as string, secretAccessKey: nobody.secretAccessKey as string }).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${sb.accountId}:role/${ADMIN_ROLE_NAME}`, RoleSessionName: 'x1' }),
      ),
    );
    expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});

describe('SSO device flow and portal', () => {
  const oidc = () => new SSOOIDCClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });

  async function start() {
    const client = oidc();
    const reg = await client.send(new RegisterClientCommand({ clientName: 'iam-onboarding', clientType: 'public' }));
    expect(reg.clientSecretExpiresAt).toBeGreaterThan(Date.now() / 1000);
    const auth = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://example.awsapps.com/start' }),
    );
    expect(auth.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(auth.verificationUri).toBe(`${sb.url}/__sandbox/sso/device`);
    expect(auth.verificationUriComplete).toBe(`${sb.url}/__sandbox/sso/device?user_code=${auth.userCode}`);
    const token = () =>
      client.send(
        new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: auth.deviceCode }),
      );
    return { auth, token };
  }

  it('pending -> slow down -> approved via the HTML page -> token -> portal -> credentials IAM accepts', async () => {
    const { auth, token } = await start();
    expect(await awsError(token())).toMatchObject({ name: 'AuthorizationPendingException', status: 400 });
    expect((await awsError(token())).name).toBe('SlowDownException');
    const page = await (await fetch(auth.verificationUriComplete as string)).text();
    expect(page).toContain('Approve');
    expect(page).toContain(auth.userCode);
    const approved = await fetch(`${sb.url}/__sandbox/sso/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `user_code=${auth.userCode}`,
    });
    expect(approved.status).toBe(200);
    const t = await token();
    expect(t).toMatchObject({ tokenType: 'Bearer', expiresIn: 28800 });
    const sso = new SSOClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
    const accounts = await sso.send(new ListAccountsCommand({ accessToken: t.accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual([sb.accountId]);
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken: t.accessToken, accountId: sb.accountId }));
    expect(roles.roleList?.map((r) => r.roleName)).toContain('AdministratorAccess');
    const rc = await sso.send(new GetRoleCredentialsCommand({ accessToken: t.accessToken, accountId: sb.accountId, roleName: 'AdministratorAccess' }));
    const c = rc.roleCredentials;
    expect(c?.accessKeyId).toMatch(/^ASIA/);
    expect(c?.expiration).toBeGreaterThan(Date.now());
    const creds = { accessKeyId: c?.accessKeyId as string, secretAccessKey: c?.secretAccessKey as string, sessionToken: c?.sessionToken as string };
    const who = await stsClient(sb, creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(new RegExp(`^arn:aws:sts::${sb.accountId}:assumed-role/AWSReservedSSO_AdministratorAccess_[0-9a-f]+/user@example.com$`));
    expect((await iamClient(sb, creds).send(new ListUsersCommand({}))).Users?.length).toBeGreaterThan(0);
    expect((await awsError(sso.send(new ListAccountsCommand({ accessToken: 'bogus' })))).name).toBe('UnauthorizedException');
    expect((await awsError(token())).name).toBe('InvalidGrantException');
  });

  it('denied and expired device codes', async () => {
    const a = await start();
    sb.sso.deny?.(a.auth.userCode as string);
    expect((await awsError(a.token())).name).toBe('AccessDeniedException');
    const b = await start();
    sb.setClockSkewMs(601_000);
    expect((await awsError(b.token())).name).toBe('ExpiredTokenException');
  });

  it('approve() with a specific account/role limits the assignment', async () => {
    const { auth, token } = await start();
    sb.sso.approve(auth.userCode as string, { accountId: sb.accountId, roleName: 'ReadOnlyAccess' });
    const t = await token();
    const sso = new SSOClient({ endpoint: sb.url, region: sb.region, maxAttempts: 1 });
    const roles = await sso.send(new ListAccountRolesCommand({ accessToken: t.accessToken, accountId: sb.accountId }));
    expect(roles.roleList?.map((r) => r.roleName)).toEqual(['ReadOnlyAccess']);
    const rc = (await sso.send(new GetRoleCredentialsCommand({ accessToken: t.accessToken, accountId: sb.accountId, roleName: 'ReadOnlyAccess' }))).roleCredentials;
    const ro = iamClient(sb, { accessKeyId: rc?.accessKeyId as string, secretAccessKey: rc?.secretAccessKey as string, sessionToken: rc?.sessionToken as string });
    await ro.send(new ListUsersCommand({}));
    expect((await awsError(ro.send(new CreateUserCommand({ UserName: 'nope' })))).name).toBe('AccessDenied');
  });
});
