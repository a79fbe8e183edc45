import { EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { secondsLeftInWindow } from '../../src/shared/totp/totp';
import {
  checkOneCode,
  checkTwoCodes,
  isSixDigits,
  normalizeCode,
  type OneCodeVerdict,
  type TwoCodeVerdict,
} from '../../src/shared/totp/two-code-check';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';
import { whilePropagating } from '../aws/propagation';
import { closeOnboardingWindow } from './close-window';
import { mapMfaError } from './mfa-device';
import type { OnboardingSession } from './onboarding-session';
import { findEnabledVirtualDevice } from './sign-in';

/** The local verdict as the error the screen explains (distinct message per cause). */
export function codeVerdictError(v: Exclude<TwoCodeVerdict | OneCodeVerdict, { ok: true }>): AppError {
  if (v.reason === 'clockOff') {
    const seconds = Math.abs(v.driftSeconds ?? 0);
    return new AppError((v.driftSeconds ?? 0) > 0 ? 'onboarding.phoneClockAhead' : 'onboarding.phoneClockBehind', { seconds });
  }
  return new AppError(`onboarding.${v.reason}`);
}

/** Two consecutive codes: checked locally with the seed (and AWS's time) first, then iam:EnableMFADevice. */
export async function enableMfa(deps: AppDeps, session: OnboardingSession, code1: string, code2: string): Promise<ChannelOutput<'onboarding:enableMfa'>> {
  const id = session.requireIdentity();
  const mfa = session.mfa;
  if (!mfa?.seed) throw new AppError('onboarding.mfaNotStarted');
  if (mfa.enabled) return { enabled: true };
  const verdict = checkTwoCodes(mfa.seed, code1, code2, deps.serverClock.now());
  if (!verdict.ok) throw codeVerdictError(verdict);
  try {
    await session.iam().send(
      new EnableMFADeviceCommand({
        UserName: id.userName,
        SerialNumber: mfa.serialNumber,
        AuthenticationCode1: normalizeCode(code1),
        AuthenticationCode2: normalizeCode(code2),
      }),
    );
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'EntityAlreadyExists') {
      // "Already in use": a retried call whose first answer was lost. Ours? Then it is done.
      if ((await findEnabledVirtualDevice(session)) === mfa.serialNumber) {
        mfa.enabled = true;
        mfa.lastUsedStep = verdict.step + 1;
        return { enabled: true };
      }
      throw new AppError('onboarding.mfaDeviceNameTaken', { name: mfa.serialNumber });
    }
    if (name === 'InvalidAuthenticationCode') throw new AppError('onboarding.codesRejected');
    if (name === 'NoSuchEntity') {
      // The device vanished (deleted by another run): start the MFA step again.
      session.mfa = null;
      throw new AppError('onboarding.mfaDeviceGone', undefined, { retryable: true });
    }
    throw mapMfaError(error, 'iam:EnableMFADevice');
  }
  mfa.enabled = true;
  mfa.lastUsedStep = verdict.step + 1;
  mfa.enabledAtMs = deps.serverClock.now();
  return { enabled: true };
}

/** STS may not know a device enabled this long ago yet (eventual consistency). */
const DEVICE_PROPAGATION_MS = 60_000;

/** One fresh code -> sts:GetSessionToken: proves the device works and gives the MFA session for clean-up. */
export async function proveMfa(deps: AppDeps, session: OnboardingSession, code: string): Promise<ChannelOutput<'onboarding:proveMfa'>> {
  session.requireIdentity();
  const mfa = session.mfa;
  if (!mfa?.enabled) throw new AppError('onboarding.mfaNotEnabled');
  if (session.mfaSession) {
    // A retry after the window could not be closed (a dropped answer): close it now.
    await closeOnboardingWindow(deps, session);
    return { proven: true, expiresAt: session.mfaSession.expiration?.toISOString() ?? null };
  }
  const c = normalizeCode(code);
  if (!isSixDigits(c)) throw new AppError('onboarding.notSixDigits');
  const now = deps.serverClock.now();
  let step: number | null = null;
  if (mfa.seed) {
    const v = checkOneCode(mfa.seed, c, now);
    if (!v.ok) throw v.reason === 'noMatch' ? new AppError('onboarding.proveNoMatch') : codeVerdictError(v);
    // AWS accepts each code once: the ones just used to enable the device are spent.
    if (mfa.lastUsedStep !== null && v.step <= mfa.lastUsedStep) {
      throw new AppError('onboarding.codeAlreadyUsed', { seconds: secondsLeftInWindow(now) });
    }
    step = v.step;
  }
  let out;
  const call = () => session.sts().send(new GetSessionTokenCommand({ SerialNumber: mfa.serialNumber, TokenCode: c, DurationSeconds: 900 }));
  // A failed MFA check consumes no code, so the same one is tried again while the device propagates.
  const justEnabled = mfa.enabledAtMs !== null && now - mfa.enabledAtMs < DEVICE_PROPAGATION_MS;
  try {
    out = justEnabled ? await whilePropagating(call, (e) => awsErrorName(e) === 'AccessDenied') : await call();
  } catch (error) {
    if (awsErrorName(error) === 'AccessDenied') {
      throw new AppError(mfa.seed ? 'onboarding.codeAlreadyUsed' : 'onboarding.proveRejected', { seconds: secondsLeftInWindow(now) });
    }
    throw error;
  }
  const creds = out.Credentials;
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) throw new AppError('onboarding.proveIncomplete', undefined, { retryable: true });
  session.mfaSession = {
    accessKeyId: creds.AccessKeyId,
    secretAccessKey: creds.SecretAccessKey,
    sessionToken: creds.SessionToken,
    expiration: creds.Expiration ?? null,
  };
  if (step !== null) mfa.lastUsedStep = step;
  await closeOnboardingWindow(deps, session);
  return { proven: true, expiresAt: creds.Expiration?.toISOString() ?? null };
}
