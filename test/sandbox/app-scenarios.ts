/**
 * Scenarios that run the app's own code against the sandbox (not the sandbox's shortcuts): the
 * admin's provisioning through the admin handlers, and the new employee's wizard through the
 * onboarding handlers, each in its own composition root as on two desktops. With them the same
 * attacks can be replayed from any client (the AWS CLI included) on users made exactly as the
 * app makes them.
 */
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IAMClient } from '@aws-sdk/client-iam';
import { openOnboardingWindow } from '../../electron/admin/onboarding-window';
import { buildInvitePayload, writeInviteFile } from '../../electron/admin/users/invite-file';
import { composeApp } from '../../electron/app/compose';
import { readRecord, storeDir } from '../../electron/cli-access/cli-store';
import { plainVault } from '../../electron/cli-access/cli-vault';
import { decryptInvite, encryptInvite } from '../../electron/invites/invite-codec';
import { dispatch } from '../../electron/ipc/dispatch';
import type { HandlerTable } from '../../electron/ipc/handler-types';
import { silentLogger } from '../../electron/logging/logger';
import { createNodePorts } from '../../electron/platform/node-ports';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src/shared/ipc/contract';
import { consoleSignInUrl } from '../../src/shared/invites/invite-schema';
import type { InvitedUserOptions, InvitedUserResult, OnboardedUserOptions, OnboardedUserResult, Sandbox } from './types';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** How the wizard's profile runs the helper here: node on its TypeScript source, through tsx. */
export function devHelperCommand(): string[] {
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return [process.execPath, `--import=${pathToFileURL(tsx).href}`, join(root, 'electron/cli-access/helper-main.ts')];
}

type Caller = <C extends ChannelName>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

/** One composition root of the app (one "desktop"), its channels called as the renderer calls them. */
export function appOn(sb: Sandbox, home: string, extraEnv: Record<string, string> = {}) {
  const ports = createNodePorts({ home, userData: join(home, '.iam-onboarding-assistant') });
  const { handlers } = composeApp({
    platform: ports,
    log: silentLogger,
    env: { ...sb.env, ...extraEnv },
    info: { version: 'sandbox-scenario', platform: process.platform },
    cliHelper: { command: devHelperCommand(), vault: plainVault },
  });
  const call: Caller = async (channel, input) => {
    const env = await dispatch(handlers as HandlerTable, channel, input, { emit: () => {} }, silentLogger);
    if (!env.ok) throw Object.assign(new Error(`${channel}: ${env.error.code}`), env.error);
    return env.value as never;
  };
  return { ports, call };
}

/** The admin screen's provisioning: sign in with the admin's key, make sure of the policy, create the user, save the invite. */
export async function invitedUser(sb: Sandbox, o: InvitedUserOptions): Promise<InvitedUserResult> {
  const home = o.home ?? mkdtempSync(join(tmpdir(), 'sandbox-admin-'));
  mkdirSync(home, { recursive: true });
  const admin = appOn(sb, home);
  await admin.call('admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
  const policy = await admin.call('admin:policyStatus', {});
  if (policy.state !== 'current') await admin.call('admin:policyApply', policy.versionToDelete ? { deleteVersionId: policy.versionToDelete } : {});
  const run = await admin.call('admin:users:create', {
    userName: o.userName,
    ...(o.path ? { path: o.path } : {}),
    groups: o.groups ?? [],
    tags: [],
    attachPolicyTo: { kind: 'user' },
    inviteValidDays: o.validDays ?? 7,
  });
  if (run.phase !== 'done') throw new Error(`provisioning ${o.userName} failed: ${JSON.stringify(run.error)}`);
  const inviteFile = join(home, `${o.userName}.invite.age`);
  admin.ports.dialogs.queueSave(inviteFile);
  const saved = await admin.call('admin:users:saveInvite', { runId: run.runId, dialogTitle: 'Save', filterName: 'Invite' });
  const password = saved.temporaryPassword;
  if (!saved.saved || !password) throw new Error('the invite was not saved');
  const invite = await decryptInvite(new Uint8Array(readFileSync(inviteFile)), password, Date.now());
  let expiresAt = invite.expiresAt;
  if (o.expiresAt) {
    // As if the admin had provisioned earlier: the same window function the provisioning runs,
    // with the given end, and the invite re-written to state it.
    const iam = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey } });
    await openOnboardingWindow(iam, o.userName, o.expiresAt);
    iam.destroy();
    const account = { accountId: sb.accountId, accountAlias: invite.accountAlias, partition: 'aws', consoleUrl: consoleSignInUrl({ accountId: sb.accountId, accountAlias: invite.accountAlias, partition: 'aws' }), policyArn: '' };
    const payload = buildInvitePayload({ account, aws: { region: sb.region, endpointOverride: () => sb.url }, userName: o.userName, accessKeyId: invite.accessKeyId, secretAccessKey: invite.secretAccessKey, issuedAtMs: Date.parse(invite.issuedAt), expiresAt: o.expiresAt });
    await writeInviteFile(inviteFile, await encryptInvite(payload, password));
    expiresAt = payload.expiresAt;
  }
  return { userName: o.userName, accessKeyId: invite.accessKeyId, secretAccessKey: invite.secretAccessKey, password, inviteFile, expiresAt };
}

/** That, then the new employee's wizard end to end (in another "desktop" whose AWS files are under `home`). */
export async function onboardedUser(sb: Sandbox, o: OnboardedUserOptions): Promise<OnboardedUserResult> {
  const invited = await invitedUser(sb, { userName: o.userName, ...(o.path ? { path: o.path } : {}) });
  return { ...invited, ...(await runWizard(sb, { ...invited, ...(o.home ? { home: o.home } : {}), keepCliAccess: o.keepCliAccess ?? false })) };
}

export type WizardResult = Omit<OnboardedUserResult, keyof InvitedUserResult>;

/**
 * The new employee's wizard, end to end, with an invite file and its temporary password: sign in,
 * a new password, a virtual device (codes as a phone shows them, on the sandbox's clock), proof,
 * finish — through the onboarding channels, as the renderer calls them.
 */
export async function runWizard(
  sb: Sandbox,
  o: { userName: string; inviteFile: string; password: string; home?: string; keepCliAccess: boolean },
): Promise<WizardResult> {
  const home = o.home ?? mkdtempSync(join(tmpdir(), 'sandbox-employee-'));
  mkdirSync(home, { recursive: true });
  const aws = { AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };
  const { call } = appOn(sb, home, aws);
  const inviteBase64 = readFileSync(o.inviteFile).toString('base64');
  const signedIn = await call('onboarding:signIn', { method: 'invite', inviteBase64, temporaryPassword: o.password });
  if (signedIn.step !== 'password') throw new Error(`the wizard resumed at ${signedIn.step}`);
  await call('onboarding:passwordPolicy', {});
  const newPassword = `New-${o.password.slice(0, 12)}-9z!`;
  await call('onboarding:changePassword', { newPassword });
  await call('onboarding:startMfa', {});
  const base32Seed = (await call('onboarding:showMfaKey', {})).key.replace(/ /g, '');
  const serialNumber = `arn:aws:iam::${sb.accountId}:mfa/${o.userName}`;
  // What a phone shows, on the sandbox's clock: two consecutive codes, then a newer one.
  await call('onboarding:enableMfa', { code1: sb.scenario.mfaCode(serialNumber, -2), code2: sb.scenario.mfaCode(serialNumber, -1) });
  await call('onboarding:proveMfa', { code: sb.scenario.mfaCode(serialNumber, 0) });
  const finished = await call('onboarding:finish', { keepCliAccess: o.keepCliAccess });
  const result: WizardResult = { newPassword, serialNumber, base32Seed, home, awsConfigFile: aws.AWS_CONFIG_FILE, profile: finished.profile?.name ?? null, kept: null };
  if (finished.profile) {
    const record = await readRecord(storeDir(join(home, '.iam-onboarding-assistant')), finished.profile.name);
    if (record) result.kept = { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey.data };
  }
  return result;
}
