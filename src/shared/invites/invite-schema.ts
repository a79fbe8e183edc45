/**
 * The plaintext inside an invite file. Strict: an unknown field means a newer or foreign format,
 * and we would rather refuse than silently drop it.
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { INVITE_FILE_EXTENSION, INVITE_MAX_BYTES } from './invite-limits';

export { INVITE_FILE_EXTENSION, INVITE_MAX_BYTES };

export const INVITE_FORMAT = 'iam-onboarding-invite';
export const INVITE_VERSION = 1;

export const invitePayloadSchema = z
  .object({
    format: z.literal('iam-onboarding-invite'),
    version: z.literal(1),
    accountId: z.string().regex(/^\d{12}$/),
    accountAlias: z.string().nullable(),
    partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
    region: z.string(),
    userName: z.string(),
    accessKeyId: z.string(),
    secretAccessKey: z.string(),
    consoleUrl: z.string().url(),
    issuedAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
    /** Only when issued against a non-AWS endpoint such as the sandbox. */
    endpoints: z.object({ iam: z.string().url().optional(), sts: z.string().url().optional() }).optional(),
  })
  .strict();

export type InvitePayload = z.infer<typeof invitePayloadSchema>;

const SIGNIN_DOMAINS: Record<string, string> = {
  aws: 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};

/** https://<alias or account id>.signin.<partition domain>/console */
export function consoleSignInUrl(o: { accountId: string; accountAlias: string | null; partition: string }): string {
  const domain = SIGNIN_DOMAINS[o.partition];
  if (!domain) throw new AppError('invite.unknownPartition', { partition: o.partition });
  const alias = o.accountAlias?.trim();
  return `https://${alias ? alias : o.accountId}.${domain}/console`;
}

/** `<userName>.invite.age`; user names are already file-name safe ([\w+=,.@-]). */
export function inviteFileName(userName: string): string {
  return `${userName}${INVITE_FILE_EXTENSION}`;
}
