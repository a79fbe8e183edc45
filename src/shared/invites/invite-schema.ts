/**
 * The plaintext inside an invite file. Strict: an unknown field means a newer or foreign format,
 * and we would rather refuse than silently drop it.
 */
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { INVITE_FILE_EXTENSION, INVITE_MAX_BYTES } from './invite-limits';
import { checkInviteFields } from './invite-fields';

export { INVITE_FILE_EXTENSION, INVITE_MAX_BYTES };

export const INVITE_FORMAT = 'iam-onboarding-invite';
export const INVITE_VERSION = 1;

/** No field of a real invite comes near this; a longer one is refused before it is looked at. */
const MAX_FIELD = 2048;
const text = () => z.string().max(MAX_FIELD);

/**
 * The types here; what each value may be (formats, control characters, endpoints, expiry) in
 * invite-fields.ts, so a refusal can name the field. A payload that fails is never used.
 */
export const invitePayloadSchema = z
  .object({
    format: z.literal('iam-onboarding-invite'),
    version: z.literal(1),
    accountId: text(),
    accountAlias: text().nullable(),
    partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']),
    region: text(),
    userName: text(),
    accessKeyId: text(),
    secretAccessKey: text(),
    consoleUrl: text(),
    issuedAt: text(),
    expiresAt: text(),
    /** Only when issued against a non-AWS endpoint such as the sandbox. */
    endpoints: z.object({ iam: text().optional(), sts: text().optional() }).strict().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const problem of checkInviteFields(p)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.value, params: problem });
  });

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
