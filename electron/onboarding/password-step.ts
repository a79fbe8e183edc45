import { ChangePasswordCommand, GetAccountPasswordPolicyCommand, GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { checkPassword, passwordMeetsPolicy } from '../../src/shared/password-policy/check-password';
import { fromSdkPolicy, type PasswordPolicy } from '../../src/shared/password-policy/password-policy';
import { awsErrorMessage, awsErrorName, isPolicyDenial } from '../aws/aws-error';
import { whilePropagating } from '../aws/propagation';
import type { OnboardingSession } from './onboarding-session';

/** What to ask the admin for when a policy forgets the first sign-in (seed 003's mistake). */
export const FIRST_SIGN_IN_ACTIONS = 'iam:ChangePassword, iam:GetAccountPasswordPolicy';

type PolicyOutput = ChannelOutput<'onboarding:passwordPolicy'>;

/** iam:GetAccountPasswordPolicy; unset (NoSuchEntity) or denied -> AWS's default rules, and we say which. */
export async function loadPasswordPolicy(session: OnboardingSession): Promise<PolicyOutput> {
  const id = session.requireIdentity();
  let source: PolicyOutput['source'] = 'account';
  let policy: PasswordPolicy;
  try {
    const out = await session.iam().send(new GetAccountPasswordPolicyCommand({}));
    policy = fromSdkPolicy(out.PasswordPolicy ?? undefined);
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'NoSuchEntity') source = 'awsDefaultUnset';
    else if (name === 'AccessDenied') source = 'awsDefaultDenied';
    else throw error;
    policy = fromSdkPolicy(undefined);
  }
  session.passwordPolicy = policy;
  return { policy, source, userName: id.userName };
}

/**
 * iam:ChangePassword(OldPassword = the temporary one). Checked locally first against the policy
 * we showed. AWS answers a wrong current password with an AccessDenied that does not say which
 * cause it is (see the sandbox README), so we never read its text; a policy denial is told apart
 * by AWS's documented "is not authorized to perform: … on resource:" shape only. For the rest:
 * - the change may already have happened (a retried call whose answer was lost, or the console):
 *   GetLoginProfile says whether a reset is still required (one call, on that path only);
 * - a temporary password that decrypted the invite is right: a password the admin set moments ago
 *   may not be in force everywhere yet (eventual consistency), so we try again for a few seconds
 *   and then say AWS refused although the password is right;
 * - a typed password may simply be wrong: the message names both causes honestly.
 */
export async function changePassword(session: OnboardingSession, newPassword: string): Promise<ChannelOutput<'onboarding:changePassword'>> {
  const id = session.requireIdentity();
  const old = session.temporaryPassword;
  if (!old) throw new AppError('onboarding.notSignedIn');
  if (session.passwordChanged) return { changed: true, alreadyChanged: true };
  const policy = session.passwordPolicy ?? 'awsDefault';
  const rules = checkPassword(newPassword, policy, { userName: id.userName, oldPassword: old });
  if (!passwordMeetsPolicy(rules)) {
    const sameAsOld = rules.find((r) => r.rule === 'notSameAsOld' && !r.ok);
    throw new AppError(sameAsOld ? 'onboarding.sameAsTemporary' : 'onboarding.passwordRulesNotMet');
  }
  let alreadyChanged = false;
  const unclear = (error: unknown): boolean => awsErrorName(error) === 'AccessDenied' && !isPolicyDenial(error);
  const attempt = async (): Promise<void> => {
    try {
      await session.iam().send(new ChangePasswordCommand({ OldPassword: old, NewPassword: newPassword }));
    } catch (error) {
      if (unclear(error) && (await resetNoLongerRequired(session, id.userName))) {
        alreadyChanged = true;
        return;
      }
      throw error;
    }
  };
  try {
    await (session.temporaryPasswordVerified ? whilePropagating(attempt, unclear) : attempt());
  } catch (error) {
    if (unclear(error)) {
      if (session.temporaryPasswordVerified) throw new AppError('onboarding.changePasswordRefused', undefined, { retryable: true });
      throw new AppError('onboarding.wrongPasswordOrRefused');
    }
    throw mapChangePasswordError(error, session.passwordPolicy);
  }
  session.passwordChanged = true;
  return { changed: true, alreadyChanged };
}

async function resetNoLongerRequired(session: OnboardingSession, userName: string): Promise<boolean> {
  try {
    const lp = await session.iam().send(new GetLoginProfileCommand({ UserName: userName }));
    return lp.LoginProfile?.PasswordResetRequired === false;
  } catch {
    return false;
  }
}

export function mapChangePasswordError(error: unknown, policy: PasswordPolicy | null): unknown {
  const name = awsErrorName(error);
  switch (name) {
    case 'PasswordPolicyViolation': {
      const msg = awsErrorMessage(error);
      if (/last \d+ passwords|reuse|reused|previous/i.test(msg)) {
        return new AppError('onboarding.passwordReused', { count: policy?.passwordReusePrevention ?? 1 });
      }
      return new AppError('onboarding.passwordPolicyViolation');
    }
    case 'EntityTemporarilyUnmodifiable':
      return new AppError('onboarding.temporarilyUnmodifiable', undefined, { retryable: true });
    case 'LimitExceeded':
      return new AppError('onboarding.passwordLimitExceeded', undefined, { retryable: true });
    case 'AccessDenied':
      return new AppError('onboarding.changePasswordDenied', { actions: FIRST_SIGN_IN_ACTIONS });
    case 'NoSuchEntity':
      return new AppError('onboarding.noConsolePassword');
    default:
      return error;
  }
}
