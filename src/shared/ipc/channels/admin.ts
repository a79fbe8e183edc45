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
});

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
  'admin:identity': defineChannel({
    input: z.object({}).strict(),
    output: adminIdentitySchema.nullable(),
  }),
  'admin:signOut': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.literal(true) }),
  }),
} as const;

export const adminEvents = {} as const;
