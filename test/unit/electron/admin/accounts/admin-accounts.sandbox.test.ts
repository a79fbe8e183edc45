import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import type { AppDeps } from '../../../../../electron/app/app-deps';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { decryptInvite } from '../../../../../electron/invites/invite-codec';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import type { MatrixRow } from '../../../../../src/shared/ipc/channels/admin-accounts';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatch } from '../../../../../electron/ipc/dispatch';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../../../src/shared/ipc/contract';

const PROD = '222233334444';
const STAGING = '333344445555';
const LEGACY = '444455556666';
const ROLE = 'OrganizationAccountAccessRole';
const dialog = { dialogTitle: 't', filterName: 'f' };
const allow = (actions: string[]) => ({ name: `allow-${actions.join('-').replace(/[^\w-]/g, '')}`, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } });

/** The account switcher, the readiness matrix and provisioning into a member account, through `dispatch` against the sandbox. */
describe('admin accounts: an AWS Organization from its management account', () => {
  let sandbox: Sandbox;
  let deps: AppDeps;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let home: string;
  /** Matrix rows as the renderer hears them (events), in the order they were checked. */
  const rows: MatrixRow[] = [];
  const ctx = { emit: (event: string, payload: unknown) => void (event === 'admin:accounts:readinessRow' && rows.push(payload as MatrixRow)) };
  const call = async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const env = await dispatch(handlers, channel, input, ctx as never, silentLogger);
    if (!env.ok) throw Object.assign(new Error(env.error.code), env.error);
    return env.value as ChannelOutput<C>;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-mgmt' });
    sandbox.scenario.createOrganization({
      members: [
        { accountId: PROD, name: 'Production', alias: 'acme-prod' },
        { accountId: STAGING, name: 'Staging', alias: 'acme-staging' },
        { accountId: LEGACY, name: 'Legacy', joinedMethod: 'INVITED' },
      ],
    });
    home = mkdtempSync(join(tmpdir(), 'accounts-'));
    ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ deps, handlers } = composeApp({ platform: ports, log: silentLogger, env: sandbox.env, info: { version: 't', platform: 'linux' }, maxAttempts: 2 }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterAll(async () => {
    deps.lifecycle.dispose();
    await sandbox.stop();
  });

  it('lists the organization (every page) with the signed-in account marked', async () => {
    const list = await call('admin:accounts:list', {});
    expect(list).toMatchObject({ source: 'organizations', notice: null, managementAccountId: sandbox.accountId, defaultRoleName: ROLE });
    expect(list.accounts.map((a) => [a.accountId, a.name, a.home, a.current])).toEqual([
      [sandbox.accountId, 'acme-mgmt', true, true],
      [PROD, 'Production', false, false],
      [STAGING, 'Staging', false, false],
      [LEGACY, 'Legacy', false, false],
    ]);
  });

  it('switches into a member account: every screen then acts there, and the invite names that account', async () => {
    const switched = await call('admin:accounts:switch', { accountId: PROD });
    expect(switched).toMatchObject({ status: 'switched', identity: { accountId: PROD, accountAlias: 'acme-prod', role: { roleName: ROLE, via: 'assumeRole', accountName: 'Production' }, home: { accountId: sandbox.accountId } } });
    expect(await call('admin:identity', {})).toMatchObject({ accountId: PROD });
    // The policy and the user land in production, not in the management account.
    await call('admin:policyApply', {});
    const run = await call('admin:users:create', { userName: 'prod.hire', groups: [], tags: [], attachPolicyTo: { kind: 'user' }, inviteValidDays: 7 });
    expect(run.phase).toBe('done');
    expect(sandbox.account(PROD).state.getUser('prod.hire')).toBeDefined();
    expect(sandbox.state.getUser('prod.hire')).toBeUndefined();
    const file = join(home, 'prod.hire.invite.age');
    ports.dialogs.queueSave(file);
    const saved = await call('admin:users:saveInvite', { runId: run.runId, ...dialog });
    const invite = await decryptInvite(readFileSync(file), saved.temporaryPassword as string, Date.now());
    expect(invite).toMatchObject({ accountId: PROD, accountAlias: 'acme-prod', consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console', userName: 'prod.hire' });
    // The invite's bootstrap key is production's.
    const sts = new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: invite.accessKeyId, secretAccessKey: invite.secretAccessKey }, maxAttempts: 1 });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(PROD);
    // Every call of that work was made in production, as the role session.
    const made = sandbox.requestLog.filter((e) => e.action === 'CreateUser' && e.status === 200);
    expect(made.at(-1)).toMatchObject({ account: PROD, caller: `${ROLE}/admin` });
  });

  it('goes back to the management account in one step', async () => {
    expect(await call('admin:accounts:back', {})).toMatchObject({ accountId: sandbox.accountId, role: null, home: null });
    expect((await call('admin:users:listGroups', {})).groups).toEqual([]);
    expect(sandbox.requestLog.at(-1)).toMatchObject({ account: sandbox.accountId, caller: 'admin' });
  });

  it('fills the readiness matrix across accounts, naming the account and role that cannot be reached', async () => {
    const m = await call('admin:accounts:readiness', {});
    // Each row reached the screen as soon as its account was checked.
    expect(rows.map((r) => r.accountId).sort()).toEqual(m.rows.map((r) => r.accountId).sort());
    const byId = new Map(m.rows.map((r) => [r.accountId, r]));
    expect([...byId.keys()]).toEqual([sandbox.accountId, PROD, STAGING, LEGACY]);
    expect(byId.get(PROD)).toMatchObject({ roleName: ROLE, alias: 'acme-prod', error: null });
    expect(byId.get(PROD)?.checks.find((c) => c.id === 'enforcementPolicy')?.status).toBe('ok');
    expect(byId.get(STAGING)?.checks.find((c) => c.id === 'enforcementPolicy')).toMatchObject({ status: 'fail', policyState: 'missing' });
    expect(byId.get(LEGACY)?.error).toMatchObject({ code: 'adminAccounts.assumeDenied', params: { accountId: LEGACY, roleName: ROLE, code: 'AccessDenied' } });
    // The management account is checked as the signed-in identity, without a role.
    expect(byId.get(sandbox.accountId)?.roleName).toBeNull();
  });

  it('fixes a cell in its account after the admin has seen the plan', async () => {
    const plan = await call('admin:accounts:fixPlan', { accountId: STAGING, check: 'passwordPolicy' });
    expect(plan.passwordPolicy?.present).toBe(false);
    expect(plan.passwordPolicy?.diff.length).toBeGreaterThan(0);
    expect(sandbox.account(STAGING).state.getAccountPasswordPolicy()).toBeUndefined();
    const fixed = await call('admin:accounts:fixApply', { planId: plan.planId });
    expect(fixed.row.checks.find((c) => c.id === 'passwordPolicy')?.status).toBe('ok');
    expect(sandbox.account(STAGING).state.getAccountPasswordPolicy()).toBeDefined();
    // Only staging changed.
    expect(sandbox.account(PROD).state.getAccountPasswordPolicy()).toBeUndefined();
    // A plan is applied once.
    await expect(call('admin:accounts:fixApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'adminAccounts.planExpired' });
  });

  it('exports the matrix as formula-safe CSV', async () => {
    const path = join(home, 'matrix.csv');
    ports.dialogs.queueSave(path);
    const labels = { header: ['id', 'name', 'alias', 'role', 'a', 'b', 'c', 'd', 'e', 'f', 'g'], status: { ok: 'OK', fail: 'FAIL', unknown: '?' }, unreachable: 'unreachable' };
    expect(await call('admin:accounts:exportReadiness', { labels, ...dialog })).toMatchObject({ saved: true, rows: 4 });
    const text = readFileSync(path, 'utf8');
    expect(text.split('\r\n')[2]).toContain(`"${PROD}","Production","acme-prod","${ROLE}"`);
    expect(text).toContain('unreachable (adminAccounts.assumeDenied)');
  });

  it('an admin without sts:AssumeRole on the role is refused with the account and the permission named', async () => {
    const limited = sandbox.scenario.newUser({ userName: 'auditor', policies: [allow(['iam:*', 'organizations:*'])] });
    await call('admin:signInWithKeys', { accessKeyId: limited.accessKeyId as string, secretAccessKey: limited.secretAccessKey as string });
    await expect(call('admin:accounts:switch', { accountId: PROD })).rejects.toMatchObject({
      code: 'adminAccounts.assumeNotPermitted',
      params: { accountId: PROD, roleName: ROLE, permission: 'sts:AssumeRole' },
    });
    expect((await call('admin:identity', {}))?.accountId).toBe(sandbox.accountId);
    expect(sandbox.account(PROD).state.listSessions().some((s) => s.principal.endsWith('/auditor'))).toBe(false);
  });

  it('a role whose trust policy wants MFA: one prompt naming the role and the device, then the role session carries MFA', async () => {
    const setup = (await new STSClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey }, maxAttempts: 1 }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${STAGING}:role/${ROLE}`, RoleSessionName: 'setup' }))).Credentials;
    await new IAMClient({ region: 'us-east-1', endpoint: sandbox.url, credentials: { accessKeyId: setup?.AccessKeyId as string, secretAccessKey: setup?.SecretAccessKey as string, sessionToken: setup?.SessionToken as string }, maxAttempts: 1 }).send(
      new CreateRoleCommand({
        RoleName: 'BreakGlass',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${sandbox.accountId}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }),
      }),
    );
    const ops = sandbox.scenario.newUser({ userName: 'ops.lead', withMfa: true, policies: [allow(['*'])] });
    await call('admin:signInWithKeys', { accessKeyId: ops.accessKeyId as string, secretAccessKey: ops.secretAccessKey as string });
    const first = await call('admin:accounts:switch', { accountId: STAGING, roleName: 'BreakGlass' });
    expect(first).toEqual({ status: 'mfaCodeNeeded', accountId: STAGING, roleName: 'BreakGlass', mfaSerial: ops.mfa?.serialNumber, deviceName: 'ops.lead' });
    await expect(call('admin:accounts:switch', { accountId: STAGING, roleName: 'BreakGlass', mfaCode: '000000' })).rejects.toMatchObject({ code: 'adminAccounts.mfaCodeRejected' });
    const done = await call('admin:accounts:switch', { accountId: STAGING, roleName: 'BreakGlass', mfaCode: sandbox.scenario.mfaCode(ops.mfa?.serialNumber as string) });
    expect(done).toMatchObject({ status: 'switched', identity: { accountId: STAGING, role: { roleName: 'BreakGlass' } } });
    const session = sandbox.account(STAGING).state.listSessions().find((s) => s.principal === 'BreakGlass/ops.lead');
    expect(session?.mfaAuthenticated).toBe(true);
  });

  it('after a lock no role session can be used, and nothing signed reaches AWS', async () => {
    expect(deps.lifecycle.holders().get('admin:accounts/roleSessions')?.holdsSecrets()).toBe(true);
    await deps.lifecycle.lock('idle');
    expect(deps.lifecycle.holders().get('admin:accounts/roleSessions')?.holdsSecrets()).toBe(false);
    const before = sandbox.requestLog.length;
    expect(await call('admin:identity', {})).toBeNull();
    await expect(call('admin:users:listGroups', {})).rejects.toMatchObject({ code: 'admin.notSignedIn' });
    await expect(call('admin:accounts:switch', { accountId: STAGING })).rejects.toMatchObject({ code: 'admin.notSignedIn' });
    await expect(call('admin:accounts:readiness', {})).rejects.toMatchObject({ code: 'admin.notSignedIn' });
    expect(sandbox.requestLog.slice(before)).toEqual([]);
  });

  it('an MFA session made for a role that then refuses the admin is still a secret held, and the holder\u2019s wipe drops it', async () => {
    const second = sandbox.scenario.newUser({ userName: 'ops.second', withMfa: true, policies: [allow(['*'])] });
    await call('admin:signInWithKeys', { accessKeyId: second.accessKeyId as string, secretAccessKey: second.secretAccessKey as string });
    const roles = deps.lifecycle.holders().get('admin:accounts/roleSessions')!;
    expect(roles.holdsSecrets()).toBe(false);
    // The code is good (GetSessionToken succeeds), the role does not exist: no role session, but an MFA session kept.
    await expect(call('admin:accounts:switch', { accountId: STAGING, roleName: 'NoSuchRole', mfaCode: sandbox.scenario.mfaCode(second.mfa?.serialNumber as string) })).rejects.toBeTruthy();
    expect(sandbox.requestLog.some((e) => e.action === 'GetSessionToken' && e.status === 200)).toBe(true);
    expect(roles.holdsSecrets()).toBe(true);
    await roles.wipe();
    expect(roles.holdsSecrets()).toBe(false);
  });
});
