import { DeleteAccessKeyCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { consoleSignInUrl } from '../../src/shared/invites/invite-schema';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';
import { awsConfigPaths } from '../aws/shared-config';
import { profileNameFor, writeProfile } from './aws-profile';
import type { OnboardingSession } from './onboarding-session';

/**
 * The last step, with the MFA session (the enforcement policy denies key management without it):
 * delete the bootstrap key, or keep it and write a CLI profile with mfa_serial. Then wipe.
 */
export async function finish(deps: AppDeps, session: OnboardingSession, keepCliAccess: boolean): Promise<ChannelOutput<'onboarding:finish'>> {
  const id = session.requireIdentity();
  const mfaSession = session.mfaSession;
  const key = session.bootstrap;
  if (!mfaSession || !session.mfa) throw new AppError('onboarding.notProven');
  if (!key) throw new AppError('onboarding.notSignedIn');
  const consoleUrl = consoleSignInUrl({ accountId: id.accountId, accountAlias: id.accountAlias, partition: id.partition });

  let profile: ChannelOutput<'onboarding:finish'>['profile'] = null;
  let keyDeleted = false;
  if (keepCliAccess) {
    const paths = awsConfigPaths(deps.env, deps.platform.paths.home);
    const preferredName = profileNameFor(id.userName, id.accountAlias ?? id.accountId);
    try {
      const { name } = await writeProfile(paths, {
        preferredName,
        region: session.region,
        mfaSerial: session.mfa.serialNumber,
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
      });
      profile = { name, preferredName, ...paths, mfaSerial: session.mfa.serialNumber };
    } catch (error) {
      if (error instanceof AppError) throw error;
      deps.log.warn('onboarding.profileWriteFailed', { code: (error as { code?: string }).code });
      throw new AppError('onboarding.profileWriteFailed', { file: paths.credentialsFile }, { retryable: true });
    }
  } else {
    const iam = deps.aws.iam(
      { accessKeyId: mfaSession.accessKeyId, secretAccessKey: mfaSession.secretAccessKey, sessionToken: mfaSession.sessionToken },
      session.endpoints,
    );
    try {
      await iam.send(new DeleteAccessKeyCommand({ UserName: id.userName, AccessKeyId: key.accessKeyId }));
    } catch (error) {
      const name = awsErrorName(error);
      // NoSuchEntity: a retried call whose first answer was lost - the key is gone, as wanted.
      if (name === 'AccessDenied') throw new AppError('onboarding.deleteKeyDenied');
      if (name !== 'NoSuchEntity') throw error;
    } finally {
      iam.destroy();
    }
    keyDeleted = true;
  }
  session.wipe();
  deps.log.info('onboarding.finished', { keyDeleted, profileWritten: profile !== null });
  return { consoleUrl, keyDeleted, profile };
}
