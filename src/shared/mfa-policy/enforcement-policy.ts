/**
 * The MFA-enforcement policy the app creates, versions and attaches.
 *
 * Starts from AWS's documented "manage own credentials with MFA" policy and the seed-003
 * `policy-iam-user-duty`, and fixes what they get wrong for a first sign-in:
 * - a user without MFA may change the (temporary) password and read the password policy,
 *   otherwise `PasswordResetRequired` locks a new user out before MFA can be registered;
 * - they may delete their own *unassigned* virtual device (IAM refuses to delete an assigned
 *   one with DeleteConflict), so an abandoned attempt can be recovered;
 * - MFA device resources are scoped to the user's own name, also for users with a path.
 * Everything else is denied until `aws:MultiFactorAuthPresent` is true.
 */

export const ENFORCEMENT_POLICY_NAME = 'IamOnboardingEnforceMfa';
export const ENFORCEMENT_POLICY_DESCRIPTION =
  'Allows first sign-in (password change, own virtual MFA registration) and denies everything else until MFA is used.';

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

/** Actions a user without MFA needs for exactly the onboarding wizard's calls. */
export const ACTIONS_ALLOWED_WITHOUT_MFA = [
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'iam:GetUser',
  'iam:GetLoginProfile',
  'iam:CreateVirtualMFADevice',
  'iam:DeleteVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'sts:GetSessionToken',
] as const;

export function buildEnforcementPolicy(partition = 'aws'): PolicyDocument {
  const ownUser = [
    `arn:${partition}:iam::*:user/\${aws:username}`,
    `arn:${partition}:iam::*:user/*/\${aws:username}`,
  ];
  const ownMfa = [
    `arn:${partition}:iam::*:mfa/\${aws:username}`,
    `arn:${partition}:iam::*:mfa/\${aws:username}-*`,
  ];
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
        Action: [
          'iam:CreateAccessKey',
          'iam:DeleteAccessKey',
          'iam:ListAccessKeys',
          'iam:UpdateAccessKey',
          'iam:GetAccessKeyLastUsed',
        ],
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
        Sid: 'DenyAllExceptListedIfNoMFA',
        Effect: 'Deny',
        NotAction: [...ACTIONS_ALLOWED_WITHOUT_MFA],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
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

const FIRST_SIGN_IN_ACTIONS = ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'] as const;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const actionMatches = (pattern: string, action: string): boolean => {
  const re = new RegExp(
    '^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$',
    'i',
  );
  return re.test(action);
};

const isNoMfaCondition = (c: PolicyStatement['Condition']): boolean =>
  !!c &&
  Object.entries(c).some(
    ([op, kv]) =>
      /^Bool(IfExists)?$/i.test(op) &&
      Object.entries(kv).some(
        ([k, v]) => k.toLowerCase() === 'aws:multifactorauthpresent' && asList(v).some((x) => String(x) === 'false'),
      ),
  );

/**
 * Finds the seed-003 defect in any policy: a Deny-without-MFA statement (NotAction style) that
 * does not exempt the first-sign-in actions, so a user who must reset a temporary password
 * cannot do so before registering MFA. Returns the blocked actions (empty when the policy is safe).
 */
export function findFirstSignInBlockers(doc: unknown): string[] {
  const statements = (doc as { Statement?: PolicyStatement | PolicyStatement[] })?.Statement;
  const list = asList(statements as never) as unknown as PolicyStatement[];
  const blocked = new Set<string>();
  for (const s of list) {
    if (!s || s.Effect !== 'Deny' || !isNoMfaCondition(s.Condition)) continue;
    for (const action of FIRST_SIGN_IN_ACTIONS) {
      const denied = s.NotAction
        ? !asList(s.NotAction).some((p) => actionMatches(p, action))
        : asList(s.Action).some((p) => actionMatches(p, action));
      if (denied) blocked.add(action);
    }
  }
  return [...blocked];
}
