import { describe, expect, it } from 'vitest';
import { friendlyError } from '../../../../electron/onboarding/friendly-errors';
import { codeVerdictError } from '../../../../electron/onboarding/mfa-codes';
import { mapChangePasswordError } from '../../../../electron/onboarding/password-step';
import { AppError } from '../../../../src/shared/errors/app-error';
import { fromSdkPolicy } from '../../../../src/shared/password-policy/password-policy';

const sdkError = (name: string, message = '', status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('onboarding error mapping', () => {
  it('ChangePassword: policy violation vs reuse, unmodifiable, limit, and the first-sign-in denial naming the actions', () => {
    const policy = fromSdkPolicy({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 });
    expect(mapChangePasswordError(sdkError('PasswordPolicyViolationException', 'Password should have at least one number'), policy)).toMatchObject({
      code: 'onboarding.passwordPolicyViolation',
    });
    expect(mapChangePasswordError(sdkError('PasswordPolicyViolationException', 'Password should not be one of your last 24 passwords'), policy)).toMatchObject({
      code: 'onboarding.passwordReused',
      params: { count: 24 },
    });
    expect(mapChangePasswordError(sdkError('EntityTemporarilyUnmodifiableException'), policy)).toMatchObject({ code: 'onboarding.temporarilyUnmodifiable', retryable: true });
    expect(mapChangePasswordError(sdkError('LimitExceededException'), policy)).toMatchObject({ code: 'onboarding.passwordLimitExceeded', retryable: true });
    expect(mapChangePasswordError(sdkError('AccessDenied', 'User: x is not authorized to perform: iam:ChangePassword', 403), policy)).toMatchObject({
      code: 'onboarding.changePasswordDenied',
      params: { actions: 'iam:ChangePassword, iam:GetAccountPasswordPolicy' },
    });
  });

  it('the local code verdicts each have their own code; a clock off says which way and by how much', () => {
    expect(codeVerdictError({ ok: false, reason: 'sameCodeTwice' }).code).toBe('onboarding.sameCodeTwice');
    expect(codeVerdictError({ ok: false, reason: 'clockOff', driftSeconds: 90 })).toMatchObject({ code: 'onboarding.phoneClockAhead', params: { seconds: 90 } });
    expect(codeVerdictError({ ok: false, reason: 'clockOff', driftSeconds: -300 })).toMatchObject({ code: 'onboarding.phoneClockBehind', params: { seconds: 300 } });
  });

  it('after the SDK gave up, throttling / 5xx become one retryable message; other AWS codes lose the SDK suffix', () => {
    expect(friendlyError(sdkError('Throttling', '', 400))).toMatchObject({ code: 'onboarding.awsTemporary', retryable: true });
    expect(friendlyError(sdkError('ServiceFailureException', '', 500))).toMatchObject({ code: 'onboarding.awsTemporary', retryable: true });
    expect(friendlyError(sdkError('NoSuchEntityException', '', 404))).toMatchObject({ code: 'aws.NoSuchEntity' });
    expect(friendlyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ code: 'aws.network', retryable: true });
    const own = new AppError('onboarding.noMatch');
    expect(friendlyError(own)).toBe(own);
  });
});
