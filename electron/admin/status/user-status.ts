import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  type IAMClient,
  type User,
} from '@aws-sdk/client-iam';
import type { StatusKey, UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { mapLimit, tagAction } from '../iam-call';
import { isAccessDenied, isNoSuchEntity } from '../../aws/aws-error';
import { onboardingWindowState } from '../../../src/shared/mfa-policy/onboarding-window';
import { isBootstrapKey, statusOf, type UserFacts } from './status-rules';

type Iam = Pick<IAMClient, 'send'>;
const DAY_MS = 86_400_000;
/** Users read at once: IAM throttles bursts, and the SDK's adaptive retry smooths the rest. */
export const USER_CONCURRENCY = 4;

/** Thrown inside one user's read when the user is gone (deleted between ListUsers and the read). */
export class UserVanished extends Error {}

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

export async function listAllUsers(iam: Iam): Promise<User[]> {
  const users: User[] = [];
  let Marker: string | undefined;
  do {
    const out = await tagAction('iam:ListUsers', iam.send(new ListUsersCommand({ ...(Marker ? { Marker } : {}), MaxItems: 100 })));
    users.push(...(out.Users ?? []));
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker);
  return users;
}

/** Every user with its status, read user by user (when the account-wide sources are not allowed); users deleted while we read are left out. */
export async function readAllStatuses(iam: Iam, nowMs: number): Promise<UserStatusRow[]> {
  const users = await listAllUsers(iam);
  const rows = await mapLimit(users, USER_CONCURRENCY, (u) => readUserStatus(iam, u, nowMs).catch(skipVanished));
  return rows.filter((r): r is UserStatusRow => r !== null);
}

export function skipVanished(error: unknown): null {
  if (error instanceof UserVanished) return null;
  throw error;
}

/**
 * One user's row. A denied call leaves its field null and names the permission; NoSuchEntity on
 * a per-user list means the user is gone. Anything else (throttling after the SDK's retries) fails
 * the whole listing, which the admin can retry.
 */
export async function readUserStatus(iam: Iam, user: User, nowMs: number): Promise<UserStatusRow> {
  const UserName = user.UserName ?? '';
  const missing = new Set<string>();
  const read = async <T>(action: string, call: () => Promise<T>, onNoSuchEntity?: () => T): Promise<T | null> => {
    try {
      return await tagAction(action, call());
    } catch (error) {
      if (isAccessDenied(error)) {
        missing.add(action);
        return null;
      }
      if (isNoSuchEntity(error)) {
        if (onNoSuchEntity) return onNoSuchEntity();
        throw new UserVanished();
      }
      throw error;
    }
  };

  // GetLoginProfile's NoSuchEntity means "no console password" (the next call tells a gone user apart).
  const profile = await read('iam:GetLoginProfile', async () => (await iam.send(new GetLoginProfileCommand({ UserName }))).LoginProfile ?? null, () => null);
  const mfa = await read('iam:ListMFADevices', async () => (await iam.send(new ListMFADevicesCommand({ UserName }))).MFADevices ?? []);
  const keys = await read('iam:ListAccessKeys', async () => (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []);
  const tags = await read('iam:ListUserTags', () => listTags(iam, UserName));
  const groups = await read('iam:ListGroupsForUser', () => listGroups(iam, UserName));

  const facts: UserFacts = {
    consolePassword: missing.has('iam:GetLoginProfile') ? null : profile !== null,
    passwordResetRequired: missing.has('iam:GetLoginProfile') ? null : profile ? profile.PasswordResetRequired === true : false,
    mfaDeviceCount: mfa ? mfa.length : null,
  };

  let accessKeys: StatusKey[] | null = null;
  if (keys) {
    accessKeys = [];
    for (const k of keys) {
      const AccessKeyId = k.AccessKeyId ?? '';
      const last = await read<{ LastUsedDate?: Date }>(
        'iam:GetAccessKeyLastUsed',
        async () => (await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId }))).AccessKeyLastUsed ?? {},
        () => ({}),
      );
      const key = {
        accessKeyId: AccessKeyId,
        slot: null,
        status: k.Status === 'Inactive' ? ('Inactive' as const) : ('Active' as const),
        createDate: iso(k.CreateDate),
        ageDays: k.CreateDate ? Math.floor((nowMs - k.CreateDate.getTime()) / DAY_MS) : null,
        lastUsedDate: iso(last?.LastUsedDate),
        lastUsedKnown: last !== null,
      };
      accessKeys.push({ ...key, bootstrap: isBootstrapKey(key, facts) });
    }
  }

  return {
    userName: UserName,
    arn: user.Arn ?? '',
    createDate: iso(user.CreateDate),
    status: statusOf(facts),
    consolePassword: facts.consolePassword,
    passwordResetRequired: facts.passwordResetRequired,
    mfaActive: mfa ? mfa.length > 0 : null,
    mfaDevices: mfa ? mfa.map((d) => ({ serialNumber: d.SerialNumber ?? '', kind: deviceKind(d.SerialNumber ?? ''), enableDate: iso(d.EnableDate) })) : null,
    accessKeys,
    passwordLastUsed: iso(user.PasswordLastUsed),
    groups,
    tags,
    inlinePolicies: null,
    attachedPolicies: null,
    source: 'live',
    onboardingWindow: tags ? onboardingWindowState(tags, nowMs) : null,
    missingPermissions: [...missing],
  };
}

/** Virtual devices have `:mfa/` ARNs, FIDO security keys `:u2f/`; anything else is a hardware token's serial. */
export function deviceKind(serial: string): 'virtual' | 'hardware' | 'securityKey' {
  if (serial.includes(':u2f/')) return 'securityKey';
  return serial.includes(':mfa/') ? 'virtual' : 'hardware';
}

async function listTags(iam: Iam, UserName: string) {
  const tags: Array<{ key: string; value: string }> = [];
  let Marker: string | undefined;
  do {
    const out = await iam.send(new ListUserTagsCommand({ UserName, ...(Marker ? { Marker } : {}) }));
    tags.push(...(out.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })));
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker);
  return tags;
}

async function listGroups(iam: Iam, UserName: string) {
  const groups: string[] = [];
  let Marker: string | undefined;
  do {
    const out = await iam.send(new ListGroupsForUserCommand({ UserName, ...(Marker ? { Marker } : {}) }));
    groups.push(...(out.Groups ?? []).map((g) => g.GroupName ?? '').filter(Boolean));
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker);
  return groups;
}
