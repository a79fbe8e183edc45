import { AwsError } from './errors';
import type { AccountState, VirtualMfaDevice } from './state';
import { matchingSteps, stepAt, totpAtStep } from './totp';

/** Steps (30 s each) either side of the server's time within which a code is accepted. */
export const MFA_WINDOW_STEPS = 2;
/** ResyncMFADevice looks further (a drifted phone clock) and remembers the drift it found. */
export const RESYNC_WINDOW_STEPS = 20;

export const invalidAuthCode = (): AwsError => new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);

/**
 * Finds step s with code1 = TOTP(s), code2 = TOTP(s+1), both inside the window and after the last used code.
 * Returns s+1 (the step consumed last). Throws InvalidAuthenticationCode otherwise (identical codes always fail).
 */
export function verifyConsecutive(state: AccountState, d: VirtualMfaDevice, code1: string, code2: string, window: number, center?: number): number {
  if (!/^\d{6}$/.test(code1) || !/^\d{6}$/.test(code2) || code1 === code2) throw invalidAuthCode();
  const c = center ?? stepAt(state.nowMs()) + d.driftSteps;
  for (const s of matchingSteps(d.base32Seed, code1, c, window)) {
    if (s <= d.lastUsedStep) continue;
    if (s + 1 <= c + window && totpAtStep(d.base32Seed, s + 1) === code2) return s + 1;
  }
  throw invalidAuthCode();
}

/** One code for sts:GetSessionToken / AssumeRole: valid in the window and not used before. Returns its step. */
export function verifySingle(state: AccountState, d: VirtualMfaDevice, code: string): number | undefined {
  const c = stepAt(state.nowMs()) + d.driftSteps;
  return matchingSteps(d.base32Seed, code, c, MFA_WINDOW_STEPS).find((s) => s > d.lastUsedStep);
}
