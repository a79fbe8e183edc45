import { ChangePasswordCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_READS_PER_LISTING } from '../../../../../electron/admin/status/account-status';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

const LABELS = {
  header: ['user', 'status', 'console', 'reset', 'mfa', 'keys', 'age', 'last', 'groups', 'tags'],
  status: { waitingFirstSignIn: 'W', passwordChangedNoMfa: 'P', done: 'D', noConsoleAccess: 'N', unknown: 'U' },
  yes: 'y',
  no: 'n',
  unknown: '?',
  keySlot: 'key',
};
const EXPIRY = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2031-01-01T00:00:00Z' } } }] };

/** The status listing from the account-wide sources (credential report + GetAccountAuthorizationDetails), through `dispatch`. */
describe('onboarding status from the account-wide sources', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let home: string;
  const call = dispatchCaller(() => handlers);
  const signIn = () => call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  /** The IAM calls a piece of work made, by action. */
  const callsOf = async (work: () => Promise<unknown>) => {
    const from = sandbox.requestLog.length;
    await work();
    return sandbox.requestLog.slice(from).filter((e) => e.service === 'iam').map((e) => e.action);
  };
  const asUser = (u: { accessKeyId?: string; secretAccessKey?: string }) =>
    new IAMClient({ endpoint: sandbox.url, region: sandbox.region, credentials: { accessKeyId: u.accessKeyId ?? '', secretAccessKey: u.secretAccessKey ?? '' }, maxAttempts: 1 });

  beforeEach(async () => {
    sandbox = await startSandbox({ credentialReportDelayMs: 300 });
    home = mkdtempSync(join(tmpdir(), 'admin-status-list-'));
    ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
    await signIn();
  });
  afterEach(async () => sandbox.stop());

  it('each state from the report, identity, tags, groups and policies from the directory, in a handful of calls', async () => {
    sandbox.scenario.createGroup('devs');
    sandbox.scenario.newUser({ userName: 'u.fresh', groups: ['devs'], tags: { team: 'a' }, attachEnforcementPolicy: true });
    // The wizard's way: the invite key signs the password change.
    const half = sandbox.scenario.newUser({ userName: 'u.half', attachEnforcementPolicy: true });
    await asUser(half).send(new ChangePasswordCommand({ OldPassword: half.password, NewPassword: 'A-new-Passw0rd!x' }));
    sandbox.scenario.newUser({ userName: 'u.done', passwordResetRequired: false, withMfa: true });
    const old = sandbox.scenario.newUser({ userName: 'u.old' });
    sandbox.scenario.backdateUser('u.old', 120);
    const iam = new IAMClient({ endpoint: sandbox.url, region: sandbox.region, credentials: sandbox.admin, maxAttempts: 1 });
    await iam.send(new PutUserPolicyCommand({ UserName: 'u.fresh', PolicyName: 'onboarding-expiry', PolicyDocument: JSON.stringify(EXPIRY) }));
    iam.destroy();

    sandbox.scenario.setCredentialReportDelayMs(900);
    let list!: Awaited<ReturnType<typeof call<'admin:status:list'>>>;
    const from = sandbox.requestLog.length;
    const calls = await callsOf(async () => (list = await call('admin:status:list', {})));
    // Get (not present) → Generate → Get (in progress, polled) → Get; one directory page.
    expect(calls.filter((a) => !/CredentialReport$/.test(a))).toEqual(['GetAccountAuthorizationDetails']);
    expect(calls.filter((a) => a === 'GenerateCredentialReport')).toHaveLength(1);
    const reads = sandbox.requestLog.slice(from).filter((e) => e.action === 'GetCredentialReport').map((e) => e.errorCode ?? 'ok');
    expect(reads[0]).toBe('ReportNotPresent');
    expect(reads).toContain('ReportInProgress');
    expect(reads.at(-1)).toBe('ok');
    expect(list.report).not.toBeNull();
    expect(Date.parse(list.report!.nextAt) - Date.parse(list.report!.generatedAt)).toBe(4 * 3600_000);
    expect(list).toMatchObject({ reportUnavailable: null, notRead: 0 });
    const by = Object.fromEntries(list.users.map((u) => [u.userName, u]));
    expect(by['u.fresh']).toMatchObject({
      source: 'report',
      status: 'waitingFirstSignIn',
      consolePassword: true,
      passwordResetRequired: true,
      mfaActive: false,
      mfaDevices: null,
      groups: ['devs'],
      // newUser opens onboarding as the app does: the window tag and the expiry policy, read from the directory.
      tags: [{ key: 'team', value: 'a' }, { key: 'iam-onboarding-window', value: expect.any(String) }],
      inlinePolicies: ['IamOnboardingInviteExpiry', 'onboarding-expiry'],
      attachedPolicies: [sandbox.state.findPolicyByName('IamOnboardingEnforceMfa')!.arn],
      onboardingWindow: { open: true, expired: false, expiresAt: expect.any(String) },
    });
    expect(by['u.fresh']?.accessKeys).toEqual([expect.objectContaining({ accessKeyId: null, slot: 1, status: 'Active', ageDays: 0, lastUsedDate: null, bootstrap: true })]);
    expect(by['u.half']).toMatchObject({ source: 'report', status: 'passwordChangedNoMfa', passwordResetRequired: false });
    expect(by['u.done']).toMatchObject({ status: 'done', mfaActive: true });
    expect(by['u.old']).toMatchObject({ status: 'waitingFirstSignIn' });
    expect(by['u.old']?.accessKeys?.[0]).toMatchObject({ ageDays: 120, bootstrap: true });
    expect(by[sandbox.admin.userName]).toMatchObject({ status: 'noConsoleAccess', consolePassword: false });
    void old;

    // Within four hours AWS would return the same report: the app does not ask again.
    expect(await callsOf(() => call('admin:status:list', {}))).toEqual(['GetAccountAuthorizationDetails']);
  });

  it('users newer than the report are read one by one, up to a limit; the rest are read when opened', async () => {
    await call('admin:status:list', {});
    const n = LIVE_READS_PER_LISTING + 2;
    for (let i = 0; i < n; i++) sandbox.scenario.newUser({ userName: `late.${String(i).padStart(2, '0')}` });
    let list!: Awaited<ReturnType<typeof call<'admin:status:list'>>>;
    const calls = await callsOf(async () => (list = await call('admin:status:list', {})));
    const late = list.users.filter((u) => u.userName.startsWith('late.'));
    expect(late.filter((u) => u.source === 'live' && u.status === 'waitingFirstSignIn')).toHaveLength(LIVE_READS_PER_LISTING);
    const unread = late.filter((u) => u.source === 'notRead');
    expect(unread).toHaveLength(2);
    expect(unread[0]).toMatchObject({ status: 'unknown', accessKeys: null });
    expect(list.notRead).toBe(2);
    expect(calls.filter((a) => a === 'GetLoginProfile')).toHaveLength(LIVE_READS_PER_LISTING);
    expect(calls).not.toContain('GetCredentialReport');

    // Opening one reads it now: key ids and device serials, and the next listing keeps it.
    const name = unread[0]!.userName;
    const detail = await call('admin:status:detail', { userName: name });
    expect(detail).toMatchObject({ source: 'live', status: 'waitingFirstSignIn', accessKeys: [expect.objectContaining({ accessKeyId: sandbox.state.listAccessKeys(name)[0]!.accessKeyId })] });
    const again = await call('admin:status:list', {});
    expect(again.users.find((u) => u.userName === name)).toMatchObject({ source: 'live', status: 'waitingFirstSignIn' });
    await expect(call('admin:status:detail', { userName: 'nobody.here' })).rejects.toMatchObject({ code: 'adminStatus.userGone' });
  });

  it('an expired report is regenerated; after that the rows follow what users did', async () => {
    const u = sandbox.scenario.newUser({ userName: 'u.later', attachEnforcementPolicy: true });
    expect((await call('admin:status:list', {})).users.find((r) => r.userName === 'u.later')?.status).toBe('waitingFirstSignIn');
    await asUser(u).send(new ChangePasswordCommand({ OldPassword: u.password, NewPassword: 'A-new-Passw0rd!y' }));
    sandbox.scenario.ageCredentialReport(4);
    await signIn(); // a new session: nothing cached
    const calls = await callsOf(() => call('admin:status:list', {}));
    expect(calls.slice(0, 2)).toEqual(expect.arrayContaining(['GetCredentialReport', 'GenerateCredentialReport']));
    const list = await call('admin:status:list', {});
    expect(Date.now() - Date.parse(list.report!.generatedAt)).toBeLessThan(60_000);
    expect(list.users.find((r) => r.userName === 'u.later')).toMatchObject({ source: 'report', status: 'passwordChangedNoMfa' });
  });

  it('without permission for the report: every user read one by one, and the listing says why', async () => {
    sandbox.scenario.newUser({ userName: 'u.some' });
    const lister = sandbox.scenario.newUser({
      userName: 'lister',
      policies: [{ name: 'list', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:List*', 'iam:GetLoginProfile', 'iam:GetAccessKeyLastUsed'], Resource: '*' }] } }],
    });
    await call('admin:signInWithKeys', { accessKeyId: lister.accessKeyId ?? '', secretAccessKey: lister.secretAccessKey ?? '' });
    const list = await call('admin:status:list', {});
    expect(list).toMatchObject({ report: null, reportUnavailable: 'iam:GetCredentialReport' });
    expect(list.users.find((r) => r.userName === 'u.some')).toMatchObject({ source: 'live', status: 'waitingFirstSignIn' });
  });

  it('CSV export: report rows name keys by slot, rows read live by id; no secrets', async () => {
    const inReport = sandbox.scenario.newUser({ userName: '=1+2' });
    await call('admin:status:list', {});
    const live = sandbox.scenario.newUser({ userName: 'u.after' });
    const list = await call('admin:status:list', {});
    const path = join(home, 'status.csv');
    // Overwriting a file others could read: the export is owner-only all the same.
    writeFileSync(path, 'old', { mode: 0o644 });
    ports.dialogs.queueSave(path);
    const out = await call('admin:status:exportCsv', { userNames: list.users.map((u) => u.userName), labels: LABELS, dialogTitle: 't', filterName: 'f' });
    expect(out).toMatchObject({ saved: true, rows: list.users.length });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`"'=1+2","W","y","y","n","key 1","0"`);
    expect(text).toContain(`"u.after","W","y","y","n","${live.accessKeyId}","0"`);
    for (const u of [inReport, live]) {
      expect(text).not.toContain(u.secretAccessKey ?? 'x');
      expect(text).not.toContain(u.password);
    }
  });
});
