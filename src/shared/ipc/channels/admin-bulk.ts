import { z } from 'zod';
import { defineChannel } from '../define';
import { BULK_CONCURRENCY_DEFAULT, BULK_CONCURRENCY_MAX, INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX, SHEET_PASSPHRASE_MIN } from '../../admin-limits';

const runId = z.string().regex(/^[0-9a-f-]{8,64}$/);
const dialogText = { dialogTitle: z.string().max(200) };


const errorShape = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  retryable: z.boolean().optional(),
});

export const rowProblemSchema = z.object({
  line: z.number(),
  userName: z.string(),
  code: z.string(),
  /** The cell: 1-based column number and the header as written in the file. */
  column: z.number().optional(),
  columnName: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A checked CSV: every problem at once; `ready` only when there are none. */
export const bulkImportSchema = z.object({
  fileName: z.string(),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'euc-kr', 'windows-1252']),
  delimiter: z.enum([',', ';', '\t']),
  rowCount: z.number(),
  /** Rows with no problem: what "skip the invalid rows and create the rest" would create. */
  validRowCount: z.number(),
  /** The first problems, by line (at most 500 are listed)… */
  problems: z.array(rowProblemSchema),
  /** …and how many there are. */
  problemCount: z.number(),
  /** A problem with the account rather than a row (e.g. the MFA policy does not exist yet). */
  blockers: z.array(errorShape),
  ready: z.boolean(),
  preview: z.array(z.object({ line: z.number(), userName: z.string(), email: z.string().nullable(), groups: z.array(z.string()), tagCount: z.number(), account: z.string().nullable(), accountId: z.string().nullable() })),
  /** Groups named in the file, for "attach the MFA policy to a group". */
  groups: z.array(z.string()),
  /**
   * With an `account` column: where the users go, each account once (id, name, how many users);
   * rows without a cell go to the account in use. Empty without the column.
   */
  accounts: z.array(z.object({ accountId: z.string(), name: z.string(), users: z.number() })),
});

export const BULK_USER_STATUSES = ['pending', 'running', 'done', 'failed'] as const;
export const BULK_RUN_PHASES = ['running', 'pausing', 'paused', 'cancelling', 'cancelled', 'done'] as const;

export const bulkUserSchema = z.object({
  userName: z.string(),
  /** The account the user goes to, when the file named one (else the run's). */
  accountId: z.string().nullable(),
  status: z.enum(BULK_USER_STATUSES),
  /** The step running now, or the one that failed. */
  step: z.string().nullable(),
  inviteFile: z.string().nullable(),
  error: errorShape.optional(),
  /** A temporary password can be copied (it is sealed in the journal). */
  hasPassword: z.boolean(),
});

/** What the screen sees of a bulk run. No secrets. */
export const bulkRunSchema = z.object({
  runId: z.string(),
  createdAt: z.string(),
  folder: z.string(),
  phase: z.enum(BULK_RUN_PHASES),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  running: z.number(),
  remaining: z.number(),
  /** Users finished per minute in this session, once there is something to measure. */
  ratePerMinute: z.number().nullable(),
  secondsLeft: z.number().nullable(),
  users: z.array(bulkUserSchema),
  summaryFile: z.string().nullable(),
  /** Passwords of an earlier session could not be unsealed (OS keychain changed): those users got new ones. */
  passwordsReissued: z.number(),
  /** The progress event this view is current with: events up to it are already in `users`. */
  seq: z.number(),
});

/**
 * A progress event: the counts, and only the users that changed since the previous event, so a
 * run's progress traffic grows with the number of users, not its square. Events are numbered;
 * after a gap the screen asks for the whole view again.
 */
export const bulkProgressSchema = bulkRunSchema.omit({ users: true }).extend({ changed: z.array(bulkUserSchema) });

export type BulkImport = z.output<typeof bulkImportSchema>;
export type BulkRun = z.output<typeof bulkRunSchema>;
export type BulkProgress = z.output<typeof bulkProgressSchema>;
export type BulkUser = z.output<typeof bulkUserSchema>;

export const savedRunSchema = z.object({
  runId: z.string(),
  createdAt: z.string(),
  accountId: z.string(),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  cancelled: z.boolean(),
  /** Signed in to the run's account: it can be resumed now. */
  sameAccount: z.boolean(),
  /** Its key is sealed to a passphrase (no OS keychain when it started): resuming asks for it. */
  needsPassphrase: z.boolean(),
});

const byRun = z.object({ runId }).strict();
const keyPassphrase = z.string().min(SHEET_PASSPHRASE_MIN).max(256);

export const adminBulkChannels = {
  /** Asks for a CSV, reads and checks it (file rules, then the account: existing users, unknown groups). */
  'admin:bulk:import': defineChannel({
    input: z.object({ ...dialogText, filterName: z.string().max(100) }).strict(),
    output: bulkImportSchema.nullable(),
  }),
  /** Reads the same file again, after the admin fixed it. */
  'admin:bulk:reimport': defineChannel({ input: z.object({}).strict(), output: bulkImportSchema }),
  /** Asks for the invite folder and starts the run of the last clean import; null when the dialog was cancelled. */
  'admin:bulk:start': defineChannel({
    input: z
      .object({
        ...dialogText,
        inviteValidDays: z.number().int().min(1).max(INVITE_DAYS_MAX).default(INVITE_DAYS_DEFAULT),
        concurrency: z.number().int().min(1).max(BULK_CONCURRENCY_MAX).default(BULK_CONCURRENCY_DEFAULT),
        /** null: the MFA policy on each user; else on this group (a group of the file). */
        attachTo: z.string().regex(/^[\w+=,.@-]{1,128}$/).nullable().default(null),
        /** Start with the rows that have no problem, leaving out the ones listed as problems. */
        skipInvalidRows: z.boolean().default(false),
        /** Needed where the OS keychain is weak or missing (app:info secretStorage): the run key is sealed to it. */
        keyPassphrase: keyPassphrase.nullable().default(null),
      })
      .strict(),
    output: bulkRunSchema.nullable(),
  }),
  /** Finishes the steps in flight, starts no new ones. */
  'admin:bulk:pause': defineChannel({ input: byRun, output: bulkRunSchema }),
  /** Continues a paused run, or retries its failed users once it is done. */
  'admin:bulk:resume': defineChannel({ input: byRun, output: bulkRunSchema }),
  /** Stops after the steps in flight; the journal records it and the summary says what exists. */
  'admin:bulk:cancel': defineChannel({ input: byRun, output: bulkRunSchema }),
  /** The run of this session, if any. */
  'admin:bulk:current': defineChannel({ input: z.object({}).strict(), output: bulkRunSchema.nullable() }),
  /** Runs in this computer's journal that were not closed (crash, sign-out, cancel). */
  'admin:bulk:savedRuns': defineChannel({ input: z.object({}).strict(), output: z.object({ runs: z.array(savedRunSchema) }) }),
  /** Opens a saved run from its journal and continues it. */
  'admin:bulk:resumeSaved': defineChannel({
    input: z
      .object({
        runId,
        keyPassphrase: keyPassphrase.nullable().default(null),
        /** The passphrase is lost: a new key, and users whose password was sealed to the old one get new ones. */
        forgetPasswords: z.boolean().default(false),
      })
      .strict(),
    output: bulkRunSchema,
  }),
  /** Every user's temporary password as a CSV, encrypted with age to the admin's passphrase. */
  'admin:bulk:exportPasswords': defineChannel({
    input: z.object({ runId, passphrase: z.string().min(SHEET_PASSPHRASE_MIN).max(256), ...dialogText, filterName: z.string().max(100) }).strict(),
    /** `superseded`: users left out because a newer invite replaced their password (status tab). */
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), count: z.number(), superseded: z.number() }),
  }),
  /** The admin is done with the run: its key (and so the sealed passwords) is deleted; not offered again. */
  'admin:bulk:finish': defineChannel({ input: byRun, output: z.object({ finished: z.literal(true) }) }),
} as const;

export const adminBulkEvents = {
  /** Counts, rate and the users whose status changed, at most a few times a second while a run works. */
  'admin:bulk:progress': bulkProgressSchema,
} as const;
