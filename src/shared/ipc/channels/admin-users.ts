import { z } from 'zod';
import { checkIamPath, checkTag, checkUserName } from '../../iam-names/iam-names';
import { defineChannel } from '../define';
import { MAX_GROUPS_PER_USER, MAX_TAGS_PER_USER, INVITE_DAYS_MAX } from '../../admin-limits';

/** IAM group names: [\w+=,.@-]{1,128}. */
const groupName = z.string().regex(/^[\w+=,.@-]{1,128}$/);
const runId = z.string().regex(/^[0-9a-f-]{8,64}$/);

/** An AWS limit: a user belongs to at most 10 groups. */

export const createUserInputSchema = z
  .object({
    userName: z.string().refine((n) => checkUserName(n).length === 0),
    path: z
      .string()
      .refine((p) => checkIamPath(p).length === 0)
      .optional(),
    groups: z.array(groupName).max(MAX_GROUPS_PER_USER),
    tags: z
      .array(z.object({ key: z.string(), value: z.string() }).strict().refine((t) => checkTag(t.key, t.value).length === 0))
      .max(MAX_TAGS_PER_USER),
    /** Where the enforcement policy goes: on the user (default) or on one of the chosen groups. */
    attachPolicyTo: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('user') }).strict(),
      z.object({ kind: z.literal('group'), groupName }).strict(),
    ]),
    inviteValidDays: z.number().int().min(1).max(INVITE_DAYS_MAX),
  })
  .strict()
  .refine((i) => new Set(i.groups).size === i.groups.length, { path: ['groups'] })
  .refine((i) => new Set(i.tags.map((t) => t.key)).size === i.tags.length, { path: ['tags'] })
  .refine((i) => i.attachPolicyTo.kind === 'user' || i.groups.includes(i.attachPolicyTo.groupName), { path: ['attachPolicyTo'] });

export type CreateUserInput = z.output<typeof createUserInputSchema>;

const errorShape = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  retryable: z.boolean().optional(),
});

export const PROVISION_STEP_KINDS = ['createUser', 'createLoginProfile', 'attachPolicy', 'addToGroup', 'createAccessKey', 'inviteExpiry'] as const;
export type ProvisionStepKind = (typeof PROVISION_STEP_KINDS)[number];

export const provisionStepSchema = z.object({
  id: z.string(),
  kind: z.enum(PROVISION_STEP_KINDS),
  /** The group, for addToGroup and for attachPolicy via a group. */
  group: z.string().optional(),
  status: z.enum(['pending', 'running', 'done', 'failed', 'undoing', 'undone', 'undoFailed']),
  error: errorShape.optional(),
});

/** What the screen sees of a provisioning run. No secrets: those stay in main. */
export const provisionRunSchema = z.object({
  runId: z.string(),
  userName: z.string(),
  phase: z.enum(['running', 'failed', 'done', 'undoing', 'undone', 'undoFailed']),
  steps: z.array(provisionStepSchema),
  /** The error that stopped the run (or the undo). */
  error: errorShape.optional(),
  accessKeyId: z.string().nullable(),
  /** False when the run has changed nothing in the account (e.g. CreateUser denied): no undo needed. */
  somethingCreated: z.boolean(),
  /**
   * A newer invite was issued for this user since this run (status tab: resend, lost-device
   * reset): this run's key is deleted and its password replaced, so it can no longer save an invite.
   */
  superseded: z.boolean(),
  /** For the invite and the message to the new user; set once every step is done. */
  invite: z
    .object({
      fileName: z.string(),
      accountId: z.string(),
      accountAlias: z.string().nullable(),
      consoleUrl: z.string(),
      validDays: z.number(),
      savedPath: z.string().nullable(),
      expiresAt: z.string().nullable(),
    })
    .nullable(),
});

export type ProvisionStep = z.output<typeof provisionStepSchema>;
export type ProvisionRun = z.output<typeof provisionRunSchema>;

const byRun = z.object({ runId }).strict();

export const adminUsersChannels = {
  /** Every IAM group in the account (all pages), for the multi-select. */
  'admin:users:listGroups': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ groups: z.array(z.object({ groupName: z.string(), path: z.string() })) }),
  }),
  /** Checks the name (iam:GetUser) and runs every step; progress arrives as `admin:users:progress`. */
  'admin:users:create': defineChannel({ input: createUserInputSchema, output: provisionRunSchema }),
  /** Continues a failed run from the failed step. */
  'admin:users:retry': defineChannel({ input: byRun, output: provisionRunSchema }),
  /** Removes, in reverse, what this run created. */
  'admin:users:undo': defineChannel({ input: byRun, output: provisionRunSchema }),
  /** Encrypts the invite, asks where to save it, writes it (0600). The temporary password comes back the first time only. */
  'admin:users:saveInvite': defineChannel({
    /** The dialog's title and file-type name come from the renderer, in the admin's language. */
    input: z.object({ runId, dialogTitle: z.string().max(200), filterName: z.string().max(100) }).strict(),
    output: z.object({
      saved: z.boolean(),
      run: provisionRunSchema,
      temporaryPassword: z.string().optional(),
    }),
  }),
  /** Puts the temporary password on the clipboard, cleared after 30 s. */
  'admin:users:copyPassword': defineChannel({
    input: byRun,
    output: z.object({ copied: z.literal(true), clearAfterMs: z.number() }),
  }),
  /** Puts the message for the new user on the clipboard (refused if it holds a secret). */
  'admin:users:copyMessage': defineChannel({
    input: z.object({ runId, text: z.string().min(1).max(4000) }).strict(),
    output: z.object({ copied: z.literal(true) }),
  }),
  /** The run still in this session (e.g. a failed one the admin must retry or undo), or null. */
  'admin:users:current': defineChannel({
    input: z.object({}).strict(),
    output: provisionRunSchema.nullable(),
  }),
  /** The admin left the result screen: wipe the password and secret key from memory. */
  'admin:users:dismiss': defineChannel({
    input: byRun,
    output: z.object({ dismissed: z.literal(true) }),
  }),
} as const;

export const adminUsersEvents = {
  /** A step of a run changed state. */
  'admin:users:progress': provisionRunSchema,
} as const;
