/**
 * AWS calls and screens for one complete onboarding of a fresh user (targets: <= 9 calls — the
 * product's 8 plus iam:UntagUser, which closes the onboarding window — and 5 screens), driven through the real handlers and dispatch against the sandbox, counted from the
 * sandbox's request log.
 */
import { composeApp } from '../electron/app/compose';
import { encryptInvite } from '../electron/invites/invite-codec';
import { dispatch } from '../electron/ipc/dispatch';
import type { HandlerTable } from '../electron/ipc/handler-types';
import { silentLogger } from '../electron/logging/logger';
import { createNodePorts } from '../electron/platform/node-ports';
import { startSandbox, totpAtStep, stepAt } from '../test/sandbox/index';
import { invitePayloadFor } from '../test/e2e/support/onboarding-invite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyRow, repeat, row } from './support/repeat';
import { show } from './support/stats';

async function call(handlers: HandlerTable, channel: string, payload: unknown): Promise<Record<string, unknown>> {
  const out = await dispatch(handlers, channel, payload, { emit: () => {} }, silentLogger);
  if (!out.ok) throw new Error(`${channel}: ${JSON.stringify(out.error)}`);
  return out.value as Record<string, unknown>;
}

export const measures = {
  async onboarding() {
    return measure();
  },
};

export async function report(): Promise<void> {
  const r = await repeat('onboarding.bench.ts', 'onboarding');
  console.log('One complete onboarding of a fresh user through the real handlers (sandbox in process):');
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow('one onboarding: AWS calls (target ≤ 9: the product\'s 8 plus UntagUser, which closes the onboarding window)', show(r.calls!, 0));
  keyRow('one onboarding: screens (target 5)', show(r.screens!, 0));
  row('handler time incl. invite scrypt (ms)', show(r.ms!, 0));
  row('end state right (MFA on, bootstrap key deleted): 1 = yes', show(r.ok!, 0));
}

async function measure(): Promise<Record<string, number>> {
  const sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  try {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const invite = await encryptInvite(invitePayloadFor(sandbox, user), user.password);
    const home = mkdtempSync(join(tmpdir(), 'bench-onboarding-'));
    const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sandbox.env;
    const { handlers } = composeApp({
      platform: createNodePorts({ home, userData: home }),
      log: silentLogger,
      env: { ...env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
      info: { version: 'bench', platform: process.platform },
    });
    const started = performance.now();
    const screens = ['signIn'];
    const signedIn = await call(handlers, 'onboarding:signIn', {
      method: 'invite',
      inviteBase64: Buffer.from(invite).toString('base64'),
      temporaryPassword: user.password,
    });
    screens.push(String(signedIn.step));
    await call(handlers, 'onboarding:passwordPolicy', {});
    await call(handlers, 'onboarding:changePassword', { newPassword: 'Correct-Horse-Battery-9' });
    screens.push('mfa');
    await call(handlers, 'onboarding:startMfa', {});
    const device = sandbox.state.listVirtualMfaDevices().find((d) => d.serialNumber.endsWith('/jdoe'))!;
    const seed = sandbox.state.getVirtualMfaSeed(device.serialNumber)!;
    // The phone's codes (server time): the two previous windows to enable, the current one to prove.
    const now = stepAt(Date.now());
    await call(handlers, 'onboarding:enableMfa', { code1: totpAtStep(seed, now - 2), code2: totpAtStep(seed, now - 1) });
    screens.push('prove');
    await call(handlers, 'onboarding:proveMfa', { code: totpAtStep(seed, now) });
    screens.push('finish');
    await call(handlers, 'onboarding:finish', { keepCliAccess: false });
    const ms = performance.now() - started;

    const calls = sandbox.requestLog.map((e) => `${e.service}:${e.action}`);
    process.stderr.write(`  calls: ${calls.join(' → ')}\n  screens: ${screens.join(' → ')}\n`);
    const ok =
      sandbox.state.listMfaDevices('jdoe').length === 1 &&
      sandbox.state.listAccessKeys('jdoe').length === 0 &&
      !('iam-onboarding-window' in (sandbox.state.getUser('jdoe')?.tags ?? {}));
    return { calls: calls.length, screens: screens.length, ms, ok: ok ? 1 : 0 };
  } finally {
    await sandbox.stop();
  }
}
