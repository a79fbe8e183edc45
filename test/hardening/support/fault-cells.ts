/**
 * One cell of the fault matrix: a fresh sandbox account, the REAL handler table (composeApp +
 * dispatch, as main.ts wires it), one fault on one AWS action, a whole flow. A step that stops
 * must stop with a typed, retryable error that has a message in every language; the fault is then
 * cleared and the same call made again (what the UI's retry button does), and the flow must finish.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../../../electron/app/compose';
import { encryptInvite } from '../../../electron/invites/invite-codec';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { HandlerTable } from '../../../electron/ipc/handler-types';
import { silentLogger } from '../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../electron/platform/node-ports';
import type { AppErrorShape } from '../../../src/shared/errors/app-error';
import type { Envelope } from '../../../src/shared/ipc/envelope';
import type { ProvisionRun } from '../../../src/shared/ipc/channels/admin-users';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../src/shared/mfa-policy/enforcement-policy';
import { buildInviteExpiryPolicy, INVITE_EXPIRY_POLICY_NAME } from '../../../src/shared/mfa-policy/onboarding-window';
import { invitePayloadFor } from '../../e2e/support/onboarding-invite';
import { startSandbox, stepAt, totpAtStep, type FaultSpec, type Sandbox } from '../../sandbox/index';
import { languagesWithoutMessage } from './messages';

/** Total SDK attempts per call: low, so a fault that outlasts them surfaces as an error. */
export const MAX_ATTEMPTS = 2;
export const NEW_PASSWORD = 'Correct-Horse-Battery-9';

export interface CellResult {
  outcome: string;
  failed: boolean;
}

class CellFailure extends Error {}
function fail(why: string): never {
  throw new CellFailure(why);
}

/** What a stop must look like: typed, retryable, with a message in ko and en. */
async function checkStop(error: AppErrorShape): Promise<void> {
  if (error.code === 'internal' || error.code.startsWith('ipc.')) fail(`untyped error ${error.code}`);
  if (error.retryable !== true) fail(`${error.code} not retryable`);
  const missing = await languagesWithoutMessage(error.code);
  if (missing.length > 0) fail(`${error.code} has no message in ${missing.join(', ')}`);
}

async function call(handlers: HandlerTable, channel: string, input: unknown): Promise<Envelope<Record<string, unknown>>> {
  return (await dispatch(handlers, channel, input, { emit: () => {} }, silentLogger)) as Envelope<Record<string, unknown>>;
}

function expectWorld(ok: boolean, what: string): void {
  if (!ok) fail(`world: ${what}`);
}

async function withSandbox(fn: (sb: Sandbox) => Promise<string>): Promise<CellResult> {
  const sb = await startSandbox({ accountAlias: 'acme-prod' });
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, AllowUsersToChangePassword: true });
  try {
    return { outcome: await fn(sb), failed: false };
  } catch (e) {
    return { outcome: `FAILED: ${e instanceof CellFailure ? e.message : String(e)}`, failed: true };
  } finally {
    sb.faults.clear();
    await sb.stop();
  }
}

function app(env: Record<string, string>, maxAttempts: number): { handlers: HandlerTable; ports: NodePorts } {
  const home = mkdtempSync(join(tmpdir(), 'fault-matrix-'));
  const ports = createNodePorts({ home, userData: join(home, 'userData') });
  const { handlers } = composeApp({
    platform: ports,
    log: silentLogger,
    env: { ...env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
    info: { version: 'fault-matrix', platform: process.platform },
    maxAttempts,
    idleLockMs: 0,
  });
  return { handlers, ports };
}

/**
 * Runs the steps in order. The first failing step: check the stop, clear the fault, call again
 * (`retryInput` lets a step type a fresh value, as a person would for a spent TOTP code).
 */
async function runSteps(
  sb: Sandbox,
  action: string,
  handlers: HandlerTable,
  steps: Array<{ channel: string; input: () => unknown; onSpent?: { code: string; next: () => unknown } }>,
): Promise<string> {
  let outcome = 'completed';
  for (const step of steps) {
    let out = await call(handlers, step.channel, step.input());
    if (out.ok) continue;
    if (outcome !== 'completed') fail(`second stop at ${step.channel}: ${out.error.code}`);
    if (step.onSpent && out.error.code === step.onSpent.code) {
      // The SDK's own retry re-sent a code whose first answer was lost: AWS had already used it.
      // Not retryable with the same code; the message asks for the next one, as a person would type.
      if ((await languagesWithoutMessage(out.error.code)).length > 0) fail(`${out.error.code} has no message`);
      sb.faults.clear(action);
      const next = await call(handlers, step.channel, step.onSpent.next());
      if (!next.ok) fail(`next code after ${out.error.code}: ${next.error.code}`);
      outcome = `stopped: ${out.error.code} → next code completed`;
      continue;
    }
    await checkStop(out.error);
    const stoppedWith = out.error.code;
    outcome = `stopped: ${stoppedWith} → retry completed`;
    sb.faults.clear(action);
    out = await call(handlers, step.channel, step.input());
    if (!out.ok && step.onSpent && out.error.code === step.onSpent.code) {
      // The lost answer spent the code at AWS: the screen says so, the person types the next one.
      outcome = `stopped: ${stoppedWith} → retry: ${out.error.code} → next code completed`;
      out = await call(handlers, step.channel, step.onSpent.next());
    }
    if (!out.ok) fail(`retry of ${step.channel} failed: ${out.error.code}`);
  }
  return outcome;
}

/** The new employee's wizard, invite to clean-up (bootstrap key deleted). */
export function onboardingCell(action: string, fault: FaultSpec, maxAttempts = MAX_ATTEMPTS): Promise<CellResult> {
  return withSandbox(async (sb) => {
    const user = sb.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const invite = Buffer.from(await encryptInvite(invitePayloadFor(sb, user), user.password)).toString('base64');
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sb.env;
    const { handlers } = app(env, maxAttempts);
    const seed = () => {
      const devices = sb.state.listVirtualMfaDevices().filter((d) => d.serialNumber.endsWith(':mfa/jdoe'));
      if (devices.length !== 1) fail(`expected one virtual device, found ${devices.length}`);
      return sb.state.getVirtualMfaSeed(devices[0]!.serialNumber)!;
    };
    // Codes relative to the step when first asked: enable with (s-1, s), prove with s+1, the
    // "next code" s+2. Every one stays inside AWS's ±2 window even if a 30 s boundary passes.
    let base = 0;
    const steps = [
      { channel: 'onboarding:signIn', input: () => ({ method: 'invite', inviteBase64: invite, temporaryPassword: user.password }) },
      { channel: 'onboarding:passwordPolicy', input: () => ({}) },
      { channel: 'onboarding:changePassword', input: () => ({ newPassword: NEW_PASSWORD }) },
      { channel: 'onboarding:startMfa', input: () => ({}) },
      {
        channel: 'onboarding:enableMfa',
        input: () => {
          base ||= stepAt(Date.now());
          return { code1: totpAtStep(seed(), base - 1), code2: totpAtStep(seed(), base) };
        },
      },
      {
        channel: 'onboarding:proveMfa',
        input: () => ({ code: totpAtStep(seed(), base + 1) }),
        onSpent: { code: 'onboarding.codeAlreadyUsed', next: () => ({ code: totpAtStep(seed(), base + 2) }) },
      },
      { channel: 'onboarding:finish', input: () => ({ keepCliAccess: false }) },
    ];
    sb.faults.set(action, fault);
    const outcome = await runSteps(sb, action, handlers, steps);

    const s = sb.state;
    expectWorld(s.listUsers().length === 2, `users ${s.listUsers().map((u) => u.userName).join(',')}`);
    expectWorld(s.listMfaDevices('jdoe').length === 1, `${s.listMfaDevices('jdoe').length} MFA devices`);
    expectWorld(s.listVirtualMfaDevices().length === 1, `${s.listVirtualMfaDevices().length} virtual devices in the account`);
    expectWorld(s.listAccessKeys('jdoe').length === 0, `${s.listAccessKeys('jdoe').length} access keys left`);
    expectWorld(s.getLoginProfile('jdoe')?.passwordResetRequired === false, 'password reset still required');
    expectWorld(s.checkPassword('jdoe', NEW_PASSWORD), 'new password not set');
    // After the flow, main holds nothing for the wizard.
    const after = await call(handlers, 'onboarding:showMfaKey', {});
    expectWorld(!after.ok && after.error.code === 'onboarding.notSignedIn', 'wizard session not wiped');
    return outcome;
  });
}

const CREATE = {
  userName: 'new.hire',
  groups: ['developers'],
  tags: [{ key: 'team', value: 'platform' }],
  attachPolicyTo: { kind: 'user' },
  inviteValidDays: 7,
};

/** The administrator's "create a user": name check, user, login profile, policy, group, bootstrap key. */
export function adminCell(action: string, fault: FaultSpec, maxAttempts = MAX_ATTEMPTS): Promise<CellResult> {
  return withSandbox(async (sb) => {
    sb.scenario.createGroup('developers');
    sb.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    const { handlers, ports } = app(sb.env, maxAttempts);
    const signedIn = await call(handlers, 'admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
    if (!signedIn.ok) fail(`admin sign-in: ${signedIn.error.code}`);
    sb.faults.set(action, fault);

    let outcome = 'completed';
    let out = await call(handlers, 'admin:users:create', CREATE);
    if (!out.ok) {
      // Stopped before a run began (the name check): the screen offers "create" again.
      await checkStop(out.error);
      outcome = `stopped: ${out.error.code} → retry completed`;
      sb.faults.clear(action);
      out = await call(handlers, 'admin:users:create', CREATE);
      if (!out.ok) fail(`create again: ${out.error.code}`);
    }
    let run = out.value as unknown as ProvisionRun;
    if (run.phase === 'failed') {
      if (!run.error) fail('failed run without an error');
      await checkStop(run.error);
      outcome = `stopped: ${run.error.code} → retry completed`;
      sb.faults.clear(action);
      const again = await call(handlers, 'admin:users:retry', { runId: run.runId });
      if (!again.ok) fail(`retry: ${again.error.code}`);
      run = again.value as unknown as ProvisionRun;
    }
    if (run.phase !== 'done') fail(`run ended ${run.phase} (${run.error?.code ?? ''})`);

    const s = sb.state;
    expectWorld(s.listUsers().filter((u) => u.userName === 'new.hire').length === 1 && s.listUsers().length === 2, 'not exactly one new user');
    const keys = s.listAccessKeys('new.hire');
    expectWorld(keys.length === 1 && keys[0]!.accessKeyId === run.accessKeyId, `${keys.length} access keys (run holds ${run.accessKeyId})`);
    expectWorld(s.getLoginProfile('new.hire')?.passwordResetRequired === true, 'no login profile with reset required');
    const copied = await call(handlers, 'admin:users:copyPassword', { runId: run.runId });
    expectWorld(copied.ok && s.checkPassword('new.hire', ports.clipboard.read()), 'the password held is not the one IAM has');
    expectWorld(s.listAttachedUserPolicies('new.hire').length === 1, 'enforcement policy not attached once');
    expectWorld(s.listGroupsForUser('new.hire').join() === 'developers', 'group membership wrong');
    expectWorld(s.listMfaDevices('new.hire').length === 0, 'unexpected MFA device');
    // The window the user was born with ends when the invite says, in AWS.
    const window = s.getUser('new.hire')?.tags['iam-onboarding-window'];
    const expiry = s.listUserPolicies('new.hire').find((p) => p.policyName === INVITE_EXPIRY_POLICY_NAME);
    expectWorld(!!window && JSON.stringify(expiry?.document) === JSON.stringify(buildInviteExpiryPolicy(window)), 'window tag and expiry policy disagree');
    return outcome;
  });
}
