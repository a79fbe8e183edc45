import { z } from 'zod';
import { defineChannel } from '../define';

export const adminIdentitySchema = z.object({
  arn: z.string(),
  accountId: z.string(),
  userId: z.string(),
  accountAlias: z.string().nullable(),
  method: z.enum(['profile', 'sso', 'keys']),
  source: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** The role session in use in another account (the account switcher); null for the signed-in identity. */
  role: z.object({ roleName: z.string(), via: z.enum(['assumeRole', 'sso']), accountName: z.string().nullable() }).nullable(),
  /** The signed-in identity while a role session is in use ("back to …"). */
  home: z.object({ arn: z.string(), accountId: z.string(), accountAlias: z.string().nullable() }).nullable(),
});

const empty = z.object({}).strict();

export const profileKindSchema = z.enum(['keys', 'assumeRole', 'sso', 'process', 'other']);

export const awsProfileSchema = z.object({
  name: z.string(),
  region: z.string().nullable(),
  kind: profileKindSchema,
  /** The profile asks for an MFA code (mfa_serial set). */
  mfa: z.boolean(),
  /** What it points at, for the list: a role ARN or an SSO start URL. */
  target: z.string().nullable(),
});

/** A profile sign-in either finished or is waiting for the MFA code of `mfaSerial`. */
const profileSignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signedIn'), identity: adminIdentitySchema }),
  z.object({ status: z.literal('mfaCodeNeeded'), mfaSerial: z.string(), profile: z.string() }),
]);

const checkValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** When AWS generated the credential report a check used, and when it can make the next one (4 hours later). */
export const reportAgeSchema = z.object({ generatedAt: z.string(), nextAt: z.string() });

export const readinessCheckSchema = z.object({
  id: z.enum(['rootMfa', 'rootKeys', 'passwordPolicy', 'enforcementPolicy', 'consoleUsersWithoutMfa', 'oldAccessKeys', 'credentialReport']),
  status: z.enum(['ok', 'fail', 'unknown']),
  /** For `unknown`: the IAM action the admin may not call, and the AWS error name. */
  missingPermission: z.string().nullable(),
  errorCode: z.string().nullable(),
  passwordPolicy: z
    .object({
      present: z.boolean(),
      diff: z.array(z.object({ field: z.string(), current: checkValue, target: checkValue })),
      /** The account's expiry today (the baseline adds none, and never removes one): null = passwords do not expire. */
      expiry: z.object({ maxPasswordAge: z.number().nullable(), hardExpiry: z.boolean() }),
    })
    .nullable(),
  policyState: z.enum(['missing', 'current', 'outdated']).nullable(),
  users: z.array(z.string()),
  /** From the credential report keys have a slot (access_key_1/2) and no id; read user by user, an id. */
  keys: z.array(z.object({ userName: z.string(), accessKeyId: z.string().nullable(), slot: z.number().nullable(), ageDays: z.number(), lastUsedDate: z.string().nullable() })),
  /** The credential report this row was answered from; null when read user by user. */
  report: reportAgeSchema.nullable(),
});

export const policyBlockerSchema = z.object({
  policyName: z.string(),
  kind: z.enum(['managed', 'userInline', 'groupInline']),
  /** The user or group an inline policy lives in; null for managed. */
  owner: z.string().nullable(),
  blockedActions: z.array(z.string()),
  /** Users the policy applies to (directly or through a group). */
  users: z.array(z.string()),
  /** Of those, the ones who must change their password at next sign-in: locked out today. */
  lockedOut: z.array(z.string()),
});

const decision = z.enum(['allowed', 'explicitDeny', 'implicitDeny']);

export const adminChannels = {
  /** Sign in with an access key typed in (the UI warns that a profile or SSO is better). */
  'admin:signInWithKeys': defineChannel({
    input: z
      .object({
        accessKeyId: z.string().trim().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/),
        secretAccessKey: z.string().trim().min(16).max(128),
        sessionToken: z.string().trim().max(4096).optional(),
      })
      .strict(),
    output: adminIdentitySchema,
  }),
  'admin:identity': defineChannel({ input: empty, output: adminIdentitySchema.nullable() }),
  'admin:signOut': defineChannel({ input: empty, output: z.object({ signedOut: z.literal(true) }) }),

  /** Profiles in the AWS config + credentials files (names and kinds, never keys). */
  'admin:listProfiles': defineChannel({
    input: empty,
    output: z.object({ configFile: z.string(), credentialsFile: z.string(), profiles: z.array(awsProfileSchema) }),
  }),
  'admin:signInWithProfile': defineChannel({
    input: z.object({ profile: z.string().min(1).max(128) }).strict(),
    output: profileSignInResult,
  }),
  /** The code a profile's MFA prompt waits for. */
  'admin:submitMfaCode': defineChannel({
    input: z.object({ code: z.string().trim().regex(/^\d{6}$/) }).strict(),
    output: profileSignInResult,
  }),
  /** Stops a pending profile MFA prompt or SSO device sign-in (the poll loop ends). */
  'admin:cancelSignIn': defineChannel({ input: empty, output: z.object({ cancelled: z.literal(true) }) }),

  'admin:ssoStart': defineChannel({
    input: z
      .object({
        startUrl: z.string().trim().url().max(512),
        region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
      })
      .strict(),
    output: z.object({ userCode: z.string(), verificationUri: z.string(), expiresAt: z.string(), opened: z.boolean() }),
  }),
  /** Polls CreateToken until the user approved (or it expired / was cancelled), then lists the accounts. */
  'admin:ssoWait': defineChannel({
    input: empty,
    output: z.object({ accounts: z.array(z.object({ accountId: z.string(), accountName: z.string(), emailAddress: z.string() })) }),
  }),
  'admin:ssoListRoles': defineChannel({
    input: z.object({ accountId: z.string().regex(/^\d{12}$/) }).strict(),
    output: z.object({ roles: z.array(z.string()) }),
  }),
  'admin:ssoSignIn': defineChannel({
    input: z.object({ accountId: z.string().regex(/^\d{12}$/), roleName: z.string().min(1).max(128) }).strict(),
    output: adminIdentitySchema,
  }),

  'admin:readiness': defineChannel({
    input: empty,
    output: z.object({
      checks: z.array(readinessCheckSchema),
      /** When AWS generated the credential report the user checks used (null when it could not be read). */
      reportGeneratedAt: z.string().nullable(),
      checkedAt: z.string(),
    }),
  }),
  /** Saves the credential report exactly as AWS produced it (CSV), after a save dialog. */
  'admin:credentialReport:save': defineChannel({
    input: z.object({ dialogTitle: z.string().max(200), filterName: z.string().max(100) }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), generatedAt: z.string(), users: z.number() }),
  }),
  /** Applies the CIS baseline (never weakening a stricter field). */
  'admin:applyCisPasswordPolicy': defineChannel({ input: empty, output: z.object({ applied: z.literal(true) }) }),

  'admin:policyStatus': defineChannel({
    input: empty,
    output: z.object({
      arn: z.string(),
      state: z.enum(['missing', 'current', 'outdated']),
      defaultVersionId: z.string().nullable(),
      versionCount: z.number(),
      /** When adding a version needs room: the oldest non-default version that would be deleted. */
      versionToDelete: z.string().nullable(),
      currentJson: z.string().nullable(),
      targetJson: z.string(),
      blockers: z.array(policyBlockerSchema),
      /** Set when the blocker scan was not allowed: the missing permission. */
      blockersUnknown: z.string().nullable(),
    }),
  }),
  /** Creates the policy, or adds a default version; `deleteVersionId` is the admin's consent to make room. */
  'admin:policyApply': defineChannel({
    input: z.object({ deleteVersionId: z.string().regex(/^v\d+$/).optional() }).strict(),
    output: z.object({ arn: z.string(), versionId: z.string(), deletedVersionId: z.string().nullable() }),
  }),
  'admin:policySimulate': defineChannel({
    input: empty,
    /** Without MFA while onboarding is open, without MFA otherwise, and with MFA. */
    output: z.object({ rows: z.array(z.object({ action: z.string(), withoutMfaOnboarding: decision, withoutMfa: decision, withMfa: decision })) }),
  }),
  'admin:listGroups': defineChannel({ input: empty, output: z.object({ groups: z.array(z.string()) }) }),
  /**
   * Attaches the policy to a group. Members without an MFA device would be locked out at once: the
   * first call only names them (attached: false) unless `confirmMembersWithoutMfa`; then onboarding
   * is opened for them first when `openOnboardingDays` is given.
   */
  'admin:attachPolicyToGroup': defineChannel({
    input: z
      .object({
        groupName: z.string().regex(/^[\w+=,.@-]{1,128}$/),
        confirmMembersWithoutMfa: z.boolean().optional(),
        openOnboardingDays: z.number().int().min(1).max(30).optional(),
      })
      .strict(),
    output: z.object({
      attached: z.boolean(),
      membersWithoutMfa: z.array(z.string()),
      /** The signed-in admin is one of them (their own keys would stop working without MFA). */
      includesYou: z.boolean(),
      openedFor: z.array(z.string()),
      expiresAt: z.string().nullable(),
    }),
  }),
} as const;

export const adminEvents = {} as const;
