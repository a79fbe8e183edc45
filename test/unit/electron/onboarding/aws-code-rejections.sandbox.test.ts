import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import { encryptInvite } from '../../../../electron/invites/invite-codec';
import { dispatch } from '../../../../electron/ipc/dispatch';
import { silentLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import type { AppErrorShape } from '../../../../src/shared/errors/app-error';
import { invitePayloadFor } from '../../../e2e/support/onboarding-invite';
import { startSandbox, stepAt, type NewUserResult, type Sandbox } from '../../../sandbox/index';
import { oathtool, stsClient } from '../../../sandbox/test-helpers';

/**
 * One test per AWS rejection of MFA codes that the wizard explains. In each, the codes pass the
 * app's own check (right seed, consecutive, in the window) and only AWS can refuse them, so a
 * sandbox that accepted any code would fail every test here. Codes come from oathtool, as a
 * phone would show them.
 */
const NEW_PASSWORD = 'Blue-Harbor-Lantern-42';
let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
afterEach(async () => sandbox.stop());

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; error: AppErrorShape };

/** One window of the app: its own composition root, as a second start of the app would have. */
function appWindow() {
  const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sandbox.env;
  const { handlers } = composeApp({ platform: createNodePorts(), log: silentLogger, env, info: { version: 'test', platform: 'test' }, maxAttempts: 1 });
  const call = async (channel: string, payload: unknown = {}) => (await dispatch(handlers, channel, payload, { emit: () => {} }, silentLogger)) as Answer;
  const ok = async (channel: string, payload: unknown = {}) => {
    const r = await call(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const signIn = async (user: NewUserResult) => {
    const invite = await encryptInvite(invitePayloadFor(sandbox, user), user.password);
    return ok('onboarding:signIn', { method: 'invite', inviteBase64: Buffer.from(invite).toString('base64'), temporaryPassword: user.password });
  };
  return { call, ok, signIn };
}

const seedOf = (userName: string) => {
  const d = sandbox.state.listVirtualMfaDevices().find((x) => x.serialNumber.endsWith(`/${userName}`))!;
  return sandbox.state.getVirtualMfaSeed(d.serialNumber)!;
};
/** The codes a phone shows at these windows from now (one reading of the clock, so a pair stays consecutive). */
const phone = (seed: string, ...offsets: number[]) => {
  const now = stepAt(Date.now());
  return offsets.map((o) => oathtool(seed, (now + o) * 30_000 + 1_000));
};
const pair = (seed: string, a: number, b: number) => {
  const [code1, code2] = phone(seed, a, b);
  return { code1, code2 };
};
const rejected = (action: string) => sandbox.requestLog.filter((e) => e.action === action && e.status >= 400);

describe('AWS refuses codes the app accepted, and the wizard says why', () => {
  it('EnableMFADevice refuses codes of a device replaced meanwhile (the wizard started twice): "codes rejected", no device assigned', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const first = appWindow();
    await first.signIn(user);
    await first.ok('onboarding:changePassword', { newPassword: NEW_PASSWORD });
    await first.ok('onboarding:startMfa');
    const firstSeed = seedOf('jdoe');
    // A second window signs in and starts MFA: the unassigned device is deleted and made anew.
    const second = appWindow();
    expect(await second.signIn({ ...user, password: NEW_PASSWORD })).toMatchObject({ step: 'mfa' });
    expect(await second.ok('onboarding:startMfa')).toMatchObject({ replacedAbandonedDevice: true });
    const secondSeed = seedOf('jdoe');
    expect(secondSeed).not.toBe(firstSeed);

    const r = await first.call('onboarding:enableMfa', pair(firstSeed, -1, 0));
    expect(r).toEqual({ ok: false, error: { code: 'onboarding.codesRejected' } });
    expect(rejected('EnableMFADevice')).toEqual([expect.objectContaining({ errorCode: 'InvalidAuthenticationCode' })]);
    expect(sandbox.state.listMfaDevices('jdoe')).toEqual([]);
    // The window that holds the device's seed can still finish.
    expect(await second.ok('onboarding:enableMfa', pair(secondSeed, -1, 0))).toEqual({ enabled: true });
    expect(sandbox.state.listMfaDevices('jdoe')).toHaveLength(1);
  });

  it('GetSessionToken refuses a code already used elsewhere (AWS takes each code once): "already used, wait N seconds", no session', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = appWindow();
    await app.signIn(user);
    await app.ok('onboarding:changePassword', { newPassword: NEW_PASSWORD });
    await app.ok('onboarding:startMfa');
    const seed = seedOf('jdoe');
    await app.ok('onboarding:enableMfa', pair(seed, -2, -1));
    const serialNumber = sandbox.state.listMfaDevices('jdoe')[0]!.serialNumber;
    // The current code is spent by another tool of the same user (the AWS CLI, say).
    const [code] = phone(seed, 0);
    await stsClient(sandbox, { accessKeyId: user.accessKeyId!, secretAccessKey: user.secretAccessKey! }).send(new GetSessionTokenCommand({ SerialNumber: serialNumber, TokenCode: code }));
    const sessionsBefore = sandbox.state.listSessions().length;

    const r = await app.call('onboarding:proveMfa', { code });
    expect(r).toMatchObject({ ok: false, error: { code: 'onboarding.codeAlreadyUsed', params: { seconds: expect.any(Number) } } });
    expect(sandbox.requestLog.filter((e) => e.action === 'GetSessionToken').at(-1)).toMatchObject({ status: 403 });
    expect(sandbox.state.listSessions()).toHaveLength(sessionsBefore);
    // Nothing was kept: finishing still needs a proven session.
    expect(await app.call('onboarding:finish', { keepCliAccess: false })).toMatchObject({ ok: false });
    expect(sandbox.state.listAccessKeys('jdoe')).toHaveLength(1);
  });

  it('GetSessionToken refuses a wrong code when the app has no seed (MFA enabled in an earlier run): "code rejected", no session', async () => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
    const seed = user.mfa!.base32Seed;
    const app = appWindow();
    expect(await app.signIn(user)).toMatchObject({ step: 'prove', resumed: { mfaAlreadyEnabled: true } });
    // Six digits from ten windows ago: well-formed, and only AWS can tell it is wrong.
    const r = await app.call('onboarding:proveMfa', { code: phone(seed, -10)[0] });
    expect(r).toMatchObject({ ok: false, error: { code: 'onboarding.proveRejected' } });
    expect(rejected('GetSessionToken')).toHaveLength(1);
    expect(sandbox.state.listSessions()).toEqual([]);
    expect(await app.ok('onboarding:proveMfa', { code: phone(seed, 0)[0] })).toMatchObject({ proven: true });
    expect(sandbox.state.listSessions()).toEqual([expect.objectContaining({ mfaAuthenticated: true })]);
  });
});
