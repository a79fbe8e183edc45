import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, type PublicAccessBlockConfiguration } from '@aws-sdk/client-s3-control';
import { awsErrorName } from '../../aws/aws-error';
import { tagAction } from '../iam-call';
import type { GuardClients } from './guard-clients';

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

const ALL_ON: PublicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

const normalise = (c: PublicAccessBlockConfiguration | undefined): PublicAccessBlock => ({
  BlockPublicAcls: c?.BlockPublicAcls === true,
  IgnorePublicAcls: c?.IgnorePublicAcls === true,
  BlockPublicPolicy: c?.BlockPublicPolicy === true,
  RestrictPublicBuckets: c?.RestrictPublicBuckets === true,
});

export const allBlocked = (b: PublicAccessBlock | null): boolean => !!b && Object.values(b).every(Boolean);

/** The account-level Block Public Access (S3 Control); null when none was ever set (NoSuchPublicAccessBlockConfiguration). */
export async function readAccountBlock(c: GuardClients, accountId: string): Promise<PublicAccessBlock | null> {
  try {
    const out = await tagAction('s3:GetAccountPublicAccessBlock', c.get('s3-control', c.homeRegion).send(new GetPublicAccessBlockCommand({ AccountId: accountId })));
    return normalise(out.PublicAccessBlockConfiguration);
  } catch (error) {
    if (awsErrorName(error) === 'NoSuchPublicAccessBlockConfiguration') return null;
    throw error;
  }
}

/** Turns on all four settings; answers what was there before, so the same screen can put it back. */
export async function blockAccount(c: GuardClients, accountId: string): Promise<PublicAccessBlock | null> {
  const previous = await readAccountBlock(c, accountId);
  await tagAction(
    's3:PutAccountPublicAccessBlock',
    c.get('s3-control', c.homeRegion).send(new PutPublicAccessBlockCommand({ AccountId: accountId, PublicAccessBlockConfiguration: ALL_ON })),
  );
  return previous;
}

export async function restoreAccount(c: GuardClients, accountId: string, previous: PublicAccessBlock | null): Promise<void> {
  const s3c = c.get('s3-control', c.homeRegion);
  if (previous === null)
    await tagAction('s3:PutAccountPublicAccessBlock', s3c.send(new DeletePublicAccessBlockCommand({ AccountId: accountId })));
  else await tagAction('s3:PutAccountPublicAccessBlock', s3c.send(new PutPublicAccessBlockCommand({ AccountId: accountId, PublicAccessBlockConfiguration: previous })));
}
