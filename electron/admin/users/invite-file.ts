import { AppError } from '../../../src/shared/errors/app-error';
import { INVITE_FORMAT, INVITE_VERSION, type InvitePayload } from '../../../src/shared/invites/invite-schema';
import type { AwsClientFactory } from '../../aws/client-factory';
import type { RunAccount } from './provisioning-run';
import { writePrivateFile } from '../../platform/private-file';

/** What the new user's copy of the app needs to sign in; endpoints only when not talking to AWS itself (the sandbox). */
export function buildInvitePayload(o: {
  account: RunAccount;
  aws: Pick<AwsClientFactory, 'region' | 'endpointOverride'>;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  issuedAtMs: number;
  /** The onboarding window's end, the same instant AWS enforces (see onboarding-window.ts). */
  expiresAt: string;
}): InvitePayload {
  const iam = o.aws.endpointOverride('iam');
  const sts = o.aws.endpointOverride('sts');
  return {
    format: INVITE_FORMAT,
    version: INVITE_VERSION,
    accountId: o.account.accountId,
    accountAlias: o.account.accountAlias,
    partition: o.account.partition as InvitePayload['partition'],
    region: o.aws.region,
    userName: o.userName,
    accessKeyId: o.accessKeyId,
    secretAccessKey: o.secretAccessKey,
    consoleUrl: o.account.consoleUrl,
    issuedAt: new Date(o.issuedAtMs).toISOString(),
    expiresAt: new Date(o.expiresAt).toISOString(),
    ...(iam || sts ? { endpoints: { ...(iam ? { iam } : {}), ...(sts ? { sts } : {}) } } : {}),
  };
}

/** Writes the (already encrypted) invite readable by the admin only. */
export async function writeInviteFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writePrivateFile(path, bytes);
  } catch (e) {
    throw new AppError('adminUsers.inviteWriteFailed', { reason: (e as { code?: string }).code ?? 'unknown' }, { cause: e });
  }
}
