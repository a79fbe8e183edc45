import { DeleteUserPolicyCommand, PutUserPolicyCommand, TagUserCommand, type IAMClient, type Tag } from '@aws-sdk/client-iam';
import {
  INVITE_EXPIRY_POLICY_NAME,
  ONBOARDING_WINDOW_TAG,
  buildInviteExpiryPolicy,
  windowDate,
} from '../../src/shared/mfa-policy/onboarding-window';
import { isNoSuchEntity } from '../aws/aws-error';
import { tagAction } from './iam-call';

type Iam = Pick<IAMClient, 'send'>;

const DAY_MS = 86_400_000;

/** The expiry of a window opened now for `validDays`. */
export const windowExpiry = (nowMs: number, validDays: number): string => windowDate(nowMs + validDays * DAY_MS);

/** The window's tag. A new user gets it with CreateUser (provision-steps.ts); others by TagUser. */
export const windowTag = (expiresAt: string): Tag => ({ Key: ONBOARDING_WINDOW_TAG, Value: expiresAt });

/** The inline policy that ends the invite at `expiresAt` (overwrites an earlier window's). */
export async function putInviteExpiry(iam: Iam, UserName: string, expiresAt: string): Promise<void> {
  await tagAction(
    'iam:PutUserPolicy',
    iam.send(
      new PutUserPolicyCommand({ UserName, PolicyName: INVITE_EXPIRY_POLICY_NAME, PolicyDocument: JSON.stringify(buildInviteExpiryPolicy(expiresAt)) }),
    ),
  );
}

/**
 * Opens onboarding for an existing user (resend, lost-device reset, "ask to set up MFA"):
 * first the inline policy that ends the invite at `expiresAt`, then the tag that lets the user
 * register a device without MFA. In that order, so the window is never open without its end.
 * Both calls overwrite what an earlier window left: running it again is safe.
 */
export async function openOnboardingWindow(iam: Iam, UserName: string, expiresAt: string): Promise<void> {
  await putInviteExpiry(iam, UserName, expiresAt);
  await tagAction('iam:TagUser', iam.send(new TagUserCommand({ UserName, Tags: [windowTag(expiresAt)] })));
}

const gone = (e: unknown) => {
  if (!isNoSuchEntity(e)) throw e;
};

/** Undo of putInviteExpiry; already gone counts as removed. */
export async function removeInviteExpiry(iam: Iam, UserName: string): Promise<void> {
  await tagAction('iam:DeleteUserPolicy', iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName: INVITE_EXPIRY_POLICY_NAME }))).catch(gone);
}

