import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import type { AppDeps } from '../../../../electron/app/app-deps';
import type { HandlerTable } from '../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../electron/platform/node-ports';
import { channels } from '../../../../src/shared/ipc/contract';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../src/shared/mfa-policy/enforcement-policy';
import { passwordSheet } from '../../../../electron/admin/bulk/bulk-output';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { dispatchCaller } from '../../../support/dispatch-call';
import { EN_TEXT } from '../../../support/alert-text';

/** Every feature as the IPC contract names it (`admin:users` for `admin:users:create`): derived from the code. */
const contractFeatures = [...new Set(Object.keys(channels).map((c) => c.slice(0, c.lastIndexOf(':'))))].sort();
const dialog = { dialogTitle: 't', filterName: 'f' };
/**
 * Features that hold no secret, each with the reason. A new feature is either registered with the
 * lock or written down here — it cannot be forgotten silently.
 */
const HOLDS_NO_SECRET: Record<string, string> = {
  'admin:credentialReport':
    'the credential report has user names, dates and flags, no password or key (AWS documents its columns); the cache is dropped on sign-out, which the lock does',
};

/**
 * The idle lock against every secret holder of the main process. The list of holders is checked
 * against the features of the contract (a feature that forgets to register fails here); then the
 * test puts a real secret into every one of them through the handlers and the sandbox, locks, and
 * checks that each is empty and that the secrets can no longer be used — no signed call reaches AWS.
 */
describe('idle lock: every main-side secret holder is registered and wiped', () => {
  let sandbox: Sandbox;
  let home: string;
  let ports: NodePorts;
  let deps: AppDeps;
  let handlers: HandlerTable;
  const call = dispatchCaller(() => handlers);

  // A fresh account and app per test: each test fills every holder itself.
  beforeEach(async () => {
    sandbox = await startSandbox();
    home = mkdtempSync(join(tmpdir(), 'lock-'));
    ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ deps, handlers } = composeApp({
      platform: ports,
      log: silentLogger,
      env: { ...sandbox.env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
      info: { version: 't', platform: 'linux' },
      maxAttempts: 1,
    }));
  });
  afterEach(async () => {
    deps.lifecycle.dispose();
    await sandbox.stop();
  });

  it('every feature of the contract has registered what it holds', () => {
    const keys = [...deps.lifecycle.holders().keys()];
    expect(contractFeatures.length).toBeGreaterThanOrEqual(7);
    for (const feature of contractFeatures.filter((f) => !(f in HOLDS_NO_SECRET))) expect(keys.filter((k) => k.startsWith(`${feature}/`)), feature).not.toEqual([]);
    for (const feature of Object.keys(HOLDS_NO_SECRET)) expect(contractFeatures, `${feature} is still a feature`).toContain(feature);
    // A holder under a name that is no feature would escape this check.
    for (const key of keys) expect(contractFeatures, key).toContain(key.slice(0, key.lastIndexOf('/')));
  });

  /** Puts a real secret into every holder through the handlers and the sandbox. */
  async function fillEveryHolder() {
    sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    // Resync: a user with a long-term key and a virtual MFA device.
    const drifted = sandbox.scenario.newUser({ userName: 'drifted', withAccessKey: true, withMfa: true, attachEnforcementPolicy: true });
    await call('resync:signInWithKeys', { accessKeyId: drifted.accessKeyId!, secretAccessKey: drifted.secretAccessKey! });
    // Onboarding: a new employee signed in with the bootstrap key and temporary password.
    const hire = sandbox.scenario.newUser({ userName: 'new.hire', withAccessKey: true, attachEnforcementPolicy: true });
    await call('onboarding:signIn', { method: 'manual', accountId: sandbox.accountId, userName: hire.userName, accessKeyId: hire.accessKeyId!, secretAccessKey: hire.secretAccessKey!, temporaryPassword: hire.password });
    // SSO: a portal token after device authorization.
    const started = await call('admin:ssoStart', { startUrl: 'https://example.awsapps.com/start', region: 'us-east-1' });
    sandbox.sso.approve(started.userCode);
    await call('admin:ssoWait', {});
    // The admin, signed in with keys: a user with an invite and a password on the clipboard …
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    const run = await call('admin:users:create', { userName: 'kim.min', groups: [], tags: [], attachPolicyTo: { kind: 'user' }, inviteValidDays: 7 });
    ports.dialogs.queueSave(join(home, 'kim.invite.age'));
    await call('admin:users:saveInvite', { runId: run.runId, ...dialog });
    await call('admin:users:copyPassword', { runId: run.runId });
    // … a re-issued invite whose password the status page still shows …
    sandbox.scenario.newUser({ userName: 'late.joiner', attachEnforcementPolicy: true });
    await call('admin:status:list', {});
    ports.dialogs.queueSave(join(home, 'late.invite.age'));
    await call('admin:status:resendInvite', { userName: 'late.joiner', deleteKeyIds: [], validDays: 7, ...dialog });
    // … and a bulk run, whose run key unseals every temporary password in its journal.
    const csv = join(home, 'users.csv');
    writeFileSync(csv, 'userName,email,groups,tags\nbulk.one,,,\nbulk.two,,,\n');
    ports.dialogs.queueOpen(csv);
    expect((await call('admin:bulk:import', dialog))?.ready).toBe(true);
    ports.dialogs.queueFolder(mkdtempSync(join(tmpdir(), 'lock-invites-')));
    const bulk = (await call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 2, attachTo: null }))!;
    // A role session in a member account of the organization, kept by the account switcher for going back and forth
    // (before the alerts plan: a plan belongs to the account it was made in, and switching drops it).
    const member = '210987654321';
    sandbox.scenario.createOrganization({ members: [{ accountId: member, name: 'Member' }] });
    await call('admin:accounts:switch', { accountId: member });
    await call('admin:accounts:back', {});

    // A password sheet saved earlier and opened in the app: its passwords are in main's memory.
    const sheet = join(home, 'passwords.csv.age');
    writeFileSync(sheet, await passwordSheet([['sheet.one', 'Sheet-Password-1234']], 'sheet passphrase'));
    ports.dialogs.queueOpen(sheet);
    const opened = (await call('admin:handoff:openSheet', { passphrase: 'sheet passphrase', ...dialog }))!;
    expect(opened.users).toEqual(['sheet.one']);
    // A planned root-sign-in alert holds the Slack webhook URL until it is applied.
    await call('admin:guard:alertsPlan', { slackWebhookUrl: 'https://hooks.slack.com/services/T1/B1/lockme', text: EN_TEXT });
    // A profile sign-in waiting for its MFA code holds the profile's source keys.
    const mfaAdmin = sandbox.scenario.newUser({ userName: 'mfa.admin', withAccessKey: true, withMfa: true, policies: [{ name: 'All', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] });
    writeFileSync(join(home, 'credentials'), `[base]\naws_access_key_id = ${mfaAdmin.accessKeyId}\naws_secret_access_key = ${mfaAdmin.secretAccessKey}\n`);
    writeFileSync(join(home, 'config'), `[profile base]\nregion = us-east-1\n\n[profile role-mfa]\nrole_arn = arn:aws:iam::${sandbox.accountId}:role/OrganizationAccountAccessRole\nsource_profile = base\nmfa_serial = ${mfaAdmin.mfa!.serialNumber}\n`);
    expect(await call('admin:signInWithProfile', { profile: 'role-mfa' })).toMatchObject({ status: 'mfaCodeNeeded' });

    return { drifted, run, bulk, opened, member, mfaAdmin };
  }

  it('a lock empties every holder, and nothing held before it still works after it', async () => {
    const { drifted, run, bulk, opened, member, mfaAdmin } = await fillEveryHolder();
    const holding = () => [...deps.lifecycle.holders()].filter(([, h]) => h.holdsSecrets()).map(([k]) => k).sort();
    // Every registered holder really holds a secret now (else this test would prove nothing about it).
    expect(holding()).toEqual([...deps.lifecycle.holders().keys()].sort());
    expect(ports.clipboard.read()).not.toBe('');

    await deps.lifecycle.lock('idle');
    expect(holding()).toEqual([]);
    expect(ports.clipboard.read()).toBe('');

    // Nothing held before the lock can be used after it, and no signed call goes out.
    const before = sandbox.requestLog.length;
    const code = () => sandbox.scenario.mfaCode(drifted.mfa!.serialNumber);
    await expect(call('resync:resync', { serialNumber: drifted.mfa!.serialNumber, code1: code(), code2: sandbox.scenario.mfaCode(drifted.mfa!.serialNumber, 1) })).rejects.toMatchObject({ code: 'resync.notSignedIn' });
    await expect(call('onboarding:passwordPolicy', {})).rejects.toMatchObject({ code: 'onboarding.notSignedIn' });
    await expect(call('admin:ssoListRoles', { accountId: sandbox.accountId })).rejects.toMatchObject({ code: 'admin.ssoNotStarted' });
    await expect(call('admin:submitMfaCode', { code: sandbox.scenario.mfaCode(mfaAdmin.mfa!.serialNumber) })).rejects.toMatchObject({ code: 'admin.noPendingMfa' });
    expect(await call('admin:identity', {})).toBeNull();
    await expect(call('admin:users:copyPassword', { runId: run.runId })).rejects.toBeTruthy();
    await expect(call('admin:status:copyPassword', { userName: 'late.joiner' })).rejects.toBeTruthy();
    await expect(call('admin:handoff:copyPassword', { source: bulk.runId, userName: 'bulk.one' })).rejects.toBeTruthy();
    await expect(call('admin:handoff:reveal', { source: opened.sheetId, userName: 'sheet.one' })).rejects.toBeTruthy();
    await expect(call('admin:guard:alertsApply', { planId: 'f'.repeat(32) })).rejects.toBeTruthy();
    await expect(call('admin:accounts:switch', { accountId: member })).rejects.toMatchObject({ code: 'admin.notSignedIn' });
    await expect(call('admin:accounts:readiness', {})).rejects.toMatchObject({ code: 'admin.notSignedIn' });
    expect(sandbox.requestLog.slice(before)).toEqual([]);
    expect(ports.clipboard.read()).toBe('');
  });

  it('each holder\u2019s own wipe empties it: none relies on another holder wiping for it', async () => {
    await fillEveryHolder();
    // Holders whose wipe also empties others go after them: the bulk run detaches the hand-off's
    // view of it; signing the admin out runs every sign-out hook.
    const last = ['admin:bulk/runner', 'admin/session'];
    const keys = [...deps.lifecycle.holders().keys()].sort((a, b) => last.indexOf(a) - last.indexOf(b));
    expect(keys.slice(-2)).toEqual(last);
    for (const key of keys) {
      const holder = deps.lifecycle.holders().get(key)!;
      // Still holding: no wipe before this one emptied it.
      expect([key, holder.holdsSecrets()]).toEqual([key, true]);
      await holder.wipe();
      expect([key, holder.holdsSecrets()]).toEqual([key, false]);
    }
    // A portal sign-in started and not yet approved holds its device authorization; the holder's
    // wipe drops it. (Started last: starting one cancels a profile sign-in waiting for its code.)
    const sso = deps.lifecycle.holders().get('admin/sso')!;
    await call('admin:ssoStart', { startUrl: 'https://example.awsapps.com/start', region: 'us-east-1' });
    expect(sso.holdsSecrets()).toBe(true);
    await sso.wipe();
    expect(sso.holdsSecrets()).toBe(false);
  });
});
