import { z } from 'zod';
import { defineChannel } from '../define';
import { SHEET_PASSPHRASE_MIN } from '../../admin-limits';

/**
 * Handing a bulk run's temporary passwords to the people they are for, the ways an office works:
 * a message per user (without the password), the password revealed to read aloud, printed slips,
 * and a saved password sheet opened inside the app. `source` is a bulk run's id or an opened
 * sheet's id; passwords stay in main until one is asked for on purpose.
 */
const source = z.string().regex(/^[0-9a-f-]{8,64}$/);
const userName = z.string().min(1).max(64);
const dialogText = { dialogTitle: z.string().max(200), filterName: z.string().max(100) };

export const handoffFactsSchema = z.object({
  accountId: z.string(),
  accountAlias: z.string().nullable(),
  consoleUrl: z.string(),
  /** The invites of this run expire no earlier than this (run start + validity). */
  expiresAt: z.string(),
  users: z.array(
    z.object({
      userName: z.string(),
      inviteFile: z.string().nullable(),
      superseded: z.boolean(),
      /** Set when the file's `account` column sent this user to another account than the run's. */
      account: z.object({ accountId: z.string(), accountAlias: z.string().nullable(), consoleUrl: z.string() }).nullable(),
    }),
  ),
});

export const adminHandoffChannels = {
  /** What the message to each user says (account, console address, invite file and expiry). */
  'admin:handoff:facts': defineChannel({ input: z.object({ source }).strict(), output: handoffFactsSchema }),
  /** One user's temporary password, to read aloud (shown until hidden; never stored by the screen). */
  'admin:handoff:reveal': defineChannel({
    input: z.object({ source, userName }).strict(),
    output: z.object({ password: z.string() }),
  }),
  /** One user's temporary password to the clipboard, cleared after 30 s (runs and opened sheets). */
  'admin:handoff:copyPassword': defineChannel({
    input: z.object({ source, userName }).strict(),
    output: z.object({ copied: z.literal(true), clearAfterMs: z.number() }),
  }),
  /** The passwords for printed slips; users whose invite was replaced meanwhile are left out and named. */
  'admin:handoff:slips': defineChannel({
    input: z.object({ source, userNames: z.array(userName).min(1).max(10_000) }).strict(),
    output: z.object({ slips: z.array(z.object({ userName: z.string(), password: z.string() })), superseded: z.array(z.string()) }),
  }),
  /** The message for one user to the clipboard; refused if it contains that user's password. */
  'admin:handoff:copyMessage': defineChannel({
    input: z.object({ source, userName, text: z.string().min(1).max(4000) }).strict(),
    output: z.object({ copied: z.literal(true) }),
  }),
  /** Asks for a password sheet (.csv.age), decrypts it with the passphrase; null when the dialog was cancelled. */
  'admin:handoff:openSheet': defineChannel({
    input: z.object({ passphrase: z.string().min(SHEET_PASSPHRASE_MIN).max(256), ...dialogText }).strict(),
    output: z.object({ sheetId: z.string(), fileName: z.string(), users: z.array(z.string()) }).nullable(),
  }),
  /** Forgets an opened sheet's passwords. */
  'admin:handoff:closeSheet': defineChannel({ input: z.object({ source }).strict(), output: z.object({ closed: z.literal(true) }) }),
  /** Saves a CSV template (headers in the admin's language, two example rows, UTF-8 with BOM for Excel). */
  'admin:handoff:saveTemplate': defineChannel({
    input: z.object({ language: z.enum(['ko', 'en']), ...dialogText }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  }),
} as const;

export const adminHandoffEvents = {} as const;
