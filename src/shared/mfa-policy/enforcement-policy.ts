/**
 * The MFA-enforcement policy the app creates, versions and attaches.
 *
 * Starts from AWS's documented "manage own credentials with MFA" policy and the seed-003
 * `policy-iam-user-duty`, and closes what they leave open to a leaked long-term key:
 * - without MFA a user may always change their password (it needs the current one), read the
 *   password policy, list and resync their own devices (two valid codes) and call
 *   sts:GetSessionToken (which no policy can control);
 * - registering a device without MFA (create / enable / delete the own virtual device, and the
 *   reads the wizard does first) is allowed only while the admin has opened onboarding for the
 *   user: the principal tag `iam-onboarding-window`. The user can never set that tag on
 *   themselves, and may remove it only with an MFA session (the wizard does, after "prove it");
 * - the device is exactly `mfa/${aws:username}` (no `-suffix`: user `bob` must not take or
 *   delete `bob-admin`'s device), and an explicit Deny without MFA on every other device and
 *   user keeps another policy (say one granting iam:*) from opening a hole.
 * Everything else is denied until `aws:MultiFactorAuthPresent` is true.
 */
import { ONBOARDING_WINDOW_TAG, WINDOW_CONDITION_KEY } from './onboarding-window';

export const ENFORCEMENT_POLICY_NAME = 'IamOnboardingEnforceMfa';
export const ENFORCEMENT_POLICY_DESCRIPTION =
  'Denies everything without MFA except password change and, while onboarding is open, registering the own virtual MFA device.';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Allowed without MFA at any time (resync needs two valid codes; ChangePassword the current password). */
export const ACTIONS_ALWAYS_ALLOWED_WITHOUT_MFA = [
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'iam:ListMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
] as const;

/** Allowed without MFA only while the onboarding window is open: the wizard's registration calls. */
export const ONBOARDING_ACTIONS = [
  'iam:GetUser',
  'iam:GetLoginProfile',
  'iam:CreateVirtualMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:EnableMFADevice',
] as const;

/** Every action a user without MFA may ever call (the second group only while onboarding is open). */
export const ACTIONS_ALLOWED_WITHOUT_MFA = [...ACTIONS_ALWAYS_ALLOWED_WITHOUT_MFA, ...ONBOARDING_ACTIONS] as const;

const NO_MFA = { 'aws:MultiFactorAuthPresent': 'false' };

export function buildEnforcementPolicy(partition = 'aws'): PolicyDocument {
  const ownUser = [
    `arn:${partition}:iam::*:user/\${aws:username}`,
    `arn:${partition}:iam::*:user/*/\${aws:username}`,
  ];
  const ownMfa = `arn:${partition}:iam::*:mfa/\${aws:username}`;
  const windowKey = [ONBOARDING_WINDOW_TAG];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowViewAccountInfo',
        Effect: 'Allow',
        Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
        Resource: '*',
      },
      {
        Sid: 'AllowManageOwnPasswordAndProfile',
        Effect: 'Allow',
        Action: ['iam:ChangePassword', 'iam:GetUser', 'iam:GetLoginProfile'],
        Resource: ownUser,
      },
      {
        Sid: 'AllowManageOwnAccessKeys',
        Effect: 'Allow',
        Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:GetAccessKeyLastUsed'],
        Resource: ownUser,
      },
      {
        Sid: 'AllowManageOwnVirtualMFADevice',
        Effect: 'Allow',
        Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
        Resource: ownMfa,
      },
      {
        Sid: 'AllowManageOwnUserMFA',
        Effect: 'Allow',
        Action: ['iam:DeactivateMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
        Resource: ownUser,
      },
      {
        // Closing the window needs an MFA session (the Deny below refuses UntagUser without MFA).
        Sid: 'AllowCloseOwnOnboardingWindow',
        Effect: 'Allow',
        Action: 'iam:UntagUser',
        Resource: ownUser,
        Condition: {
          'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': windowKey },
          // AWS's advice with ForAllValues (true when no key is sent); an UntagUser without keys removes nothing.
          // Stryker disable next-line ObjectLiteral: equivalent — without tag keys the call changes nothing
          Null: { 'aws:TagKeys': 'false' },
        },
      },
      {
        Sid: 'DenyReopenOwnOnboardingWindow',
        Effect: 'Deny',
        Action: 'iam:TagUser',
        Resource: ownUser,
        Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': windowKey } },
      },
      {
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: [...ACTIONS_ALLOWED_WITHOUT_MFA],
        Resource: '*',
        Condition: { BoolIfExists: NO_MFA },
      },
      {
        Sid: 'DenyRegistrationIfNoMFAOutsideOnboarding',
        Effect: 'Deny',
        Action: [...ONBOARDING_ACTIONS],
        Resource: '*',
        Condition: { BoolIfExists: NO_MFA, Null: { [WINDOW_CONDITION_KEY]: 'true' } },
      },
      {
        Sid: 'DenyOtherMFADevicesIfNoMFA',
        Effect: 'Deny',
        Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'],
        NotResource: ownMfa,
        Condition: { BoolIfExists: NO_MFA },
      },
      {
        Sid: 'DenyOtherUsersIfNoMFA',
        Effect: 'Deny',
        Action: [
          'iam:ChangePassword',
          'iam:GetUser',
          'iam:GetLoginProfile',
          'iam:EnableMFADevice',
          'iam:ListMFADevices',
          'iam:ResyncMFADevice',
        ],
        NotResource: ownUser,
        Condition: { BoolIfExists: NO_MFA },
      },
    ],
  };
}

/** Canonical JSON for comparing a stored policy version with the generated one. */
export function canonicalPolicyJson(doc: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, x]) => [k, sort(x)]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(doc));
}
