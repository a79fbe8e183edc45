import { ChangePasswordCommand, CreateVirtualMFADeviceCommand, DeleteVirtualMFADeviceCommand, GetAccountPasswordPolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openOnboardingWindow, putInviteExpiry, removeInviteExpiry, windowExpiry, windowTag } from '../../../../electron/admin/onboarding-window';
import type { ActionTagged } from '../../../../electron/admin/iam-call';
import { buildInviteExpiryPolicy, INVITE_EXPIRY_POLICY_NAME, ONBOARDING_WINDOW_TAG } from '../../../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

/**
 * The admin side of the onboarding window, over the AWS SDK against the sandbox: what lands on the
 * user (tag, inline policy), in which order, and what the invite's own key can then do.
 */
let sb: Sandbox;
let admin: IAMClient;
const FUTURE = '2099-01-01T00:00:00Z';
const PAST = '2020-01-01T00:00:00Z';

beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true });
  admin = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: sb.admin, maxAttempts: 1 });
});
afterEach(() => sb.faults.clear());
afterAll(async () => {
  admin.destroy();
  await sb.stop();
});

let n = 0;
function invited() {
  const u = sb.scenario.newUser({ userName: `window-${++n}`, attachEnforcementPolicy: true, withAccessKey: true, onboardingWindow: false });
  const own = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: u.accessKeyId!, secretAccessKey: u.secretAccessKey! }, maxAttempts: 1 });
  return { name: u.userName, password: u.password, own };
}
const tagOf = (name: string) => sb.state.getUser(name)?.tags[ONBOARDING_WINDOW_TAG];
const expiryOf = (name: string) => sb.state.listUserPolicies(name).find((p) => p.policyName === INVITE_EXPIRY_POLICY_NAME)?.document;
const denied = async (p: Promise<unknown>) =>
  p.then(
    () => false,
    (e: { name?: string; message?: string }) => e.name === 'AccessDenied' && /is not authorized to perform/.test(e.message ?? ''),
  );

describe('the onboarding window, as the admin opens it', () => {
  it('its end is the day count later, to the second, and its tag carries that end', () => {
    expect(windowExpiry(Date.parse('2025-05-01T12:00:00.999Z'), 7)).toBe('2025-05-08T12:00:00Z');
    expect(windowExpiry(Date.parse('2025-05-01T12:00:00Z'), 1)).toBe('2025-05-02T12:00:00Z');
    expect(windowTag('2025-05-08T12:00:00Z')).toEqual({ Key: ONBOARDING_WINDOW_TAG, Value: '2025-05-08T12:00:00Z' });
  });

  it('open: the expiry policy and the tag land on the user; the invite key may then register its own device', async () => {
    const u = invited();
    expect(await denied(u.own.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: u.name })))).toBe(true);
    await openOnboardingWindow(admin, u.name, FUTURE);
    expect(tagOf(u.name)).toBe(FUTURE);
    expect(expiryOf(u.name)).toEqual(buildInviteExpiryPolicy(FUTURE));
    expect(await denied(u.own.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: u.name })))).toBe(false);
    expect(sb.state.listVirtualMfaDevices().some((d) => d.serialNumber.endsWith(`mfa/${u.name}`))).toBe(true);
    await u.own.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: `arn:aws:iam::${sb.accountId}:mfa/${u.name}` }));
    u.own.destroy();
  });

  it('an expired window leaves the invite key nothing, not even the password change; reopening later restores it', async () => {
    const u = invited();
    await openOnboardingWindow(admin, u.name, PAST);
    expect(await denied(u.own.send(new GetAccountPasswordPolicyCommand({})))).toBe(true);
    expect(await denied(u.own.send(new ChangePasswordCommand({ OldPassword: u.password, NewPassword: 'Another-Passw0rd!x' })))).toBe(true);
    expect(sb.state.getLoginProfile(u.name)).toMatchObject({ passwordResetRequired: true });
    // Running it again overwrites both: one tag, one policy, the new date.
    await openOnboardingWindow(admin, u.name, FUTURE);
    expect(tagOf(u.name)).toBe(FUTURE);
    expect(sb.state.listUserPolicies(u.name).filter((p) => p.policyName === INVITE_EXPIRY_POLICY_NAME)).toHaveLength(1);
    expect(await denied(u.own.send(new GetAccountPasswordPolicyCommand({})))).toBe(false);
    u.own.destroy();
  });

  it('the end is written before the tag: when the policy fails, no tag is set and the error names the action', async () => {
    const u = invited();
    sb.faults.set('PutUserPolicy', { error5xx: { times: 1 } });
    const e = await openOnboardingWindow(admin, u.name, FUTURE).catch((x: unknown) => x as ActionTagged);
    expect(e?.$action).toBe('iam:PutUserPolicy');
    expect(tagOf(u.name)).toBeUndefined();
    expect(expiryOf(u.name)).toBeUndefined();
    // A failing tag after the policy: the error names TagUser; the end is in place, the window not open.
    sb.faults.set('TagUser', { error5xx: { times: 1 } });
    const t = await openOnboardingWindow(admin, u.name, FUTURE).catch((x: unknown) => x as ActionTagged);
    expect(t?.$action).toBe('iam:TagUser');
    expect(expiryOf(u.name)).toEqual(buildInviteExpiryPolicy(FUTURE));
    expect(tagOf(u.name)).toBeUndefined();
    u.own.destroy();
  });

  it('removing the expiry: gone afterwards, already gone is fine, any other failure is reported', async () => {
    const u = invited();
    await putInviteExpiry(admin, u.name, FUTURE);
    expect(tagOf(u.name)).toBeUndefined();
    expect(expiryOf(u.name)).toEqual(buildInviteExpiryPolicy(FUTURE));
    await removeInviteExpiry(admin, u.name);
    expect(expiryOf(u.name)).toBeUndefined();
    await expect(removeInviteExpiry(admin, u.name)).resolves.toBeUndefined();
    await expect(removeInviteExpiry(admin, 'nobody-here')).resolves.toBeUndefined();
    await putInviteExpiry(admin, u.name, FUTURE);
    sb.faults.set('DeleteUserPolicy', { error5xx: { times: 1 } });
    const e = await removeInviteExpiry(admin, u.name).catch((x: unknown) => x as ActionTagged & { name?: string });
    expect(e?.$action).toBe('iam:DeleteUserPolicy');
    expect(expiryOf(u.name)).toEqual(buildInviteExpiryPolicy(FUTURE));
    u.own.destroy();
  });
});
