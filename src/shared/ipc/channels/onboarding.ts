import { z } from 'zod';
import { defineChannel } from '../define';
import { CLI_PROFILE_NAME } from '../../cli/try-command';

/** The wizard's steps, in order. 'signIn' is the first screen; 'done' is the finish screen. */
export const onboardingStepSchema = z.enum(['signIn', 'password', 'mfa', 'prove', 'finish']);
export type OnboardingStep = z.infer<typeof onboardingStepSchema>;

export const onboardingIdentitySchema = z.object({
  userName: z.string(),
  accountId: z.string(),
  accountAlias: z.string().nullable(),
  arn: z.string(),
});
export type OnboardingIdentity = z.infer<typeof onboardingIdentitySchema>;

const passwordPolicySchema = z.object({
  minimumPasswordLength: z.number(),
  requireSymbols: z.boolean(),
  requireNumbers: z.boolean(),
  requireUppercaseCharacters: z.boolean(),
  requireLowercaseCharacters: z.boolean(),
  allowUsersToChangePassword: z.boolean(),
  expirePasswords: z.boolean(),
  maxPasswordAge: z.number().nullable(),
  passwordReusePrevention: z.number().nullable(),
  hardExpiry: z.boolean(),
  defaultRules: z.literal(true).optional(),
});

const secret = (max: number) => z.string().min(1).max(max);
const sixDigits = z.string().trim().max(12);

export const onboardingChannels = {
  /** Opens the file dialog and returns the chosen invite (still encrypted, so it may cross the seam). */
  'onboarding:chooseInviteFile': defineChannel({
    /** The dialog's title and filter label, in the user's language. */
    input: z.object({ title: z.string().max(200), filterName: z.string().max(100) }).strict(),
    output: z.union([
      z.object({ chosen: z.literal(true), fileName: z.string(), base64: z.string() }),
      z.object({ chosen: z.literal(false) }),
    ]),
  }),
  /** Decrypts the invite (or takes typed values), verifies the caller and finds where to resume. */
  'onboarding:signIn': defineChannel({
    input: z.discriminatedUnion('method', [
      z
        .object({
          method: z.literal('invite'),
          inviteBase64: z.string().min(1).max(120_000),
          temporaryPassword: secret(128),
        })
        .strict(),
      z
        .object({
          method: z.literal('manual'),
          accountId: z.string().trim().regex(/^\d{12}$/),
          userName: z.string().trim().min(1).max(64),
          accessKeyId: z.string().trim().regex(/^AKIA[A-Z0-9]{12,124}$/),
          secretAccessKey: z.string().trim().min(16).max(128),
          temporaryPassword: secret(128),
        })
        .strict(),
    ]),
    output: z.object({
      identity: onboardingIdentitySchema,
      step: onboardingStepSchema,
      resumed: z.object({
        passwordAlreadyChanged: z.boolean(),
        noConsolePassword: z.boolean(),
        mfaAlreadyEnabled: z.boolean(),
      }),
      /** Desktop minus AWS time in seconds, when it is off by more than a few seconds. */
      desktopSkewSeconds: z.number().nullable(),
    }),
  }),
  'onboarding:passwordPolicy': defineChannel({
    input: z.object({}).strict(),
    output: z.object({
      policy: passwordPolicySchema,
      /** 'account': the account's policy; otherwise AWS's default rules, and why. */
      source: z.enum(['account', 'awsDefaultUnset', 'awsDefaultDenied']),
      userName: z.string(),
    }),
  }),
  'onboarding:changePassword': defineChannel({
    input: z.object({ newPassword: secret(128) }).strict(),
    output: z.object({ changed: z.literal(true), alreadyChanged: z.boolean() }),
  }),
  /** Creates (or re-creates) the virtual device; returns only the QR image, never the seed. Idempotent. */
  'onboarding:startMfa': defineChannel({
    input: z.object({}).strict(),
    output: z.object({
      qrDataUrl: z.string().startsWith('data:image/png;base64,'),
      issuer: z.string(),
      accountName: z.string(),
      /** AWS time minus desktop time in ms, for the countdown. */
      serverOffsetMs: z.number(),
      replacedAbandonedDevice: z.boolean(),
      desktopSkewSeconds: z.number().nullable(),
    }),
  }),
  /** The seed in groups of four, for typing into an app by hand (on demand only). */
  'onboarding:showMfaKey': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ key: z.string() }),
  }),
  /** The manual-entry key to the clipboard (for a desktop authenticator), cleared after 30 s. */
  'onboarding:copyMfaKey': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ copied: z.literal(true), clearAfterMs: z.number() }),
  }),
  'onboarding:enableMfa': defineChannel({
    input: z.object({ code1: sixDigits, code2: sixDigits }).strict(),
    output: z.object({ enabled: z.literal(true) }),
  }),
  'onboarding:proveMfa': defineChannel({
    input: z.object({ code: sixDigits }).strict(),
    output: z.object({ proven: z.literal(true), expiresAt: z.string().nullable() }),
  }),
  'onboarding:finish': defineChannel({
    input: z.object({ keepCliAccess: z.boolean() }).strict(),
    output: z.object({
      consoleUrl: z.string(),
      /** The invite's bootstrap key is gone (always, once finish succeeds). */
      keyDeleted: z.boolean(),
      /** The onboarding window is closed: the long-term key can register no MFA device any more. */
      windowClosed: z.boolean(),
      /** Command-line access: an AWS profile whose credential_process asks for an MFA code once per session. */
      profile: z
        .object({
          name: z.string(),
          preferredName: z.string(),
          configFile: z.string(),
          /** Where the app keeps the profile's key (and the cached MFA session). */
          storeFile: z.string(),
          /** 'keychain': encrypted by the OS keychain; 'plain': no keychain here, readable by this user only. */
          protection: z.enum(['keychain', 'plain']),
          mfaSerial: z.string(),
        })
        .nullable(),
    }),
  }),
  /** The first command to try with the new profile to the clipboard (built here from the name; not a secret). */
  'onboarding:copyCliCommand': defineChannel({
    input: z.object({ profile: z.string().regex(CLI_PROFILE_NAME) }).strict(),
    output: z.object({ copied: z.literal(true) }),
  }),
  /** The user left the wizard: drop every secret held for it. */
  'onboarding:cancel': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ wiped: z.literal(true) }),
  }),
} as const;

export const onboardingEvents = {} as const;
