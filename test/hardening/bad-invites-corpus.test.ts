/** The generated corpus is what it claims: each bad invite fails to open with its own code (the e2e then checks the screen). */
import { describe, expect, it } from 'vitest';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { AppError } from '../../src/shared/errors/app-error';
import { consoleSignInUrl, type InvitePayload } from '../../src/shared/invites/invite-schema';
import { generateBadInvites } from '../fixtures/bad-invites/generate';
import { languagesWithoutMessage } from './support/messages';
import { fakeAccessKeyId } from '../support/fake-keys';

const now = Date.now();
const GOOD: InvitePayload = {
  format: 'iam-onboarding-invite',
  version: 1,
  accountId: '123456789012',
  accountAlias: 'acme-prod',
  partition: 'aws',
  region: 'us-east-1',
  userName: 'jdoe',
  accessKeyId: fakeAccessKeyId('corpus'),
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  consoleUrl: consoleSignInUrl({ accountId: '123456789012', accountAlias: 'acme-prod', partition: 'aws' }),
  issuedAt: new Date(now).toISOString(),
  expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
};

describe('bad invite corpus', () => {
  it('each file is refused with the code it names, and each code has a ko and en message', async () => {
    const corpus = await generateBadInvites(GOOD, 'Temporary-Password-123!');
    expect(corpus.map((c) => c.kind)).toHaveLength(12);
    for (const bad of corpus) {
      const error = await decryptInvite(bad.bytes, bad.password, Date.now()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, bad.kind).toBeInstanceOf(AppError);
      expect(`${bad.kind}: ${(error as AppError).code}`).toBe(`${bad.kind}: ${bad.code}`);
      expect(await languagesWithoutMessage(bad.code), bad.code).toEqual([]);
    }
  });
});
