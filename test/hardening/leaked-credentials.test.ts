import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_WINDOW_TAG } from '../../src/shared/mfa-policy/onboarding-window';
import type { Sandbox } from '../sandbox/index';
import type { InvitedUserResult, OnboardedUserResult } from '../sandbox/types';
import type { Creds } from '../sandbox/test-helpers';
import { ADMIN_POLICY, iamWith as iamIn, setUpLeakedWorld, world as worldOf } from './support/leaked-world';

/**
 * A hardening suite: what an attacker can do with a leaked long-term credential of users the
 * app provisioned and onboarded (made by the app's own admin and wizard code). With only
 * (a) the key the user keeps for the command line, (b) the invite's bootstrap key after
 * onboarding, (c) an expired invite's key and temporary password, (d) a neighbour's key (`bob`,
 * mid-onboarding, against `bob-admin`): register or enable a device, get an MFA session from it,
 * list users, create a key, deactivate or delete a device, tag or untag oneself, attach a policy
 * to oneself. Every attempt is refused, and the account is exactly as before. The same with the
 * AWS CLI: leaked-credentials-cli.test.ts (kept apart: one CLI process is slow, and these SDK
 * attacks are what mutation testing runs against the enforcement policy).
 */

type Outcome = string; // 'ok' or the error code

let sb: Sandbox;
let alice: OnboardedUserResult; // onboarded, kept command-line access
let expired: InvitedUserResult; // invited long ago, never onboarded
let bob: InvitedUserResult; // invited, mid-onboarding (window open)
let rogue: { serialNumber: string; base32Seed: string }; // a device the attacker knows the seed of

const iamWith = (c: Creds) => iamIn(sb, c);
const stsWith = (c: Creds) => new STSClient({ region: sb.region, endpoint: sb.url, credentials: c, maxAttempts: 1 });

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return ((e as { name?: string }).name ?? 'error').replace(/(?<=.)Exception$/, '');
  }
}

const world = () => worldOf(sb);

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
  ({ sb, alice, expired, bob, rogue } = await setUpLeakedWorld());
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
