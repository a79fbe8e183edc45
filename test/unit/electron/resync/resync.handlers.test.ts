import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../electron/app/compose';
import { dispatch } from '../../../../electron/ipc/dispatch';
import { createLogger } from '../../../../electron/logging/logger';
import { createNodePorts } from '../../../../electron/platform/node-ports';
import { startSandbox, totpAtStep, type Sandbox } from '../../../sandbox/index';

const lines: string[] = [];
const log = createLogger((l) => lines.push(l));
const ctx = { emit: () => {} };
// A frozen sandbox clock, 10 s into a window, so every code below is deterministic.
const NOW = Math.floor(Date.now() / 30_000) * 30_000 + 10_000;
const STEP = Math.floor(NOW / 30_000);
/** The phone runs 5 minutes (10 windows) fast: GetSessionToken (±2 windows) rejects it, ResyncMFADevice (±20) finds it. */
const DRIFT = 10;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: () => NOW });
});
afterAll(async () => sandbox.stop());

function app() {
  const ports = createNodePorts();
  const { handlers } = composeApp({ platform: ports, log, env: sandbox.env, info: { version: 't', platform: 'test' }, maxAttempts: 1 });
  return (channel: string, payload: unknown) => dispatch(handlers, channel, payload, ctx, log);
}

function driftedUser(userName: string) {
  const u = sandbox.scenario.newUser({ userName, withMfa: true, attachEnforcementPolicy: true });
  const mfa = u.mfa as { serialNumber: string; base32Seed: string };
  const phone = (offset: number) => totpAtStep(mfa.base32Seed, STEP + DRIFT + offset);
  return { keys: { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string }, mfa, phone };
}

describe('resync handlers against the sandbox', () => {
  it('signs in, resyncs a drifted device, proves it with a fresh code, then forgets everything', async () => {
    const call = app();
    const { keys, mfa, phone } = driftedUser('drift-ok');
    const who = await call('resync:signInWithKeys', keys);
    expect(who).toEqual({
      ok: true,
      value: {
        userName: 'drift-ok',
        arn: `arn:aws:iam::${sandbox.accountId}:user/drift-ok`,
        accountId: sandbox.accountId,
        devices: [{ serialNumber: mfa.serialNumber, kind: 'virtual', enableDate: expect.any(String) }],
      },
    });
    // Before the resync, the drifted code is refused.
    expect(await call('resync:verify', { code: phone(0) })).toMatchObject({ ok: false, error: { code: 'resync.notResynced' } });
    const r = await call('resync:resync', { serialNumber: mfa.serialNumber, code1: ` ${phone(-2)}`, code2: `${phone(-1)} ` });
    expect(r).toEqual({ ok: true, value: { resynced: true } });
    expect(await call('resync:verify', { code: phone(-1) })).toMatchObject({ ok: false, error: { code: 'resync.codeAlreadyUsed' } });
    expect(await call('resync:verify', { code: phone(0) })).toEqual({ ok: true, value: { verified: true, userName: 'drift-ok' } });
    // The flow ended: the credentials are gone.
    expect(await call('resync:resync', { serialNumber: mfa.serialNumber, code1: phone(1), code2: phone(2) })).toMatchObject({
      ok: false,
      error: { code: 'resync.notSignedIn' },
    });
    const calls = sandbox.requestLog.filter((e) => e.caller === 'drift-ok').map((e) => `${e.action}:${e.status}`);
    expect(calls).toEqual(['GetCallerIdentity:200', 'ListMFADevices:200', 'ResyncMFADevice:200', 'GetSessionToken:200']);
    expect(lines.join('\n')).not.toContain(keys.secretAccessKey);
  });

  it('refuses the same code twice and non-numeric codes before AWS sees them, and explains wrong codes', async () => {
    const call = app();
    const { keys, mfa, phone } = driftedUser('drift-bad');
    await call('resync:signInWithKeys', keys);
    const serialNumber = mfa.serialNumber;
    const before = sandbox.requestLog.length;
    expect(await call('resync:resync', { serialNumber, code1: phone(0), code2: phone(0) })).toMatchObject({
      ok: false,
      error: { code: 'resync.sameCodeTwice' },
    });
    for (const bad of ['12345a', '12345', '1234567', '١٢٣٤٥٦', '12 345']) {
      expect(await call('resync:resync', { serialNumber, code1: bad, code2: phone(0) })).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalidInput', params: { fields: 'code1' } },
      });
    }
    expect(await call('resync:resync', { serialNumber: 'arn:aws:iam::1:mfa/other', code1: phone(-1), code2: phone(0) })).toMatchObject({
      ok: false,
      error: { code: 'resync.unknownDevice' },
    });
    expect(sandbox.requestLog.length).toBe(before);
    // Codes out of order are what AWS calls invalid.
    expect(await call('resync:resync', { serialNumber, code1: phone(0), code2: phone(-1) })).toMatchObject({
      ok: false,
      error: { code: 'resync.invalidCodes' },
    });
    expect(sandbox.requestLog.at(-1)).toMatchObject({ action: 'ResyncMFADevice', errorCode: 'InvalidAuthenticationCode' });
  });

  it('a wrong proof code after the resync: AWS refuses it and the screen says so; the right one still proves the device', async () => {
    const call = app();
    const { keys, mfa, phone } = driftedUser('drift-proof');
    await call('resync:signInWithKeys', keys);
    expect(await call('resync:resync', { serialNumber: mfa.serialNumber, code1: phone(-2), code2: phone(-1) })).toEqual({ ok: true, value: { resynced: true } });
    // Six digits the phone showed five windows ago: well-formed, not one just typed, and only AWS can say it is wrong.
    expect(await call('resync:verify', { code: phone(-5) })).toMatchObject({ ok: false, error: { code: 'resync.proofRejected' } });
    expect(sandbox.requestLog.filter((e) => e.caller === 'drift-proof' && e.action === 'GetSessionToken').map((e) => e.status)).toEqual([403]);
    expect(await call('resync:verify', { code: phone(0) })).toEqual({ ok: true, value: { verified: true, userName: 'drift-proof' } });
  });

  it('says so when the user has no MFA device, when keys are temporary, and when a profile is not usable', async () => {
    const call = app();
    const u = sandbox.scenario.newUser({ userName: 'no-device', attachEnforcementPolicy: true });
    expect(await call('resync:signInWithKeys', { accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey })).toEqual({
      ok: false,
      error: { code: 'resync.noMfaDevice', params: { userName: 'no-device' } },
    });
    expect(await call('resync:signInWithKeys', { accessKeyId: 'ASIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) })).toMatchObject({
      ok: false,
      error: { code: 'resync.temporaryKeys' },
    });
    expect(await call('resync:signInWithKeys', { accessKeyId: u.accessKeyId, secretAccessKey: 'y'.repeat(40) })).toMatchObject({
      ok: false,
      error: { code: 'aws.SignatureDoesNotMatch' },
    });
    expect(await call('resync:signInWithProfile', { profile: 'nope' })).toMatchObject({ ok: false, error: { code: 'resync.profileNotUsable' } });
  });

  it('maps a policy that does not allow the resync to a clear message, and reset drops the session', async () => {
    const call = app();
    const u = sandbox.scenario.newUser({
      userName: 'no-resync',
      withMfa: true,
      policies: [{ name: 'read-own', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListMFADevices'], Resource: '*' }] } }],
    });
    const seed = u.mfa?.base32Seed as string;
    await call('resync:signInWithKeys', { accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey });
    const codes = { serialNumber: u.mfa?.serialNumber, code1: totpAtStep(seed, STEP - 1), code2: totpAtStep(seed, STEP) };
    expect(await call('resync:resync', codes)).toMatchObject({ ok: false, error: { code: 'resync.resyncDenied' } });
    expect(await call('resync:reset', {})).toEqual({ ok: true, value: { reset: true } });
    expect(await call('resync:resync', codes)).toMatchObject({ ok: false, error: { code: 'resync.notSignedIn' } });

    const blind = sandbox.scenario.newUser({ userName: 'blind', withMfa: true });
    expect(await call('resync:signInWithKeys', { accessKeyId: blind.accessKeyId, secretAccessKey: blind.secretAccessKey })).toMatchObject({
      ok: false,
      error: { code: 'resync.cannotReadOwnUser' },
    });
  });
});
