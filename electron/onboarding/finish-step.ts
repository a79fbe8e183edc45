import { DeleteAccessKeyCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { consoleSignInUrl } from '../../src/shared/invites/invite-schema';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';
import { setUpCliAccess } from '../cli-access/set-up-cli-access';
import { closeOnboardingWindow } from './close-window';
import type { OnboardingSession } from './onboarding-session';

/**
 * The last step, with the MFA session (the enforcement policy denies key management without it):
 * the window is closed (if "prove it" could not), the invite's bootstrap key is deleted — always:
 * its secret travelled in the invite — and, if asked, command-line access is set up with a fresh
 * key (cli-access/). Then every secret is wiped.
 */
export async function finish(deps: AppDeps, session: OnboardingSession, keepCliAccess: boolean): Promise<ChannelOutput<'onboarding:finish'>> {
  const id = session.requireIdentity();
  const mfaSession = session.mfaSession;
  const key = session.bootstrap;
  if (!mfaSession || !session.mfa) throw new AppError('onboarding.notProven');
  if (!key) throw new AppError('onboarding.notSignedIn');
  const consoleUrl = consoleSignInUrl({ accountId: id.accountId, accountAlias: id.accountAlias, partition: id.partition });

  await closeOnboardingWindow(deps, session);
  const iam = deps.aws.iam(
    { accessKeyId: mfaSession.accessKeyId, secretAccessKey: mfaSession.secretAccessKey, sessionToken: mfaSession.sessionToken },
    session.endpoints,
  );
  let profile: ChannelOutput<'onboarding:finish'>['profile'] = null;
  try {
    try {
      await iam.send(new DeleteAccessKeyCommand({ UserName: id.userName, AccessKeyId: key.accessKeyId }));
    } catch (error) {
      const name = awsErrorName(error);
      // NoSuchEntity: a retried call whose first answer was lost - the key is gone, as wanted.
      if (name === 'AccessDenied') throw new AppError('onboarding.deleteKeyDenied');
      if (name !== 'NoSuchEntity') throw error;
    }
    if (keepCliAccess) profile = await setUpCliAccess(deps, session, iam);
  } finally {
    iam.destroy();
  }
  const windowClosed = session.windowClosed;
  session.wipe();
  deps.log.info('onboarding.finished', { keyDeleted: true, profileWritten: profile !== null, windowClosed });
  return { consoleUrl, keyDeleted: true, windowClosed, profile };
}
