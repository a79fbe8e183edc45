import { AttachGroupPolicyCommand, GetGroupCommand, ListMFADevicesCommand, type IAMClient, type User } from '@aws-sdk/client-iam';
import { mapLimit, tagAction } from '../iam-call';
import { openOnboardingWindow, windowExpiry } from '../onboarding-window';

type Iam = Pick<IAMClient, 'send'>;

export interface AttachToGroupOptions {
  /** The admin has seen the members without MFA and attaches anyway. */
  confirmed: boolean;
  /** Open onboarding for those members (this many days) before the policy lands on them. */
  openOnboardingDays: number | null;
  nowMs: number;
  /** The admin's own ARN: attaching may lock out the admin's own key. */
  callerArn: string;
}

async function groupMembers(iam: Iam, GroupName: string): Promise<User[]> {
  const users: User[] = [];
  let Marker: string | undefined;
  do {
    const out = await tagAction('iam:GetGroup', iam.send(new GetGroupCommand({ GroupName, ...(Marker ? { Marker } : {}) })));
    users.push(...(out.Users ?? []));
    Marker = out.IsTruncated ? out.Marker : undefined;
  } while (Marker);
  return users;
}

/**
 * Attaching the enforcement policy to a group locks every member without MFA out of everything
 * at once (their console session and command-line keys, perhaps the admin's own). So first: who
 * in the group has no MFA device. Unless the admin confirmed, nothing changes and the answer names
 * them; with confirmation, onboarding is opened for them first (if asked), then the policy goes on.
 */
export async function attachPolicyToGroup(iam: Iam, policyArn: string, GroupName: string, o: AttachToGroupOptions) {
  const members = await groupMembers(iam, GroupName);
  const flags = await mapLimit(members, 4, async (u) => {
    const out = await tagAction('iam:ListMFADevices', iam.send(new ListMFADevicesCommand({ UserName: u.UserName })));
    return (out.MFADevices ?? []).length === 0;
  });
  const without = members.filter((_, i) => flags[i]);
  const membersWithoutMfa = without.map((u) => u.UserName ?? '');
  const includesYou = without.some((u) => u.Arn === o.callerArn);
  if (without.length > 0 && !o.confirmed) return { attached: false, membersWithoutMfa, includesYou, openedFor: [], expiresAt: null };
  const openedFor: string[] = [];
  let expiresAt: string | null = null;
  if (without.length > 0 && o.openOnboardingDays) {
    expiresAt = windowExpiry(o.nowMs, o.openOnboardingDays);
    for (const name of membersWithoutMfa) {
      await openOnboardingWindow(iam, name, expiresAt);
      openedFor.push(name);
    }
  }
  await tagAction('iam:AttachGroupPolicy', iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn: policyArn })));
  return { attached: true, membersWithoutMfa, includesYou, openedFor, expiresAt };
}
