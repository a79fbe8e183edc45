import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_WINDOW_TAG } from '../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../sandbox/index';
import type { InvitedUserResult, OnboardedUserResult } from '../sandbox/types';
import type { Creds } from '../sandbox/test-helpers';
import { awsCliBatch, cliEnv, cliErrorCode, hasAwsCli } from '../support/aws-cli';

/**
 * A hardening suite: what an attacker can do with a leaked long-term credential of users the
 * app provisioned and onboarded (made by the app's own admin and wizard code). With only
 * (a) the key the user keeps for the command line, (b) the invite's bootstrap key after
 * onboarding, (c) an expired invite's key and temporary password, (d) a neighbour's key (`bob`,
 * mid-onboarding, against `bob-admin`): register or enable a device, get an MFA session from it,
 * list users, create a key, deactivate or delete a device, tag or untag oneself, attach a policy
 * to oneself. Every attempt is refused, and the account is exactly as before. Then the same with
 * the AWS CLI.
 */

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
type Outcome = string; // 'ok' or the error code

let sb: Sandbox;
let alice: OnboardedUserResult; // onboarded, kept command-line access
let expired: InvitedUserResult; // invited long ago, never onboarded
let bob: InvitedUserResult; // invited, mid-onboarding (window open)
let bobAdmin: InvitedUserResult; // invited, started MFA: an unassigned device named bob-admin
let rogue: { serialNumber: string; base32Seed: string }; // a device the attacker knows the seed of

const iamWith = (c: Creds) => new IAMClient({ region: sb.region, endpoint: sb.url, credentials: c, maxAttempts: 1 });
const stsWith = (c: Creds) => new STSClient({ region: sb.region, endpoint: sb.url, credentials: c, maxAttempts: 1 });

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return ((e as { name?: string }).name ?? 'error').replace(/(?<=.)Exception$/, '');
  }
}

/** Everything an attack could change, account-wide. */
function world(): unknown {
  return sb.state.listUsers().map((u) => ({
    ...u,
    createDate: undefined,
    keys: sb.state.listAccessKeys(u.userName).map((k) => `${k.accessKeyId}:${k.status}`),
    mfa: sb.state.listMfaDevices(u.userName).map((d) => d.serialNumber),
    profile: sb.state.getLoginProfile(u.userName)?.passwordResetRequired ?? null,
    policies: sb.state.listUserPolicies(u.userName),
  }));
}

/** The attacks, as `self` with `creds` (and `password` if the attacker has one), against `victim`. */
async function attacks(creds: Creds, self: string, victim: string, password?: string): Promise<Record<string, Outcome>> {
  const iam = iamWith(creds);
  const sts = stsWith(creds);
  const out: Record<string, Outcome> = {};
  const t = (name: string, p: Promise<unknown>) => outcome(p).then((o) => void (out[name] = o));
  await t('create own device', iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: self })));
  await t('create own-suffixed device', iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${self}-2` })));
  await t("create victim's device", iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: victim })));
  await t("delete victim's device", iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: `arn:aws:iam::${sb.accountId}:mfa/${victim}` })));
  await t('enable a device the attacker holds', iam.send(
    new EnableMFADeviceCommand({ UserName: self, SerialNumber: rogue.serialNumber, AuthenticationCode1: sb.scenario.mfaCode(rogue.serialNumber, -1), AuthenticationCode2: sb.scenario.mfaCode(rogue.serialNumber, 0) }),
  ));
  await t('MFA session from that device', sts.send(new GetSessionTokenCommand({ SerialNumber: rogue.serialNumber, TokenCode: sb.scenario.mfaCode(rogue.serialNumber, 1) })));
  await t('list users', iam.send(new ListUsersCommand({})));
  await t('create own access key', iam.send(new CreateAccessKeyCommand({ UserName: self })));
  await t("create victim's access key", iam.send(new CreateAccessKeyCommand({ UserName: victim })));
  await t('deactivate own device', iam.send(new DeactivateMFADeviceCommand({ UserName: self, SerialNumber: `arn:aws:iam::${sb.accountId}:mfa/${self}` })));
  await t("deactivate victim's device", iam.send(new DeactivateMFADeviceCommand({ UserName: victim, SerialNumber: `arn:aws:iam::${sb.accountId}:mfa/${victim}` })));
  await t('delete own device', iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: `arn:aws:iam::${sb.accountId}:mfa/${self}` })));
  await t('tag oneself (reopen onboarding)', iam.send(new TagUserCommand({ UserName: self, Tags: [{ Key: ONBOARDING_WINDOW_TAG, Value: '2099-01-01T00:00:00Z' }] })));
  await t('untag oneself', iam.send(new UntagUserCommand({ UserName: self, TagKeys: [ONBOARDING_WINDOW_TAG] })));
  await t('attach AdministratorAccess to oneself', iam.send(new AttachUserPolicyCommand({ UserName: self, PolicyArn: ADMIN_POLICY })));
  if (password) await t('change the password', iam.send(new ChangePasswordCommand({ OldPassword: password, NewPassword: 'Attacker-Owns-It-1!' })));
  // A session without MFA is refused by IAM altogether.
  const plain = await sts.send(new GetSessionTokenCommand({})).catch(() => null);
  out['IAM with a session obtained without MFA'] = plain?.Credentials
    ? await outcome(iamWith({ accessKeyId: plain.Credentials.AccessKeyId!, secretAccessKey: plain.Credentials.SecretAccessKey!, sessionToken: plain.Credentials.SessionToken! }).send(new ListUsersCommand({})))
    : 'no session';
  iam.destroy();
  sts.destroy();
  return out;
}

const refusedAll = (o: Record<string, Outcome>, allowed: readonly string[] = ['AccessDenied', 'InvalidClientTokenId']) =>
  Object.entries(o).filter(([, v]) => !allowed.includes(v));

beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true });
  alice = await sb.scenario.onboardedUser({ userName: 'alice', keepCliAccess: true });
  expired = await sb.scenario.invitedUser({ userName: 'eve', expiresAt: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') });
  bob = await sb.scenario.invitedUser({ userName: 'bob' });
  bobAdmin = await sb.scenario.invitedUser({ userName: 'bob-admin' });
  // bob-admin is mid-onboarding: its wizard made its device and has not enabled it yet.
  await iamWith(bobAdmin).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-admin' }));
  rogue = sb.scenario.createVirtualMfaDevice('attacker-phone');
}, 60_000);
afterAll(() => sb.stop());

describe('leaked credentials (SDK)', () => {
  it('(a) the key kept for the command line, alone: everything refused, nothing changed', async () => {
    expect(alice.kept).not.toBeNull();
    const before = world();
    const o = await attacks(alice.kept!, 'alice', 'bob-admin');
    expect(refusedAll(o)).toEqual([]);
    expect(o['IAM with a session obtained without MFA']).toBe('InvalidClientTokenId');
    expect(world()).toEqual(before);
  });

  it('(b) the invite\'s bootstrap key after onboarding: deleted, AWS does not know it', async () => {
    const before = world();
    const o = await attacks(alice, 'alice', 'bob-admin', alice.password);
    expect(new Set(Object.values(o))).toEqual(new Set(['InvalidClientTokenId', 'no session']));
    expect(sb.state.listAccessKeys('alice').map((k) => k.accessKeyId)).toEqual([alice.kept!.accessKeyId]);
    expect(world()).toEqual(before);
  });

  it('(c) an expired invite\'s key and temporary password: nothing, not even the password change or a device', async () => {
    const before = world();
    const o = await attacks(expired, 'eve', 'bob-admin', expired.password);
    expect(refusedAll(o)).toEqual([]);
    expect(o['change the password']).toBe('AccessDenied');
    expect(o['create own device']).toBe('AccessDenied');
    expect(sb.state.checkPassword('eve', expired.password)).toBe(true);
    expect(sb.state.listVirtualMfaDevices().filter((d) => d.serialNumber.endsWith('/eve'))).toEqual([]);
    expect(world()).toEqual(before);
  });

  it('(d) a neighbour\'s key (bob, whose own onboarding is open) against bob-admin, mid-onboarding: nothing of bob-admin\'s', async () => {
    const before = world();
    // Every "own" attack aimed at bob-admin: its device name (taken or suffixed), its unassigned
    // device, its MFA, keys, tags and policies.
    const o = await attacks(bob, 'bob-admin', 'bob-admin');
    expect(refusedAll(o)).toEqual([]);
    expect(world()).toEqual(before);
    // bob-admin's wizard can still finish: its device is there, unassigned, under its name.
    expect(sb.state.listVirtualMfaDevices().find((d) => d.serialNumber === `arn:aws:iam::${sb.accountId}:mfa/bob-admin`)).toEqual({
      serialNumber: `arn:aws:iam::${sb.accountId}:mfa/bob-admin`,
    });
  });
});

describe.skipIf(!hasAwsCli)('leaked credentials (AWS CLI v1)', () => {
  const home = mkdtempSync(join(tmpdir(), 'leaked-cli-'));
  const commands = (self: string): Record<string, string[]> => ({
    'list-users': ['iam', 'list-users'],
    'create-access-key': ['iam', 'create-access-key', '--user-name', self],
    'create-virtual-mfa-device': ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', self, '--outfile', join(home, `${self}.png`), '--bootstrap-method', 'QRCodePNG'],
    'deactivate-mfa-device': ['iam', 'deactivate-mfa-device', '--user-name', self, '--serial-number', `arn:aws:iam::${sb.accountId}:mfa/${self}`],
    'tag-user': ['iam', 'tag-user', '--user-name', self, '--tags', `Key=${ONBOARDING_WINDOW_TAG},Value=2099-01-01T00:00:00Z`],
    'attach-user-policy': ['iam', 'attach-user-policy', '--user-name', self, '--policy-arn', ADMIN_POLICY],
    'get-user': ['iam', 'get-user', '--user-name', self],
  });
  /** Every command with each credential, in one CLI process; the error code of each. */
  const replay = async (sets: Record<string, { creds: Creds; self: string }>) => {
    const jobs = Object.entries(sets).flatMap(([who, { creds, self }]) =>
      Object.entries(commands(self)).map(([cmd, args]) => ({ who, cmd, args, env: cliEnv(home, { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_MAX_ATTEMPTS: '1' }) })),
    );
    const results = await awsCliBatch(sb.url, jobs);
    return jobs.map((j, i) => [j.who, j.cmd, results[i]!.exitCode === 0 ? 'ok' : cliErrorCode(results[i]!)]);
  };

  it('(a)–(d) replayed with the real CLI: every command refused, the account unchanged', async () => {
    const before = world();
    const all = await replay({
      kept: { creds: alice.kept!, self: 'alice' },
      bootstrap: { creds: alice, self: 'alice' },
      expired: { creds: expired, self: 'eve' },
      neighbour: { creds: bob, self: 'bob-admin' },
    });
    expect(all).toHaveLength(28);
    for (const [who, cmd, code] of all) expect([who, cmd, code]).toEqual([who, cmd, who === 'bootstrap' ? 'InvalidClientTokenId' : 'AccessDenied']);
    expect(world()).toEqual(before);
  }, 180_000);
});
