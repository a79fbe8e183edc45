import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import type { HandlerTable } from '../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { dispatchCaller } from '../../../support/dispatch-call';

/** The admin handlers through `dispatch`, against the sandbox (the e2e tests drive the same through the UI). */
describe('admin handlers against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let home: string;
  const call = dispatchCaller(() => handlers);

  beforeAll(async () => {
    sandbox = await startSandbox();
    home = mkdtempSync(join(tmpdir(), 'admin-h-'));
    const ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
  });
  afterAll(async () => sandbox.stop());
  const iamAdmin = () => new IAMClient({ region: sandbox.region, endpoint: sandbox.url, credentials: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey } });

  it('lists profiles and signs in with a role profile that asks for an MFA code', async () => {
    const u = sandbox.scenario.newUser({ userName: 'mfa.admin', withMfa: true, policies: [{ name: 'All', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] });
    writeFileSync(join(home, 'credentials'), `[base]\naws_access_key_id = ${u.accessKeyId}\naws_secret_access_key = ${u.secretAccessKey}\n`);
    writeFileSync(
      join(home, 'config'),
      `[profile base]\nregion = us-east-1\n\n[profile role-mfa]\nrole_arn = arn:aws:iam::${sandbox.accountId}:role/OrganizationAccountAccessRole\nsource_profile = base\nmfa_serial = ${u.mfa?.serialNumber}\n\n[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = ${sandbox.accountId}\nsso_role_name = AdministratorAccess\n`,
    );
    const list = await call('admin:listProfiles', {});
    expect(list.profiles.map((p) => [p.name, p.kind, p.mfa])).toEqual([
      ['base', 'keys', false],
      ['role-mfa', 'assumeRole', true],
      ['sso-dev', 'sso', false],
    ]);
    const first = await call('admin:signInWithProfile', { profile: 'role-mfa' });
    expect(first).toMatchObject({ status: 'mfaCodeNeeded', mfaSerial: u.mfa?.serialNumber });
    const done = await call('admin:submitMfaCode', { code: sandbox.scenario.mfaCode(u.mfa?.serialNumber as string) });
    expect(done).toMatchObject({ status: 'signedIn', identity: { method: 'profile', source: 'role-mfa', accountId: sandbox.accountId } });
    if (done.status === 'signedIn') expect(done.identity.arn).toContain('assumed-role/OrganizationAccountAccessRole');
    await expect(call('admin:signInWithProfile', { profile: 'sso-dev' })).rejects.toMatchObject({ code: 'admin.ssoProfileNeedsLogin' });
  });

  it('SSO device sign-in: approve, pick account and role', async () => {
    const started = await call('admin:ssoStart', { startUrl: 'https://example.awsapps.com/start', region: 'us-east-1' });
    sandbox.sso.approve(started.userCode);
    const waited = await call('admin:ssoWait', {});
    expect(waited.accounts[0]?.accountId).toBe(sandbox.accountId);
    const roles = await call('admin:ssoListRoles', { accountId: sandbox.accountId });
    expect(roles.roles).toContain('AdministratorAccess');
    const id = await call('admin:ssoSignIn', { accountId: sandbox.accountId, roleName: 'AdministratorAccess' });
    expect(id.method).toBe('sso');
  });

  it('readiness, policy create and simulate', async () => {
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    const r = await call('admin:readiness', {});
    expect(Object.fromEntries(r.checks.map((c) => [c.id, c.status]))).toMatchObject({ passwordPolicy: 'fail', enforcementPolicy: 'fail' });
    const before = await call('admin:policyStatus', {});
    expect(before.state).toBe('missing');
    await call('admin:policyApply', {});
    expect((await call('admin:policyStatus', {})).state).toBe('current');
    const sim = await call('admin:policySimulate', {});
    expect(sim.rows.find((x) => x.action === 's3:ListAllMyBuckets')).toEqual({ action: 's3:ListAllMyBuckets', withoutMfaOnboarding: 'explicitDeny', withoutMfa: 'explicitDeny', withMfa: 'implicitDeny' });
    expect(sim.rows.find((x) => x.action === 'iam:ChangePassword')).toMatchObject({ withoutMfa: 'allowed', withMfa: 'allowed' });
    // Registering a device without MFA: only while the admin has onboarding open.
    expect(sim.rows.find((x) => x.action === 'iam:CreateVirtualMFADevice')).toEqual({
      action: 'iam:CreateVirtualMFADevice',
      withoutMfaOnboarding: 'allowed',
      withoutMfa: 'explicitDeny',
      withMfa: 'allowed',
    });
  });

  it('attaching the policy to a group names its members without MFA first, changes nothing until confirmed, and can open onboarding for them', async () => {
    sandbox.scenario.createGroup('ops');
    sandbox.scenario.newUser({ userName: 'ops.nomfa', groups: ['ops'], passwordResetRequired: false });
    sandbox.scenario.newUser({ userName: 'ops.mfa', groups: ['ops'], withMfa: true });
    const arn = `arn:aws:iam::${sandbox.accountId}:policy/IamOnboardingEnforceMfa`;
    const first = await call('admin:attachPolicyToGroup', { groupName: 'ops' });
    expect(first).toEqual({ attached: false, membersWithoutMfa: ['ops.nomfa'], includesYou: false, openedFor: [], expiresAt: null });
    expect(sandbox.state.getGroup('ops')?.attachedPolicyArns).toEqual([]);
    expect(sandbox.state.getUser('ops.nomfa')?.tags).toEqual({});

    const done = await call('admin:attachPolicyToGroup', { groupName: 'ops', confirmMembersWithoutMfa: true, openOnboardingDays: 3 });
    expect(done).toMatchObject({ attached: true, membersWithoutMfa: ['ops.nomfa'], openedFor: ['ops.nomfa'] });
    expect(sandbox.state.getGroup('ops')?.attachedPolicyArns).toEqual([arn]);
    expect(sandbox.state.getUser('ops.nomfa')?.tags['iam-onboarding-window']).toBe(done.expiresAt);
    expect(sandbox.state.getUser('ops.mfa')?.tags).toEqual({});

    // The admin's own user in a group: named as "you".
    sandbox.scenario.createGroup('admins');
    const admin = iamAdmin();
    await admin.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'admin' }));
    expect(await call('admin:attachPolicyToGroup', { groupName: 'admins' })).toMatchObject({ attached: false, membersWithoutMfa: ['admin'], includesYou: true });
    expect(sandbox.state.getGroup('admins')?.attachedPolicyArns).toEqual([]);
  });
});
