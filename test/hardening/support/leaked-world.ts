import { CreateVirtualMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { startSandbox, type Sandbox } from '../../sandbox/index';
import type { InvitedUserResult, OnboardedUserResult } from '../../sandbox/types';
import type { Creds } from '../../sandbox/test-helpers';

/**
 * The account both leaked-credential suites attack (the SDK one and the AWS CLI replay): users
 * provisioned and onboarded by the app's own admin and wizard code.
 */
export interface LeakedWorld {
  sb: Sandbox;
  /** onboarded, kept command-line access */
  alice: OnboardedUserResult;
  /** invited long ago, never onboarded */
  expired: InvitedUserResult;
  /** invited, mid-onboarding (window open) */
  bob: InvitedUserResult;
  /** invited, started MFA: an unassigned device named bob-admin */
  bobAdmin: InvitedUserResult;
  /** a device the attacker knows the seed of */
  rogue: { serialNumber: string; base32Seed: string };
}

export const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

export const iamWith = (sb: Sandbox, c: Creds) => new IAMClient({ region: sb.region, endpoint: sb.url, credentials: c, maxAttempts: 1 });

export async function setUpLeakedWorld(): Promise<LeakedWorld> {
  const sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true });
  const alice = await sb.scenario.onboardedUser({ userName: 'alice', keepCliAccess: true });
  const expired = await sb.scenario.invitedUser({ userName: 'eve', expiresAt: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') });
  const bob = await sb.scenario.invitedUser({ userName: 'bob' });
  const bobAdmin = await sb.scenario.invitedUser({ userName: 'bob-admin' });
  // bob-admin is mid-onboarding: its wizard made its device and has not enabled it yet.
  await iamWith(sb, bobAdmin).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-admin' }));
  const rogue = sb.scenario.createVirtualMfaDevice('attacker-phone');
  return { sb, alice, expired, bob, bobAdmin, rogue };
}

/** Everything an attack could change, account-wide. */
export function world(sb: Sandbox): unknown {
  return sb.state.listUsers().map((u) => ({
    ...u,
    createDate: undefined,
    keys: sb.state.listAccessKeys(u.userName).map((k) => `${k.accessKeyId}:${k.status}`),
    mfa: sb.state.listMfaDevices(u.userName).map((d) => d.serialNumber),
    profile: sb.state.getLoginProfile(u.userName)?.passwordResetRequired ?? null,
    policies: sb.state.listUserPolicies(u.userName),
  }));
}
