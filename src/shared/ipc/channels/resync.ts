import { z } from 'zod';
import { defineChannel } from '../define';

/** A TOTP code as typed: spaces around it are forgiven, anything but six digits is refused. */
export const totpCodeSchema = z.string().trim().regex(/^\d{6}$/);

export const resyncProfileSchema = z.object({
  name: z.string(),
  /** The last four characters of the access key id, so the user can tell two profiles apart. */
  keyHint: z.string(),
});

export const resyncDeviceSchema = z.object({
  serialNumber: z.string(),
  /** 'virtual' = an authenticator app; 'hardware' = a TOTP key fob. Security keys cannot drift and are not listed. */
  kind: z.enum(['virtual', 'hardware']),
  enableDate: z.string().nullable(),
});

export const resyncIdentitySchema = z.object({
  userName: z.string(),
  arn: z.string(),
  accountId: z.string(),
  devices: z.array(resyncDeviceSchema).min(1),
});

export const resyncChannels = {
  /** Profiles in the AWS config/credentials files that hold a long-term access key (no secret crosses the seam). */
  'resync:listProfiles': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ profiles: z.array(resyncProfileSchema), configFile: z.string(), credentialsFile: z.string() }),
  }),
  /** Signs in with a profile's keys, then finds the caller's MFA devices (iam:GetUser + iam:ListMFADevices). */
  'resync:signInWithProfile': defineChannel({
    input: z.object({ profile: z.string().trim().min(1).max(128) }).strict(),
    output: resyncIdentitySchema,
  }),
  /** The same with an access key typed in. */
  'resync:signInWithKeys': defineChannel({
    input: z
      .object({
        accessKeyId: z.string().trim().regex(/^(AKIA|ASIA)[A-Z0-9]{12,124}$/),
        secretAccessKey: z.string().trim().min(16).max(128),
      })
      .strict(),
    output: resyncIdentitySchema,
  }),
  /** iam:ResyncMFADevice with two consecutive codes. */
  'resync:resync': defineChannel({
    input: z
      .object({ serialNumber: z.string().min(9).max(256), code1: totpCodeSchema, code2: totpCodeSchema })
      .strict(),
    output: z.object({ resynced: z.literal(true) }),
  }),
  /** Proves the resync with one fresh code through sts:GetSessionToken; ends the flow (credentials dropped). */
  'resync:verify': defineChannel({
    input: z.object({ code: totpCodeSchema }).strict(),
    output: z.object({ verified: z.literal(true), userName: z.string() }),
  }),
  /** Drops the credentials and codes (the screen calls it when the user leaves). */
  'resync:reset': defineChannel({
    input: z.object({}).strict(),
    output: z.object({ reset: z.literal(true) }),
  }),
} as const;

export const resyncEvents = {} as const;
