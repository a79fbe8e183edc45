import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { appOn, runWizard } from '../sandbox/app-scenarios';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { stepAt, totpAtStep } from '../sandbox/totp';
import type { OnboardedUserResult } from '../sandbox/types';
import { awsCli, awsCliOnTerminal, cliEnv, cliErrorCode, hasAwsCli } from '../support/aws-cli';

/**
 * The other half of the leaked-credentials suite: everything a legitimate user and admin do still
 * completes — onboarding, resend, lost-device reset, resync, the command-line profile with the
 * real AWS CLI — with the sandbox's eventual consistency on (a new key, password or device works
 * only 1.5 s after it was made), and nothing is ever made twice.
 */
const DELAY_MS = 1500;
const dialog = { dialogTitle: 't', filterName: 'f' };

let sb: Sandbox;
let kim: OnboardedUserResult;
beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true });
  sb.setConsistencyDelayMs(DELAY_MS);
});
afterAll(() => sb.stop());

const calls = (user: string, action: string) => sb.requestLog.filter((e) => e.caller === user && e.action === action);

/** The admin's app, signed in (a second "desktop"). */
async function adminApp() {
  const home = mkdtempSync(join(tmpdir(), 'legit-admin-'));
  const app = appOn(sb, home);
  await app.call('admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
  return { ...app, home };
}

function expectOnboarded(userName: string, newPassword: string, keys: string[]) {
  expect(sb.state.listMfaDevices(userName).map((d) => d.serialNumber)).toEqual([`arn:aws:iam::${sb.accountId}:mfa/${userName}`]);
  expect(sb.state.listVirtualMfaDevices().filter((d) => d.serialNumber.endsWith(`/${userName}`))).toHaveLength(1);
  expect(sb.state.getLoginProfile(userName)?.passwordResetRequired).toBe(false);
  expect(sb.state.checkPassword(userName, newPassword)).toBe(true);
  expect(sb.state.getUser(userName)?.tags).not.toHaveProperty('iam-onboarding-window');
  expect(sb.state.listAccessKeys(userName).map((k) => k.accessKeyId)).toEqual(keys);
}

describe('legitimate flows under eventual consistency', () => {
  it('onboarding right after provisioning, with command-line access: every step completes once, the window closes', async () => {
    // Slower than provisioning plus the invite's encryption: the wizard meets the fresh key unknown.
    sb.setConsistencyDelayMs(4000);
    const from = sb.requestLog.length;
    try {
      kim = await sb.scenario.onboardedUser({ userName: 'kim', keepCliAccess: true });
    } finally {
      sb.setConsistencyDelayMs(DELAY_MS);
    }
    expectOnboarded('kim', kim.newPassword, [kim.kept!.accessKeyId]);
    // The key and the device were really not usable at first: the wizard waited them out.
    const log = sb.requestLog.slice(from);
    expect(log.filter((e) => e.action === 'GetCallerIdentity' && e.errorCode === 'InvalidClientTokenId').length).toBeGreaterThan(0);
    expect(log.filter((e) => e.action === 'GetSessionToken' && e.caller === 'kim' && e.errorCode === 'AccessDenied').length).toBeGreaterThan(0);
    expect(calls('kim', 'CreateVirtualMFADevice').filter((e) => e.status === 200)).toHaveLength(1);
    expect(calls('kim', 'EnableMFADevice').filter((e) => e.status === 200)).toHaveLength(1);
    expect(calls('kim', 'CreateAccessKey').filter((e) => e.status === 200)).toHaveLength(1);
    expect(readFileSync(kim.awsConfigFile, 'utf8')).toMatch(/^\[profile kim-123456789012\]\nregion = us-east-1\ncredential_process = .*"--profile" "kim-123456789012"\n$/);
  });

  it.skipIf(!hasAwsCli)('the command-line profile with the unmodified AWS CLI: one code, then the cached session; the key alone is denied', async () => {
    const env = cliEnv(kim.home);
    let code = 1;
    const first = await awsCliOnTerminal(sb.url, ['--profile', kim.profile!, 'iam', 'get-user'], env, () => sb.scenario.mfaCode(kim.serialNumber, code++));
    expect(first.exitCode, first.screen).toBe(0);
    expect(first.prompts).toBe(1);
    expect((first.json as { User: { UserName: string } }).User.UserName).toBe('kim');
    const again = await awsCliOnTerminal(sb.url, ['--profile', kim.profile!, 'sts', 'get-caller-identity'], env, () => null);
    expect(again.exitCode, again.screen).toBe(0);
    expect(again.prompts).toBe(0);
    expect(again.json).toMatchObject({ Arn: `arn:aws:iam::${sb.accountId}:user/kim` });
    // The long-term key alone (as if copied out of the app's store) gets nothing.
    const alone = await awsCli(sb.url, ['iam', 'get-user', '--user-name', 'kim'], cliEnv(kim.home, { AWS_ACCESS_KEY_ID: kim.kept!.accessKeyId, AWS_SECRET_ACCESS_KEY: kim.kept!.secretAccessKey }));
    expect(cliErrorCode(alone)).toBe('AccessDenied');
    // No secret in the AWS files.
    expect(readFileSync(kim.awsConfigFile, 'utf8')).not.toContain(kim.kept!.secretAccessKey);
  });

  it('resend of an invite never used: new key, password and window; the wizard completes with it; the old key is gone', async () => {
    const first = await sb.scenario.invitedUser({ userName: 'park' });
    const admin = await adminApp();
    await admin.call('admin:status:list', {});
    // As the panel does: the user opened is read live (the listing's report rows carry no key ids).
    const row = await admin.call('admin:status:detail', { userName: 'park' });
    const inviteFile = join(admin.home, 'park-2.invite.age');
    admin.ports.dialogs.queueSave(inviteFile);
    const resent = await admin.call('admin:status:resendInvite', { userName: 'park', deleteKeyIds: row.accessKeys!.flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : [])), validDays: 7, ...dialog });
    expect(resent.deletedKeyIds).toEqual([first.accessKeyId]);
    const w = await runWizard(sb, { userName: 'park', inviteFile, password: resent.temporaryPassword!, keepCliAccess: false });
    expectOnboarded('park', w.newPassword, []);
    const invite = await decryptInvite(new Uint8Array(readFileSync(inviteFile)), resent.temporaryPassword!, Date.now());
    expect(invite.accessKeyId).toBe(resent.newAccessKeyId);
  });

  it('lost-device reset: the old device goes, the wizard registers a new one under the same name', async () => {
    const lee = await sb.scenario.onboardedUser({ userName: 'lee' });
    const admin = await adminApp();
    await admin.call('admin:status:list', {});
    const inviteFile = join(admin.home, 'lee-2.invite.age');
    admin.ports.dialogs.queueSave(inviteFile);
    const reset = await admin.call('admin:status:resetMfa', { userName: 'lee', serialNumbers: [lee.serialNumber], deleteKeyIds: [], validDays: 7, ...dialog });
    expect(reset.removedMfaDevices).toEqual([lee.serialNumber]);
    expect(sb.state.getUser('lee')?.tags['iam-onboarding-window']).toBe(reset.expiresAt?.replace('.000Z', 'Z'));
    const w = await runWizard(sb, { userName: 'lee', inviteFile, password: reset.temporaryPassword!, keepCliAccess: false });
    expectOnboarded('lee', w.newPassword, []);
    expect(w.base32Seed).not.toBe(lee.base32Seed);
  });

  it('resync of a drifted phone with the kept key: two codes, then a fresh one proves it', async () => {
    const { call } = appOn(sb, mkdtempSync(join(tmpdir(), 'legit-resync-')));
    // The phone runs 6 steps (3 minutes) ahead: outside the normal window, inside resync's.
    const phone = (offset: number) => totpAtStep(kim.base32Seed, stepAt(Date.now()) + 6 + offset);
    await call('resync:signInWithKeys', kim.kept!);
    expect(await call('resync:resync', { serialNumber: kim.serialNumber, code1: phone(0), code2: phone(1) })).toEqual({ resynced: true });
    expect(await call('resync:verify', { code: phone(2) })).toEqual({ verified: true, userName: 'kim' });
  });
});
