import { UntagUserCommand } from '@aws-sdk/client-iam';
import { ONBOARDING_WINDOW_TAG } from '../../src/shared/mfa-policy/onboarding-window';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';
import type { OnboardingSession } from './onboarding-session';

/**
 * Closes the onboarding window once MFA is proven: removes the user's window tag with the MFA
 * session (the enforcement policy allows exactly that, and only with MFA). From then on the
 * user's long-term keys can register no device without MFA, and the invite's expiry policy is
 * inert. A policy older than this app's (no UntagUser allow) answers AccessDenied: the user is
 * not stopped for that; the window then ends at the invite's expiry, and the admin's status
 * screen still shows it open.
 */
export async function closeOnboardingWindow(deps: AppDeps, session: OnboardingSession): Promise<void> {
  const id = session.requireIdentity();
  const s = session.mfaSession;
  if (!s || session.windowClosed) return;
  const iam = deps.aws.iam({ accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken }, session.endpoints);
  try {
    await iam.send(new UntagUserCommand({ UserName: id.userName, TagKeys: [ONBOARDING_WINDOW_TAG] }));
    session.windowClosed = true;
  } catch (error) {
    if (awsErrorName(error) !== 'AccessDenied') throw error;
    deps.log.warn('onboarding.windowNotClosed', { reason: 'AccessDenied' });
  } finally {
    iam.destroy();
  }
}
