import {
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { mapLimit, tagAction } from '../iam-call';
import { isNoSuchEntity } from '../../aws/aws-error';

export async function listUserNames(iam: IAMClient, max = 1000): Promise<string[]> {
  const names: string[] = [];
  let Marker: string | undefined;
  do {
    const out = await tagAction('iam:ListUsers', iam.send(new ListUsersCommand({ Marker, MaxItems: 100 })));
    names.push(...(out.Users ?? []).map((u) => u.UserName ?? '').filter(Boolean));
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker && names.length < max);
  return names;
}

/** Users with a console password and no MFA device, user by user (when the credential report is not allowed). */
export async function consoleUsersWithoutMfa(iam: IAMClient, users: string[]): Promise<string[]> {
  const flags = await mapLimit(users, 4, async (UserName) => {
    try {
      await tagAction('iam:GetLoginProfile', iam.send(new GetLoginProfileCommand({ UserName })));
    } catch (error) {
      if (isNoSuchEntity(error)) return false;
      throw error;
    }
    const mfa = await tagAction('iam:ListMFADevices', iam.send(new ListMFADevicesCommand({ UserName })));
    return (mfa.MFADevices ?? []).length === 0;
  });
  return users.filter((_, i) => flags[i]);
}

export const OLD_KEY_DAYS = 90;

/** Active access keys created more than 90 days ago (CIS: rotate every 90 days). */
export async function oldAccessKeys(iam: IAMClient, users: string[], nowMs: number) {
  const perUser = await mapLimit(users, 4, async (UserName) => {
    const out = await tagAction('iam:ListAccessKeys', iam.send(new ListAccessKeysCommand({ UserName })));
    return (out.AccessKeyMetadata ?? [])
      .filter((k) => k.Status === 'Active' && k.CreateDate)
      .map((k) => ({
        userName: UserName,
        accessKeyId: k.AccessKeyId ?? '',
        slot: null,
        ageDays: Math.floor((nowMs - (k.CreateDate as Date).getTime()) / 86_400_000),
        lastUsedDate: null,
      }))
      .filter((k) => k.ageDays > OLD_KEY_DAYS);
  });
  return perUser.flat();
}
