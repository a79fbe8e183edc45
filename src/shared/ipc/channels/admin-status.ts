import { z } from 'zod';
import { defineChannel } from '../define';
import { totpCodeSchema } from './resync';
import { USER_STATUSES } from '../../admin-limits';

/** IAM user names: [\w+=,.@-]{1,64}. */
const userName = z.string().regex(/^[\w+=,.@-]{1,64}$/);
const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/);
const serialNumber = z.string().min(9).max(256);
/** The save dialog's title and file-type name, in the admin's language. */
const dialogText = { dialogTitle: z.string().max(200), filterName: z.string().max(100) };


export const statusKeySchema = z.object({
  /** null when the row comes from the credential report (it has no key ids): the user's detail has them. */
  accessKeyId: z.string().nullable(),
  /** access_key_1 / access_key_2 of the credential report; null in a live read. */
  slot: z.number().int().min(1).max(2).nullable(),
  status: z.enum(['Active', 'Inactive']),
  createDate: z.string().nullable(),
  ageDays: z.number().nullable(),
  /** null = never used (or unknown when `lastUsedKnown` is false). */
  lastUsedDate: z.string().nullable(),
  lastUsedKnown: z.boolean(),
  /** Left from an invite: never used, or the user has a console password and no MFA yet (see user-status.ts). */
  bootstrap: z.boolean(),
});

export const statusMfaDeviceSchema = z.object({
  serialNumber: z.string(),
  kind: z.enum(['virtual', 'hardware', 'securityKey']),
  enableDate: z.string().nullable(),
});

/** Where a row's facts come from: the account-wide sources, a read of this one user, or not read yet. */
export const ROW_SOURCES = ['report', 'live', 'notRead'] as const;

/**
 * One user as the status table shows it. A field is null when it is not known: the admin may not
 * read it (see `missingPermissions`), or the source does not have it (the credential report has no
 * key ids and no device serials; the user's detail, read on demand, has them).
 */
export const userStatusRowSchema = z.object({
  userName: z.string(),
  arn: z.string(),
  createDate: z.string().nullable(),
  status: z.enum(USER_STATUSES),
  consolePassword: z.boolean().nullable(),
  /** From the credential report this is inferred (see README, "Onboarding status at scale"). */
  passwordResetRequired: z.boolean().nullable(),
  mfaActive: z.boolean().nullable(),
  mfaDevices: z.array(statusMfaDeviceSchema).nullable(),
  accessKeys: z.array(statusKeySchema).nullable(),
  passwordLastUsed: z.string().nullable(),
  groups: z.array(z.string()).nullable(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })).nullable(),
  /** Names of the user's inline policies and ARNs of its attached managed policies. */
  inlinePolicies: z.array(z.string()).nullable(),
  attachedPolicies: z.array(z.string()).nullable(),
  source: z.enum(ROW_SOURCES),
  /**
   * Onboarding opened by the admin (the user's window tag; see onboardingWindowState): open,
   * until when, and whether that is past (the invite can do nothing any more: offer a resend).
   * null when the tags could not be read.
   */
  onboardingWindow: z.object({ open: z.boolean(), expiresAt: z.string().nullable(), expired: z.boolean() }).nullable(),
  /** IAM actions that were denied while reading this user. */
  missingPermissions: z.array(z.string()),
});

export type UserStatusRow = z.output<typeof userStatusRowSchema>;
export type StatusKey = z.output<typeof statusKeySchema>;

/** What a new invite produced: the file, and the temporary password (shown once). */
const invitedSchema = z.object({
  saved: z.boolean(),
  userName: z.string(),
  savedPath: z.string().nullable(),
  expiresAt: z.string().nullable(),
  deletedKeyIds: z.array(z.string()),
  newAccessKeyId: z.string().nullable(),
  removedMfaDevices: z.array(z.string()),
  temporaryPassword: z.string().optional(),
});

export type InviteIssued = z.output<typeof invitedSchema>;


/** Column headings and values of the CSV, in the admin's language (the file is for people). */
export const csvLabelsSchema = z
  .object({
    header: z.array(z.string().max(100)).length(10),
    status: z.record(z.enum(USER_STATUSES), z.string().max(100)),
    yes: z.string().max(20),
    no: z.string().max(20),
    unknown: z.string().max(20),
    /** "key" in "key 1": rows from the credential report name keys by slot, not id. */
    keySlot: z.string().max(20),
  })
  .strict();

export const adminStatusChannels = {
  /**
   * Every user with its onboarding state, from the credential report and GetAccountAuthorizationDetails
   * (a handful of calls for any number of users); users the report cannot place are read one by one,
   * up to a few. Without permission for those sources: iam:ListUsers + per-user reads.
   */
  'admin:status:list': defineChannel({
    input: z.object({}).strict(),
    output: z.object({
      users: z.array(userStatusRowSchema),
      listedAt: z.string(),
      /** The credential report the rows come from: when AWS generated it, and when it can make the next. */
      report: z.object({ generatedAt: z.string(), nextAt: z.string() }).nullable(),
      /** Why the account-wide sources were not used (the permission missing), when they were not. */
      reportUnavailable: z.string().nullable(),
      /** Users left unread (status unknown until opened): more were outside the report than are read one by one. */
      notRead: z.number(),
    }),
  }),
  /** One user read now (login profile, MFA devices, keys with ids and last use, tags, groups): the panel's detail. */
  'admin:status:detail': defineChannel({
    input: z.object({ userName }).strict(),
    output: userStatusRowSchema,
  }),
  /**
   * New temporary password + new bootstrap key + new invite. Deletes the confirmed bootstrap keys
   * that still are bootstrap keys, and any key never used. Asks where to save first.
   */
  'admin:status:resendInvite': defineChannel({
    input: z
      .object({ userName, deleteKeyIds: z.array(accessKeyId).max(10), validDays: z.number().int().min(1).max(30), ...dialogText })
      .strict(),
    output: invitedSchema,
  }),
  /**
   * Deactivates (and deletes, if virtual) the confirmed MFA devices, then issues a new invite as above,
   * replacing every confirmed key, in use or not (status-rules.ts, KeysReplaced).
   */
  'admin:status:resetMfa': defineChannel({
    input: z
      .object({
        userName,
        serialNumbers: z.array(serialNumber).min(1).max(8),
        deleteKeyIds: z.array(accessKeyId).max(10),
        validDays: z.number().int().min(1).max(30),
        ...dialogText,
      })
      .strict(),
    output: invitedSchema,
  }),
  /** Deletes the confirmed keys that are still bootstrap keys. */
  'admin:status:removeBootstrapKeys': defineChannel({
    input: z.object({ userName, accessKeyIds: z.array(accessKeyId).min(1).max(10) }).strict(),
    output: z.object({ deletedKeyIds: z.array(z.string()), keptKeyIds: z.array(z.string()) }),
  }),
  /** iam:ResyncMFADevice with the two consecutive codes the user reads out. */
  'admin:status:resync': defineChannel({
    input: z.object({ userName, serialNumber, code1: totpCodeSchema, code2: totpCodeSchema }).strict(),
    output: z.object({ resynced: z.literal(true) }),
  }),
  /**
   * "Ask this user to set up MFA": opens onboarding for a user without an MFA device (one the app
   * did not create, or whose policy is group-attached), without new credentials: the user
   * registers a device with their own key or in the console, until `expiresAt`.
   */
  'admin:status:askMfaSetup': defineChannel({
    input: z.object({ userName, validDays: z.number().int().min(1).max(30) }).strict(),
    output: z.object({ userName: z.string(), expiresAt: z.string(), deviceName: z.string() }),
  }),
  /** Puts the last temporary password on the clipboard, cleared after 30 s. */
  'admin:status:copyPassword': defineChannel({
    input: z.object({ userName }).strict(),
    output: z.object({ copied: z.literal(true), clearAfterMs: z.number() }),
  }),
  /** The admin closed the result: drop the temporary password from memory. */
  'admin:status:dismiss': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ dismissed: z.literal(true) }),
  }),
  /** Writes the listed users (those named, in that order) as CSV; no secrets. */
  'admin:status:exportCsv': defineChannel({
    input: z.object({ userNames: z.array(userName).max(10_000), labels: csvLabelsSchema, ...dialogText }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number() }),
  }),
} as const;

export const adminStatusEvents = {} as const;
