import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import { decryptInvite } from '../../../../../electron/invites/invite-codec';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { buildInviteExpiryPolicy } from '../../../../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { fakeAccessKeyId } from '../../../../support/fake-keys';
import { dispatchCaller } from '../../../../support/dispatch-call';

const dialog = { dialogTitle: 't', filterName: 'f' };

/** The onboarding-status handlers through `dispatch`, against the sandbox (the e2e test drives the same through the UI). */
describe('admin status handlers against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let home: string;
  const call = dispatchCaller(() => handlers);
  /** What the panel reads when the admin opens a user (the listing's report rows have no key ids or serials). */
  const row = async (userName: string) => call('admin:status:detail', { userName });

  beforeAll(async () => {
    sandbox = await startSandbox();
    home = mkdtempSync(join(tmpdir(), 'admin-status-'));
    ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterEach(() => sandbox.faults.clear());
  afterAll(async () => sandbox.stop());

  it('resend: refused while an MFA device exists; cancelled dialog changes nothing; a lost answer is retried to exactly one key', async () => {
    sandbox.scenario.newUser({ userName: 'u.fresh', withAccessKey: true });
    sandbox.scenario.newUser({ userName: 'u.done', passwordResetRequired: false, withMfa: true });
    await expect(call('admin:status:resendInvite', { userName: 'u.done', deleteKeyIds: [], validDays: 7, ...dialog })).rejects.toMatchObject({ code: 'adminStatus.hasMfa' });
    const before = sandbox.state.listAccessKeys('u.fresh').map((k) => k.accessKeyId);
    ports.dialogs.queueSave(null);
    expect(await call('admin:status:resendInvite', { userName: 'u.fresh', deleteKeyIds: before, validDays: 7, ...dialog })).toMatchObject({ saved: false });
    expect(sandbox.state.listAccessKeys('u.fresh').map((k) => k.accessKeyId)).toEqual(before);

    // The answer to CreateAccessKey is lost: the key exists in IAM but the app never saw its secret.
    sandbox.faults.set('CreateAccessKey', { drop: { times: 1, after: true } });
    const path = join(home, 'fresh.invite.age');
    ports.dialogs.queueSave(path);
    await expect(call('admin:status:resendInvite', { userName: 'u.fresh', deleteKeyIds: before, validDays: 7, ...dialog })).rejects.toMatchObject({ retryable: true });
    expect(sandbox.state.listAccessKeys('u.fresh')).toHaveLength(1);
    ports.dialogs.queueSave(path);
    const done = await call('admin:status:resendInvite', { userName: 'u.fresh', deleteKeyIds: before, validDays: 7, ...dialog });
    const keys = sandbox.state.listAccessKeys('u.fresh');
    expect(keys.map((k) => k.accessKeyId)).toEqual([done.newAccessKeyId]);
    const invite = await decryptInvite(readFileSync(path), done.temporaryPassword ?? '', Date.now());
    expect(invite).toMatchObject({ userName: 'u.fresh', accessKeyId: done.newAccessKeyId });
    expect(sandbox.state.checkPassword('u.fresh', done.temporaryPassword ?? '')).toBe(true);
    expect(sandbox.state.getLoginProfile('u.fresh')?.passwordResetRequired).toBe(true);
    // Copy goes through main's clipboard (cleared after 30 s); dismiss forgets the password.
    await call('admin:status:copyPassword', { userName: 'u.fresh' });
    expect(ports.clipboard.read()).toBe(done.temporaryPassword);
    await call('admin:status:dismiss', {});
    await expect(call('admin:status:copyPassword', { userName: 'u.fresh' })).rejects.toMatchObject({ code: 'adminStatus.passwordGone' });
  });

  it('the onboarding window: listed with its end, an expired invite flagged; resend opens a new window; "ask to set up MFA" opens one without new credentials', async () => {
    const past = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    sandbox.scenario.newUser({ userName: 'u.expired', attachEnforcementPolicy: true, onboardingWindow: { expiresAt: past } });
    sandbox.scenario.newUser({ userName: 'u.outsider', passwordResetRequired: false, onboardingWindow: false });
    expect((await row('u.expired'))?.onboardingWindow).toEqual({ open: true, expiresAt: past, expired: true });
    expect((await row('u.outsider'))?.onboardingWindow).toEqual({ open: false, expiresAt: null, expired: false });

    const keys = sandbox.state.listAccessKeys('u.expired').map((k) => k.accessKeyId);
    ports.dialogs.queueSave(join(home, 'expired.invite.age'));
    const resent = await call('admin:status:resendInvite', { userName: 'u.expired', deleteKeyIds: keys, validDays: 3, ...dialog });
    const window = sandbox.state.getUser('u.expired')?.tags['iam-onboarding-window'];
    expect(Date.parse(window!)).toBe(Date.parse(resent.expiresAt!));
    expect(Date.parse(window!) - Date.now()).toBeGreaterThan(3 * 86_400_000 - 60_000);
    expect(sandbox.state.listUserPolicies('u.expired').map((p) => p.document)).toEqual([buildInviteExpiryPolicy(window!)]);
    expect((await row('u.expired'))?.onboardingWindow).toMatchObject({ open: true, expired: false });
    await call('admin:status:dismiss', {});

    const before = { keys: sandbox.state.listAccessKeys('u.outsider'), profile: sandbox.state.getLoginProfile('u.outsider') };
    const asked = await call('admin:status:askMfaSetup', { userName: 'u.outsider', validDays: 2 });
    expect(asked).toMatchObject({ userName: 'u.outsider', deviceName: 'u.outsider' });
    expect(sandbox.state.getUser('u.outsider')?.tags['iam-onboarding-window']).toBe(asked.expiresAt);
    expect(sandbox.state.listUserPolicies('u.outsider').map((p) => p.document)).toEqual([buildInviteExpiryPolicy(asked.expiresAt)]);
    expect({ keys: sandbox.state.listAccessKeys('u.outsider'), profile: sandbox.state.getLoginProfile('u.outsider') }).toEqual(before);
    await expect(call('admin:status:askMfaSetup', { userName: 'u.done', validDays: 2 })).rejects.toMatchObject({ code: 'adminStatus.hasMfa' });
  });

  it('reset MFA keeps a used CLI key the admin did not confirm, also on a retry after the devices are gone', async () => {
    const u = sandbox.scenario.newUser({ userName: 'u.cli', passwordResetRequired: false, withMfa: true, withAccessKey: true });
    sandbox.scenario.setAccessKeyLastUsed(u.accessKeyId ?? '', { date: new Date(), serviceName: 'iam' });
    const r = await row('u.cli');
    expect(r?.accessKeys?.[0]?.bootstrap).toBe(false);
    const serials = (r?.mfaDevices ?? []).map((d) => d.serialNumber);
    sandbox.faults.set('CreateAccessKey', { error5xx: { times: 1 } });
    ports.dialogs.queueSave(join(home, 'cli.invite.age'));
    await expect(call('admin:status:resetMfa', { userName: 'u.cli', serialNumbers: serials, deleteKeyIds: [], validDays: 7, ...dialog })).rejects.toMatchObject({ retryable: true });
    expect(sandbox.state.listMfaDevices('u.cli')).toEqual([]);
    ports.dialogs.queueSave(join(home, 'cli.invite.age'));
    const done = await call('admin:status:resetMfa', { userName: 'u.cli', serialNumbers: serials, deleteKeyIds: [], validDays: 7, ...dialog });
    expect(sandbox.state.listAccessKeys('u.cli').map((k) => k.accessKeyId).sort()).toEqual([u.accessKeyId, done.newAccessKeyId].sort());
    expect(sandbox.state.listVirtualMfaDevices().filter((d) => serials.includes(d.serialNumber))).toEqual([]);
    // A serial the listing never showed for this user is refused.
    await expect(call('admin:status:resetMfa', { userName: 'u.done', serialNumbers: [serials[0] ?? ''], deleteKeyIds: [], validDays: 7, ...dialog })).rejects.toMatchObject({ code: 'adminStatus.staleList' });
  });

  it('two keys in use: a clear limit message before anything changes', async () => {
    const u = sandbox.scenario.newUser({ userName: 'u.twokeys', passwordResetRequired: false, withAccessKey: true, withMfa: true });
    const { IAMClient, CreateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient({ region: sandbox.region, endpoint: sandbox.url, credentials: sandbox.admin });
    const k2 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'u.twokeys' }))).AccessKey?.AccessKeyId ?? '';
    iam.destroy();
    for (const id of [u.accessKeyId ?? '', k2]) sandbox.scenario.setAccessKeyLastUsed(id, { date: new Date(), serviceName: 's3' });
    const r = await row('u.twokeys');
    ports.dialogs.queueSave(join(home, 'two.invite.age'));
    await expect(
      call('admin:status:resetMfa', { userName: 'u.twokeys', serialNumbers: (r?.mfaDevices ?? []).map((d) => d.serialNumber), deleteKeyIds: [], validDays: 7, ...dialog }),
    ).rejects.toMatchObject({ code: 'adminStatus.keyLimit' });
    expect(sandbox.state.listAccessKeys('u.twokeys')).toHaveLength(2);
    // As the screen confirms a reset: every key, in use or not, is replaced by the invite's one.
    ports.dialogs.queueSave(join(home, 'two.invite.age'));
    const done = await call('admin:status:resetMfa', {
      userName: 'u.twokeys',
      serialNumbers: (r?.mfaDevices ?? []).map((d) => d.serialNumber),
      deleteKeyIds: [u.accessKeyId ?? '', k2],
      validDays: 7,
      ...dialog,
    });
    expect(done.deletedKeyIds.sort()).toEqual([u.accessKeyId ?? '', k2].sort());
    expect(sandbox.state.listAccessKeys('u.twokeys').map((k) => k.accessKeyId)).toEqual([done.newAccessKeyId]);
  });

  it('a user deleted after the listing, a denied call and throttling each get their own message', async () => {
    sandbox.scenario.newUser({ userName: 'u.gone', withAccessKey: true });
    await row('u.gone');
    const { IAMClient, DeleteAccessKeyCommand, DeleteLoginProfileCommand, DeleteUserCommand } = await import('@aws-sdk/client-iam');
    const iam = new IAMClient({ region: sandbox.region, endpoint: sandbox.url, credentials: sandbox.admin });
    for (const k of sandbox.state.listAccessKeys('u.gone')) await iam.send(new DeleteAccessKeyCommand({ UserName: 'u.gone', AccessKeyId: k.accessKeyId }));
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'u.gone' }));
    await iam.send(new DeleteUserCommand({ UserName: 'u.gone' }));
    iam.destroy();
    await expect(call('admin:status:removeBootstrapKeys', { userName: 'u.gone', accessKeyIds: [fakeAccessKeyId('gone')] })).rejects.toMatchObject({ code: 'adminStatus.userGone', params: { userName: 'u.gone' } });
    await expect(call('admin:status:resync', { userName: 'u.gone', serialNumber: `arn:aws:iam::${sandbox.accountId}:mfa/u.gone`, code1: '123456', code2: '654321' })).rejects.toMatchObject({
      code: 'adminStatus.deviceGone',
    });

    sandbox.faults.set('GetAccountAuthorizationDetails', { throttle: { ratePerSec: 0.001 } });
    await call('admin:status:list', {}).catch(() => undefined);
    await expect(call('admin:status:list', {})).rejects.toMatchObject({ code: 'aws.Throttling', retryable: true });
    sandbox.faults.clear();

    // An admin who may list users but not read MFA devices: the column is unknown and the permission is named.
    sandbox.scenario.newUser({ userName: 'u.half', passwordResetRequired: false });
    const ro = sandbox.scenario.newUser({
      userName: 'ro.admin',
      withAccessKey: true,
      policies: [{ name: 'ro', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:List*', 'iam:GetLoginProfile', 'iam:GetAccessKeyLastUsed', 'iam:GetAccountAlias*'], Resource: '*' }, { Effect: 'Deny', Action: 'iam:ListMFADevices', Resource: '*' }] } }],
    });
    await call('admin:signInWithKeys', { accessKeyId: ro.accessKeyId ?? '', secretAccessKey: ro.secretAccessKey ?? '' });
    const listing = await call('admin:status:list', {});
    expect(listing).toMatchObject({ report: null, reportUnavailable: 'iam:GetCredentialReport' });
    const fresh = listing.users.find((u) => u.userName === 'u.half');
    expect(fresh).toMatchObject({ mfaDevices: null, mfaActive: null, status: 'unknown', missingPermissions: ['iam:ListMFADevices'] });
    await expect(call('admin:status:removeBootstrapKeys', { userName: 'u.half', accessKeyIds: [fakeAccessKeyId('gone')] })).rejects.toMatchObject({
      code: 'admin.missingPermission',
      params: { permission: 'iam:ListMFADevices' },
    });
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
});
