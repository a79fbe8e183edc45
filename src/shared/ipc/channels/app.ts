import { z } from 'zod';
import { defineChannel } from '../define';

export const appChannels = {
  'app:info': defineChannel({
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      platform: z.string(),
      /** The AWS endpoint override in force (e.g. the sandbox), or null when talking to AWS itself. */
      endpointOverride: z.string().nullable(),
      region: z.string(),
      /**
       * How well the OS keychain protects what the app keeps at rest: 'os' (a real keychain),
       * 'weak' (Linux without a keyring: a hard-coded password), 'none'. Not 'os': the bulk run key
       * is sealed to a passphrase the admin types, and the SSO client registration is not cached.
       */
      secretStorage: z.enum(['os', 'weak', 'none']),
    }),
  }),
  /** How far AWS's clock is from this computer's (from AWS's last answer), for code countdowns. */
  'app:serverClock': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ offsetMs: z.number() }),
  }),
  'app:openExternal': defineChannel({
    input: z.object({ url: z.string().max(2048) }).strict(),
    output: z.object({ opened: z.boolean() }),
  }),
} as const;

export const appEvents = {
  /** Main locked the session (idle timeout, sign-out): the renderer drops its state and says why. */
  'app:locked': z.object({ reason: z.enum(['idle', 'signOut', 'flowEnded']) }),
} as const;
