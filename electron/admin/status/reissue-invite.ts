/**
 * A new invite for an existing user (resend, or after a lost MFA device): new bootstrap key, new
 * temporary password, new encrypted invite. Safe to run again after a failure part-way: keys
 * first (a key the failed attempt made is never used, so it is replaced), then the password,
 * then the onboarding window (a new end date), the file after that.
 */
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteVirtualMFADeviceCommand,
  GetAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import type { UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { generateTemporaryPassword } from '../../../src/shared/password-policy/generate-password';
import { fromSdkPolicy, type PasswordPolicy } from '../../../src/shared/password-policy/password-policy';
import type { AppDeps } from '../../app/app-deps';
import { encryptInvite } from '../../invites/invite-codec';
import { tagAction } from '../iam-call';
import { awsErrorName, isAccessDenied, isNoSuchEntity } from '../../aws/aws-error';
import { openOnboardingWindow, windowExpiry } from '../onboarding-window';
import { buildInvitePayload, writeInviteFile } from '../users/invite-file';
import type { RunAccount } from '../users/provisioning-run';
import { keysToReplace, MAX_KEYS_PER_USER, type KeysReplaced } from './status-rules';

type Iam = Pick<IAMClient, 'send'>;

/** Runs `call`, treating "already gone" as done. */
async function gone<T>(action: string, call: () => Promise<T>): Promise<void> {
  try {
    await tagAction(action, call());
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
  }
}

/**
 * Deactivates the confirmed devices still on the user, then deletes the virtual ones. A device
 * already deactivated (a retry) is only deleted; an already deleted one is skipped.
 */
export async function removeMfaDevices(iam: Iam, live: UserStatusRow, serials: readonly string[]): Promise<string[]> {
  const UserName = live.userName;
  const attached = new Set((live.mfaDevices ?? []).map((d) => d.serialNumber));
  for (const SerialNumber of serials) {
    if (attached.has(SerialNumber)) await gone('iam:DeactivateMFADevice', () => iam.send(new DeactivateMFADeviceCommand({ UserName, SerialNumber })));
  }
  for (const SerialNumber of serials) {
    if (SerialNumber.includes(':mfa/')) await gone('iam:DeleteVirtualMFADevice', () => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber })));
  }
  return [...serials];
}

export interface Reissued {
  deletedKeyIds: string[];
  newAccessKeyId: string;
  password: string;
  expiresAt: string;
}

/** Keys, password, onboarding window, file — in that order (see the note at the top). */
export async function reissueInvite(
  deps: Pick<AppDeps, 'aws' | 'clock' | 'serverClock'>,
  iam: Iam,
  o: { live: UserStatusRow; confirmedKeyIds: readonly string[]; replace?: KeysReplaced; account: RunAccount; validDays: number; path: string },
): Promise<Reissued> {
  const UserName = o.live.userName;
  if (!o.live.accessKeys) throw new AppError('admin.missingPermission', { permission: 'iam:ListAccessKeys' });
  const replace = keysToReplace(o.live.accessKeys, o.confirmedKeyIds, o.replace);
  const kept = o.live.accessKeys.filter((k) => k.accessKeyId === null || !replace.includes(k.accessKeyId));
  // Checked before anything changes: IAM allows two keys, and a kept key is someone's.
  if (kept.length >= MAX_KEYS_PER_USER) throw new AppError('adminStatus.keyLimit', { userName: UserName, keys: kept.map((k) => k.accessKeyId).join(', ') });

  for (const AccessKeyId of replace) await gone('iam:DeleteAccessKey', () => iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId })));
  let key;
  try {
    key = (await tagAction('iam:CreateAccessKey', iam.send(new CreateAccessKeyCommand({ UserName })))).AccessKey;
  } catch (error) {
    if (awsErrorName(error).replace(/Exception$/, '') === 'LimitExceeded') throw new AppError('adminStatus.keyLimit', { userName: UserName, keys: kept.map((k) => k.accessKeyId).join(', ') });
    throw error;
  }
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new AppError('adminStatus.noKeyReturned');

  const password = generateTemporaryPassword(await accountPasswordPolicy(iam));
  await setTemporaryPassword(iam, UserName, password);
  // A new window with a new end (the old invite's expiry policy is replaced, not added to).
  const expiresAt = windowExpiry(deps.serverClock.now(), o.validDays);
  await openOnboardingWindow(iam, UserName, expiresAt);

  const payload = buildInvitePayload({
    account: o.account,
    aws: deps.aws,
    userName: UserName,
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
    issuedAtMs: deps.clock.now(),
    expiresAt,
  });
  await writeInviteFile(o.path, await encryptInvite(payload, password));
  return { deletedKeyIds: replace, newAccessKeyId: key.AccessKeyId, password, expiresAt: payload.expiresAt };
}

/** Update the console password (reset required at next sign-in), or give one to a user without. */
async function setTemporaryPassword(iam: Iam, UserName: string, Password: string): Promise<void> {
  const update = () => tagAction('iam:UpdateLoginProfile', iam.send(new UpdateLoginProfileCommand({ UserName, Password, PasswordResetRequired: true })));
  try {
    await update();
    return;
  } catch (error) {
    if (!isNoSuchEntity(error)) throw error;
  }
  try {
    await tagAction('iam:CreateLoginProfile', iam.send(new CreateLoginProfileCommand({ UserName, Password, PasswordResetRequired: true })));
  } catch (error) {
    // Someone created one in between: set ours.
    if (awsErrorName(error).replace(/Exception$/, '') !== 'EntityAlreadyExists') throw error;
    await update();
  }
}

/** The account policy, or AWS's default rules when none is set or the admin may not read it. */
async function accountPasswordPolicy(iam: Iam): Promise<PasswordPolicy | 'awsDefault'> {
  try {
    const r = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return r.PasswordPolicy ? fromSdkPolicy(r.PasswordPolicy) : 'awsDefault';
  } catch (error) {
    // Generated passwords are >= 20 characters of all four classes: they pass nearly any policy.
    if (isNoSuchEntity(error) || isAccessDenied(error)) return 'awsDefault';
    throw error;
  }
}
