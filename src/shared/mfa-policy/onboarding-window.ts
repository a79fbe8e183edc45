/**
 * The onboarding window: while it is open, a user without MFA may register their own virtual
 * device (the enforcement policy denies it otherwise). It is a principal tag the admin sets, and a
 * per-user inline policy with the window's literal expiry date.
 *
 * Why a tag and a literal date, not "aws:CurrentTime compared with a tag": AWS does not allow
 * policy variables with the Date condition operators ("You cannot use a policy variable with the
 * Date condition operator", IAM User Guide, reference_policies_examples_aws-dates), so the date
 * must be written into a policy by the admin, per user.
 */
import type { PolicyDocument } from './enforcement-policy';

/** Principal tag key that opens the window; its value is the window's expiry (ISO 8601, UTC). */
export const ONBOARDING_WINDOW_TAG = 'iam-onboarding-window';
/** Inline user policy that makes the invite's credentials useless after the expiry. */
export const INVITE_EXPIRY_POLICY_NAME = 'IamOnboardingInviteExpiry';

export const WINDOW_CONDITION_KEY = `aws:PrincipalTag/${ONBOARDING_WINDOW_TAG}`;

/** ISO 8601 without milliseconds (what IAM's Date operators and tag values accept). */
export function windowDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * After `expiresAt`, while the window tag is still on the user (the invite was never used to
 * finish onboarding), deny everything that is not done with MFA: the invite's bootstrap key and
 * temporary password can then do nothing, not even change the password or register a device.
 * Once the wizard closes the window (removes the tag with an MFA session) the statement is inert;
 * a resend or reset writes it again with the new date.
 */
export function buildInviteExpiryPolicy(expiresAt: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyAllWithoutMfaAfterInviteExpiry',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
          DateGreaterThan: { 'aws:CurrentTime': expiresAt },
          Null: { [WINDOW_CONDITION_KEY]: 'false' },
        },
      },
    ],
  };
}

export interface OnboardingWindowState {
  /** The admin has opened onboarding for this user (the tag is on the user). */
  open: boolean;
  /** When the invite stops working (null when closed or the tag value is not a date). */
  expiresAt: string | null;
  /** Open but past its expiry: the invite can do nothing any more; offer a resend. */
  expired: boolean;
}

/** The window's state from a user's tags (case-insensitive key, as IAM treats tag keys in conditions). */
export function onboardingWindowState(tags: ReadonlyArray<{ key: string; value: string }>, nowMs: number): OnboardingWindowState {
  const tag = tags.find((t) => t.key.toLowerCase() === ONBOARDING_WINDOW_TAG);
  if (!tag) return { open: false, expiresAt: null, expired: false };
  const ms = Date.parse(tag.value);
  if (Number.isNaN(ms)) return { open: true, expiresAt: null, expired: false };
  return { open: true, expiresAt: windowDate(ms), expired: ms < nowMs };
}
