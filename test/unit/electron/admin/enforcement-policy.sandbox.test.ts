import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_WINDOW_TAG } from '../../../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import type { Creds } from '../../../sandbox/test-helpers';

/**
 * Every statement of the enforcement policy, evaluated by the sandbox's IAM engine on real signed
 * calls: for the caller's own user and for *another* user — a neighbour whose name starts with
 * the caller's (`bob` / `bob-admin`), and users with a path (`/team/carol` / `/team/dave`) — with
 * and without MFA, with and without the onboarding window, with the enforcement policy alone and
 * next to a policy that grants iam:* (whose grants the explicit denies must not let through
 * without MFA). A call counts as allowed when the answer is anything but a policy AccessDenied
 * (authorization runs before the action: NoSuchEntity or a wrong code means it was allowed).
 */

type Verdict = 'allowed' | 'denied';
interface Who {
  name: string;
  path: string;
  keyId: string;
  serial: string;
}
interface Caller extends Who {
  long: Creds;
}

const IAM_STAR = { name: 'GrantsIamStar', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } };

let sb: Sandbox;
const who = new Map<string, Caller>();

const iam = (creds: Creds) => new IAMClient({ region: sb.region, endpoint: sb.url, credentials: creds, maxAttempts: 1 });

function addUser(name: string, path: string, o: { iamStar?: boolean } = {}): Caller {
  const u = sb.scenario.newUser({
    userName: name,
    path,
    attachEnforcementPolicy: true,
    withMfa: true,
    onboardingWindow: false,
    ...(o.iamStar ? { policies: [IAM_STAR] } : {}),
  });
  const c: Caller = {
    name,
    path,
    keyId: u.accessKeyId as string,
    serial: u.mfa?.serialNumber as string,
    long: { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string },
  };
  who.set(name, c);
  return c;
}

const sessions = new Map<string, Creds>();

/** One MFA session per user (a TOTP code is accepted once). */
async function mfaSession(c: Caller): Promise<Creds> {
  const held = sessions.get(c.name);
  if (held) return held;
  const sts = new STSClient({ region: sb.region, endpoint: sb.url, credentials: c.long, maxAttempts: 1 });
  const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: c.serial, TokenCode: sb.scenario.mfaCode(c.serial) }));
  sts.destroy();
  const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
  sessions.set(c.name, creds);
  return creds;
}

/** The probes: one per action the policy names, aimed at `t`. None changes anything when allowed. */
const probes = (t: Who): Record<string, () => { send: (c: IAMClient) => Promise<unknown> }> => {
  const cmd = (c: object) => () => ({ send: (client: IAMClient) => client.send(c as never) });
  const nowhere = `arn:aws:iam::${sb.accountId}:mfa/${t.name}-no-such-device`;
  return {
    'iam:GetUser': cmd(new GetUserCommand({ UserName: t.name })),
    'iam:GetLoginProfile': cmd(new GetLoginProfileCommand({ UserName: t.name })),
    'iam:ListAccessKeys': cmd(new ListAccessKeysCommand({ UserName: t.name })),
    'iam:GetAccessKeyLastUsed': cmd(new GetAccessKeyLastUsedCommand({ AccessKeyId: t.keyId })),
    // Active → Active: a no-op when allowed
    'iam:UpdateAccessKey': cmd(new UpdateAccessKeyCommand({ UserName: t.name, AccessKeyId: t.keyId, Status: 'Active' })),
    // a key id that does not exist: NoSuchEntity when allowed
    'iam:DeleteAccessKey': cmd(new DeleteAccessKeyCommand({ UserName: t.name, AccessKeyId: 'AKIA' + 'Z'.repeat(16) })),
    // the target's device exists (assigned): EntityAlreadyExists / DeleteConflict when allowed
    'iam:CreateVirtualMFADevice': cmd(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: t.name })),
    'iam:DeleteVirtualMFADevice': cmd(new DeleteVirtualMFADeviceCommand({ SerialNumber: t.serial })),
    'iam:EnableMFADevice': cmd(
      new EnableMFADeviceCommand({ UserName: t.name, SerialNumber: nowhere, AuthenticationCode1: '123456', AuthenticationCode2: '234567' }),
    ),
    'iam:DeactivateMFADevice': cmd(new DeactivateMFADeviceCommand({ UserName: t.name, SerialNumber: nowhere })),
    'iam:ResyncMFADevice': cmd(
      new ResyncMFADeviceCommand({ UserName: t.name, SerialNumber: t.serial, AuthenticationCode1: '000000', AuthenticationCode2: '000001' }),
    ),
    'iam:ListMFADevices': cmd(new ListMFADevicesCommand({ UserName: t.name })),
    'iam:TagUser': cmd(new TagUserCommand({ UserName: t.name, Tags: [{ Key: ONBOARDING_WINDOW_TAG, Value: '2099-01-01T00:00:00Z' }] })),
    'iam:UntagUser': cmd(new UntagUserCommand({ UserName: t.name, TagKeys: [ONBOARDING_WINDOW_TAG] })),
  };
};

/** Account-level and own-only calls (no target user). */
const ownOnly: Record<string, (c: Caller) => object> = {
  'iam:ChangePassword': () => new ChangePasswordCommand({ OldPassword: 'not-the-password-1A!', NewPassword: 'Another-Passw0rd!x' }),
  'iam:GetAccountPasswordPolicy': () => new GetAccountPasswordPolicyCommand({}),
  'iam:ListVirtualMFADevices': () => new ListVirtualMFADevicesCommand({}),
  'iam:ListUsers': () => new ListUsersCommand({}),
  'iam:CreateAccessKey (own)': (c) => new CreateAccessKeyCommand({ UserName: c.name }),
};

async function verdict(p: Promise<unknown>): Promise<Verdict> {
  try {
    await p;
    return 'allowed';
  } catch (e) {
    const err = e as { name?: string; message?: string };
    // A policy denial has AWS's documented shape; ChangePassword's wrong-password AccessDenied does not.
    if (err.name === 'AccessDenied' && /is not authorized to perform: /.test(err.message ?? '')) return 'denied';
    return 'allowed';
  }
}

async function run(creds: Creds, t: Who): Promise<Record<string, Verdict>> {
  const client = iam(creds);
  const out: Record<string, Verdict> = {};
  for (const [action, probe] of Object.entries(probes(t))) out[action] = await verdict(probe().send(client));
  client.destroy();
  return out;
}

/** A fingerprint of everything the probes could change about a user. */
function stateOf(name: string): unknown {
  return {
    user: sb.state.getUser(name),
    keys: sb.state.listAccessKeys(name).map((k) => [k.accessKeyId, k.status]),
    mfa: sb.state.listMfaDevices(name).map((d) => d.serialNumber),
    profile: sb.state.getLoginProfile(name),
    devices: sb.state.listVirtualMfaDevices().filter((d) => d.serialNumber.includes(name)),
  };
}

const ALL_DENIED = (t: Who): Record<string, Verdict> => Object.fromEntries(Object.keys(probes(t)).map((a) => [a, 'denied']));

beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true });
  addUser('bob', '/');
  addUser('bob-admin', '/');
  addUser('carol', '/team/');
  addUser('dave', '/team/');
  addUser('root.admin', '/', { iamStar: true });
  addUser('ops.admin', '/ops/', { iamStar: true });
});
afterAll(() => sb.stop());

const pairs: Array<[string, string]> = [
  ['bob', 'bob-admin'],
  ['bob-admin', 'bob'],
  ['carol', 'dave'],
  ['carol', 'bob'],
  ['bob', 'carol'],
];

describe('enforcement policy, every statement, against other users (sandbox evaluator, real calls)', () => {
  it.each(pairs)('%s without MFA can do nothing to %s, not even with its own onboarding window open', async (from, to) => {
    const caller = who.get(from)!;
    const target = who.get(to)!;
    const before = stateOf(to);
    expect(await run(caller.long, target)).toEqual(ALL_DENIED(target));
    sb.scenario.openOnboardingWindow(from, '2099-01-01T00:00:00Z');
    try {
      expect(await run(caller.long, target)).toEqual(ALL_DENIED(target));
    } finally {
      sb.scenario.closeOnboardingWindow(from);
    }
    expect(stateOf(to)).toEqual(before);
  });

  it.each(pairs)('%s with MFA may not manage %s: keys, devices, MFA, tags', async (from, to) => {
    const caller = who.get(from)!;
    const target = who.get(to)!;
    const before = stateOf(to);
    expect(await run(await mfaSession(caller), target)).toEqual(ALL_DENIED(target));
    expect(stateOf(to)).toEqual(before);
  });

  it.each([['root.admin', 'bob'], ['ops.admin', 'carol'], ['root.admin', 'carol']])(
    '%s holds iam:* as well: without MFA the explicit denies still refuse everything on %s',
    async (from, to) => {
      const caller = who.get(from)!;
      const target = who.get(to)!;
      const before = stateOf(to);
      expect(await run(caller.long, target)).toEqual(ALL_DENIED(target));
      sb.scenario.openOnboardingWindow(from, '2099-01-01T00:00:00Z');
      try {
        expect(await run(caller.long, target)).toEqual(ALL_DENIED(target));
      } finally {
        sb.scenario.closeOnboardingWindow(from);
      }
      expect(stateOf(to)).toEqual(before);
      // With MFA the iam:* grant applies to others (an administrator), as intended.
      const withMfa = await run(await mfaSession(caller), target);
      expect(Object.values(withMfa).every((v) => v === 'allowed')).toBe(true);
      expect(stateOf(to)).toMatchObject({ keys: (before as { keys: unknown }).keys, mfa: (before as { mfa: unknown }).mfa });
      sb.scenario.closeOnboardingWindow(to); // the probe's TagUser opened it (admin may); leave the target as it was
    },
  );
});

describe('enforcement policy, every statement, for the caller itself', () => {
  const own = (mfa: boolean, window: boolean): Record<string, Verdict> => {
    const a = (ok: boolean): Verdict => (ok ? 'allowed' : 'denied');
    return {
      'iam:GetUser': a(mfa || window),
      'iam:GetLoginProfile': a(mfa || window),
      'iam:ListAccessKeys': a(mfa),
      'iam:GetAccessKeyLastUsed': a(mfa),
      'iam:UpdateAccessKey': a(mfa),
      'iam:DeleteAccessKey': a(mfa),
      'iam:CreateVirtualMFADevice': a(mfa || window),
      'iam:DeleteVirtualMFADevice': a(mfa || window),
      'iam:EnableMFADevice': a(mfa || window),
      'iam:DeactivateMFADevice': a(mfa),
      // two valid codes are proof enough: resync stays open
      'iam:ResyncMFADevice': 'allowed',
      'iam:ListMFADevices': 'allowed',
      // the user can never (re)open onboarding for themselves
      'iam:TagUser': 'denied',
      // closing it needs an MFA session
      'iam:UntagUser': a(mfa),
    };
  };

  it.each(['bob', 'carol', 'root.admin', 'ops.admin'])('%s: without MFA only the password and resync, plus registration while onboarding is open; with MFA all but reopening', async (name) => {
    const c = who.get(name)!;
    const before = stateOf(name);
    expect(await run(c.long, c)).toEqual(own(false, false));
    sb.scenario.openOnboardingWindow(name, '2099-01-01T00:00:00Z');
    try {
      expect(await run(c.long, c)).toEqual(own(false, true));
      // the user cannot push the window's end either
      expect(sb.state.getUser(name)?.tags[ONBOARDING_WINDOW_TAG]).toBe('2099-01-01T00:00:00Z');
    } finally {
      sb.scenario.closeOnboardingWindow(name);
    }
    expect(await run(await mfaSession(c), c)).toEqual(own(true, false));
    expect(stateOf(name)).toEqual(before);
  });

  it.each(['bob', 'carol'])('%s: account-level calls and own key creation need MFA; the password change does not', async (name) => {
    const c = who.get(name)!;
    const session = await mfaSession(c);
    const expected = { 'iam:ChangePassword': 'allowed', 'iam:GetAccountPasswordPolicy': 'allowed', 'iam:ListVirtualMFADevices': 'denied', 'iam:ListUsers': 'denied', 'iam:CreateAccessKey (own)': 'denied' };
    const withMfa = { ...expected, 'iam:ListVirtualMFADevices': 'allowed', 'iam:CreateAccessKey (own)': 'allowed', 'iam:ListUsers': 'denied' };
    const got = async (creds: Creds) => {
      const client = iam(creds);
      const out: Record<string, Verdict> = {};
      for (const [action, make] of Object.entries(ownOnly)) out[action] = await verdict(client.send(make(c) as never));
      client.destroy();
      return out;
    };
    expect(await got(c.long)).toEqual(expected);
    expect(await got(session)).toEqual(withMfa);
    // the key the MFA session made: one more key, nothing else
    expect(sb.state.listAccessKeys(name)).toHaveLength(2);
  });
});

describe('enforcement policy, the window tag on oneself', () => {
  const admin = () => new IAMClient({ region: sb.region, endpoint: sb.url, credentials: sb.admin, maxAttempts: 1 });
  const tags = (name: string) => sb.state.getUser(name)?.tags ?? {};

  it('with MFA a user may remove the window tag from themselves, and no other tag, alone or alongside it', async () => {
    const c = who.get('carol')!;
    const a = admin();
    await a.send(new TagUserCommand({ UserName: c.name, Tags: [{ Key: 'team', Value: 'red' }] }));
    sb.scenario.openOnboardingWindow(c.name, '2099-01-01T00:00:00Z');
    const client = iam(await mfaSession(c));
    const untag = (TagKeys: string[]) => verdict(client.send(new UntagUserCommand({ UserName: c.name, TagKeys })));
    expect(await untag(['team'])).toBe('denied');
    expect(await untag(['team', ONBOARDING_WINDOW_TAG])).toBe('denied');
    expect(tags(c.name)).toMatchObject({ team: 'red', [ONBOARDING_WINDOW_TAG]: '2099-01-01T00:00:00Z' });
    expect(await untag([ONBOARDING_WINDOW_TAG.toUpperCase()])).toBe('allowed');
    expect(await untag([ONBOARDING_WINDOW_TAG])).toBe('allowed');
    expect(tags(c.name)).toEqual({ team: 'red' });
    await a.send(new UntagUserCommand({ UserName: c.name, TagKeys: ['team'] }));
    client.destroy();
    a.destroy();
  });

  it('an administrator (iam:*, with MFA) may tag themselves, but never with the window key, in any case', async () => {
    const c = who.get('root.admin')!;
    const client = iam(await mfaSession(c));
    const tag = (Tags: Array<{ Key: string; Value: string }>) => verdict(client.send(new TagUserCommand({ UserName: c.name, Tags })));
    expect(await tag([{ Key: 'team', Value: 'ops' }])).toBe('allowed');
    expect(tags(c.name)).toMatchObject({ team: 'ops' });
    for (const Key of [ONBOARDING_WINDOW_TAG, ONBOARDING_WINDOW_TAG.toUpperCase()]) {
      expect(await tag([{ Key, Value: '2099-01-01T00:00:00Z' }]), Key).toBe('denied');
      expect(await tag([{ Key: 'other', Value: 'x' }, { Key, Value: '2099-01-01T00:00:00Z' }]), Key).toBe('denied');
    }
    expect(tags(c.name)).toEqual({ team: 'ops' });
    client.destroy();
  });
});
