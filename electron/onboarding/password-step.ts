import { ChangePasswordCommand, GetAccountPasswordPolicyCommand, GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { checkPassword, passwordMeetsPolicy } from '../../src/shared/password-policy/check-password';
import { fromSdkPolicy, type PasswordPolicy } from '../../src/shared/password-policy/password-policy';
import { awsErrorMessage, awsErrorName } from '../aws/aws-error';
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
 * we showed. A retried call whose first answer was lost finds the old password "incorrect":
 * we then confirm with GetLoginProfile (one call, on that path only) that the change happened.
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
  try {
    await session.iam().send(new ChangePasswordCommand({ OldPassword: old, NewPassword: newPassword }));
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'AccessDenied' && isWrongOldPassword(error)) {
      // Either our earlier attempt went through and its answer was lost, or the password was
      // changed elsewhere (console) since sign-in. Both mean: nothing left to do here.
      if (await resetNoLongerRequired(session, id.userName)) {
        session.passwordChanged = true;
        return { changed: true, alreadyChanged: true };
      }
      throw new AppError('onboarding.wrongTemporaryPassword');
    }
    throw mapChangePasswordError(error, session.passwordPolicy);
  }
  session.passwordChanged = true;
  return { changed: true, alreadyChanged: false };
}

async function resetNoLongerRequired(session: OnboardingSession, userName: string): Promise<boolean> {
  try {
    const lp = await session.iam().send(new GetLoginProfileCommand({ UserName: userName }));
    return lp.LoginProfile?.PasswordResetRequired === false;
  } catch {
    return false;
  }
}

/** IAM answers a wrong OldPassword with AccessDenied too; only the message tells it from a policy denial. */
function isWrongOldPassword(error: unknown): boolean {
  const msg = awsErrorMessage(error);
  return !/not authorized|explicit deny|no identity-based policy/i.test(msg) && /password/i.test(msg);
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
