import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, IAMClient, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../../../../electron/app/app-deps';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

const PROD = '222233334444';
const STAGING = '333344445555';
const LEGACY = '444455556666';
/** A well-formed account id that is not one of the organization's. */
const OUTSIDER = '999988887777';
const ROLE = 'OrganizationAccountAccessRole';

/**
 * Accounts kept apart: trust policies decide who enters an account, a role session acts in its own
 * account only, throttling in one account is retried there, and an account outside the organization
 * is refused by the app before any request is made for it. All against the sandbox over HTTP.
 */
describe('accounts kept apart', () => {
  let sandbox: Sandbox;
  let deps: AppDeps;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let dir: string;
  const call = dispatchCaller(() => handlers);
  const creds = (c: Credentials | undefined) => ({ accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string });
  const sts = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: c, maxAttempts: 1 });
  const iam = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: c, maxAttempts: 1 });
  const adminKeys = () => ({ accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  const usersIn = (accountId: string) => sandbox.account(accountId).state.listUsers().map((u) => u.userName);

  beforeAll(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-mgmt' });
    sandbox.scenario.createOrganization({
      members: [
        { accountId: PROD, name: 'Production', alias: 'acme-prod' },
        { accountId: STAGING, name: 'Staging', alias: 'acme-staging' },
        { accountId: LEGACY, name: 'Legacy', joinedMethod: 'INVITED' },
      ],
    });
    for (const id of [sandbox.accountId, PROD, STAGING]) sandbox.account(id).scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    // A vendor role in staging: trusts the management account only with the agreed external ID.
    const setup = (await sts(adminKeys()).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${STAGING}:role/${ROLE}`, RoleSessionName: 'setup' }))).Credentials;
    await iam(creds(setup)).send(
      new CreateRoleCommand({
        RoleName: 'VendorAudit',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'acme-7731' } } }],
        }),
      }),
    );
    dir = mkdtempSync(join(tmpdir(), 'accounts-apart-'));
    ports = createNodePorts({ home: dir, userData: join(dir, 'userData') });
    ({ deps, handlers } = composeApp({ platform: ports, log: silentLogger, env: sandbox.env, info: { version: 't', platform: 'linux' }, maxAttempts: 2 }));
    await call('admin:signInWithKeys', adminKeys());
    await call('admin:accounts:list', {});
  });
  afterAll(async () => {
    deps.lifecycle.dispose();
    await sandbox.stop();
  });

  it('AssumeRole refused by the trust policy (external ID) names the account and the role; the right ID gets in', async () => {
    await expect(call('admin:accounts:switch', { accountId: STAGING, roleName: 'VendorAudit' })).rejects.toMatchObject({
      code: 'adminAccounts.assumeDenied',
      params: { accountId: STAGING, roleName: 'VendorAudit', code: 'AccessDenied' },
    });
    await expect(call('admin:accounts:switch', { accountId: STAGING, roleName: 'VendorAudit', externalId: 'acme-0000' })).rejects.toMatchObject({ code: 'adminAccounts.assumeDenied' });
    // Still in the management account after both refusals.
    expect(await call('admin:identity', {})).toMatchObject({ accountId: sandbox.accountId, role: null });
    const ok = await call('admin:accounts:switch', { accountId: STAGING, roleName: 'VendorAudit', externalId: 'acme-7731' });
    expect(ok).toMatchObject({ status: 'switched', identity: { accountId: STAGING, role: { roleName: 'VendorAudit' } } });
    expect(sandbox.account(STAGING).state.listSessions().some((s) => s.principal.startsWith('VendorAudit/'))).toBe(true);
    await call('admin:accounts:back', {});
  });

  it('a user created in account B never appears in A (nor in any other account)', async () => {
    await call('admin:accounts:switch', { accountId: PROD });
    const run = await call('admin:users:create', { userName: 'only.in.prod', groups: [], tags: [], attachPolicyTo: { kind: 'user' }, inviteValidDays: 3 });
    expect(run.phase).toBe('done');
    await call('admin:accounts:back', {});
    expect(usersIn(PROD)).toContain('only.in.prod');
    for (const id of sandbox.accountIds().filter((x) => x !== PROD)) expect(usersIn(id)).not.toContain('only.in.prod');
    // And the management account's own listing, read by the app, does not have it either.
    const status = await call('admin:accounts:status', { accountIds: [sandbox.accountId, PROD] });
    const [mgmt, prod] = status.accounts;
    expect(mgmt?.pending.map((p) => p.userName)).not.toContain('only.in.prod');
    expect(prod?.pending.map((p) => p.userName)).toContain('only.in.prod');
  });

  it('a throttled account is retried on its own; a neighbour that cannot be reached is named, the others are filled', async () => {
    // Production's IAM throttles its next 10 calls, whatever the machine's pace: more than the SDK's
    // own retries (2 attempts here) absorb — getting into the account (who it is, its alias) and its
    // first checks meet them — and fewer than the app's three rounds of retries.
    sandbox.faults.throttleAccount(PROD, 10);
    try {
      const m = await call('admin:accounts:readiness', {});
      const byId = new Map(m.rows.map((r) => [r.accountId, r]));
      const prod = byId.get(PROD);
      expect(prod?.error, JSON.stringify(prod?.error)).toBeNull();
      expect(prod?.throttledRetries).toBeGreaterThan(0);
      expect(prod?.checks.filter((c) => /Throttl/.test(c.errorCode ?? ''))).toEqual([]);
      expect(prod?.checks.find((c) => c.id === 'enforcementPolicy')?.status).toBe('ok');
      expect(byId.get(STAGING)).toMatchObject({ error: null, throttledRetries: 0 });
      expect(byId.get(LEGACY)?.error).toMatchObject({ code: 'adminAccounts.assumeDenied', params: { accountId: LEGACY, roleName: ROLE } });
      expect(sandbox.requestLog.some((e) => e.account === PROD && e.errorCode === 'Throttling')).toBe(true);
    } finally {
      sandbox.faults.throttleAccount(PROD, 0);
    }
  }, 60_000); // the SDK backs off after each throttled answer: seconds of waiting, little work

  it('a fix that the role may not make names the account and the missing permission, and changes nothing', async () => {
    // A read-only role in staging: it may see the plan, not apply it.
    const setup = (await sts(adminKeys()).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${STAGING}:role/${ROLE}`, RoleSessionName: 'setup2' }))).Credentials;
    await iam(creds(setup)).send(
      new CreateRoleCommand({
        RoleName: 'ReadOnlyAdmin',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    await iam(creds(setup)).send(
      new PutRolePolicyCommand({
        RoleName: 'ReadOnlyAdmin',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport'], Resource: '*' }] }),
      }),
    );
    await call('admin:accounts:switch', { accountId: STAGING, roleName: 'ReadOnlyAdmin' });
    const plan = await call('admin:accounts:fixPlan', { accountId: STAGING, check: 'passwordPolicy' });
    await expect(call('admin:accounts:fixApply', { planId: plan.planId })).rejects.toMatchObject({
      code: 'adminAccounts.missingPermissionIn',
      params: { accountId: STAGING, name: 'Staging', permission: 'iam:UpdateAccountPasswordPolicy' },
    });
    expect(sandbox.account(STAGING).state.getAccountPasswordPolicy()).toBeUndefined();
    await call('admin:accounts:back', {});
  });
});

describe('attacks across accounts', () => {
  let sandbox: Sandbox;
  let deps: AppDeps;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let dir: string;
  const call = dispatchCaller(() => handlers);

  beforeAll(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-mgmt' });
    sandbox.scenario.createOrganization({ members: [{ accountId: PROD, name: 'Production' }, { accountId: STAGING, name: 'Staging' }] });
    for (const id of [sandbox.accountId, PROD, STAGING]) sandbox.account(id).scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    dir = mkdtempSync(join(tmpdir(), 'accounts-attack-'));
    ports = createNodePorts({ home: dir, userData: join(dir, 'userData') });
    ({ deps, handlers } = composeApp({ platform: ports, log: silentLogger, env: sandbox.env, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    await call('admin:accounts:list', {});
  });
  afterAll(async () => {
    deps.lifecycle.dispose();
    await sandbox.stop();
  });

  it('a role session for production cannot act in staging: not by chaining into its role, not by reading its users', async () => {
    const admin = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey }, maxAttempts: 1 });
    const c = (await admin.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/${ROLE}`, RoleSessionName: 'mallory' }))).Credentials;
    const prodCreds = { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string };
    sandbox.account(STAGING).scenario.newUser({ userName: 'staging.secret' });
    // OrganizationAccountAccessRole trusts the management account, not a member's role session.
    const chained = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: prodCreds, maxAttempts: 1 });
    await expect(chained.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${STAGING}:role/${ROLE}`, RoleSessionName: 'hop' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // IAM calls signed by the production session act in production only.
    const listed = await new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: prodCreds, maxAttempts: 1 }).send(new ListUsersCommand({}));
    expect(listed.Users?.map((u) => u.UserName)).not.toContain('staging.secret');
    expect(sandbox.account(STAGING).state.listSessions().some((s) => s.principal.endsWith('/hop'))).toBe(false);
  });

  it('the renderer cannot aim the app at an account outside the organization: refused before any request', async () => {
    const before = sandbox.requestLog.length;
    await expect(call('admin:accounts:switch', { accountId: OUTSIDER })).rejects.toMatchObject({ code: 'adminAccounts.notInOrganization', params: { accountId: OUTSIDER } });
    await expect(call('admin:accounts:readiness', { accountIds: [PROD, OUTSIDER] })).rejects.toMatchObject({ code: 'adminAccounts.notInOrganization' });
    await expect(call('admin:accounts:fixPlan', { accountId: OUTSIDER, check: 'passwordPolicy' })).rejects.toMatchObject({ code: 'adminAccounts.notInOrganization' });
    await expect(call('admin:accounts:status', { accountIds: [OUTSIDER] })).rejects.toMatchObject({ code: 'adminAccounts.notInOrganization' });
    expect(sandbox.requestLog.slice(before)).toEqual([]);
    expect(await call('admin:identity', {})).toMatchObject({ accountId: sandbox.accountId, role: null });
  });

  it('a CSV row naming an account outside the organization is refused at its cell; no role is assumed, nothing is created', async () => {
    const path = join(dir, 'outsider.csv');
    writeFileSync(path, ['userName,email,account', 'kim.a,,Production', `eve.x,,${OUTSIDER}`].join('\n'));
    const before = sandbox.requestLog.length;
    const users = () => sandbox.accountIds().flatMap((id) => sandbox.account(id).state.listUsers().map((u) => `${id}/${u.userName}`));
    const had = users();
    ports.dialogs.queueOpen(path);
    const checked = await call('admin:bulk:import', { dialogTitle: 't', filterName: 'f' });
    expect(checked).toMatchObject({ ready: false });
    expect(checked?.problems).toEqual([{ line: 3, userName: 'eve.x', code: 'account.unknown', column: 3, columnName: 'account', params: { account: OUTSIDER } }]);
    const made = sandbox.requestLog.slice(before);
    // Nothing asked of STS for the outsider, nothing written anywhere.
    expect(made.filter((e) => e.action === 'AssumeRole' && JSON.stringify(e).includes(OUTSIDER))).toEqual([]);
    expect(made.filter((e) => e.account === OUTSIDER)).toEqual([]);
    expect(made.filter((e) => /^(Create|Put|Attach|Add|Tag|Update)/.test(e.action))).toEqual([]);
    expect(users()).toEqual(had);
    // A start without a clean check is refused too.
    ports.dialogs.queueFolder(dir);
    await expect(call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 1, attachTo: null })).rejects.toMatchObject({ code: 'adminBulk.notReady' });
    expect(users()).toEqual(had);
  });
});
