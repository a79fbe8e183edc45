import { describe, expect, it } from 'vitest';
import { buildInviteExpiryPolicy, onboardingWindowState, windowDate } from '../../../../src/shared/mfa-policy/onboarding-window';

describe('onboarding window (pure)', () => {
  const now = Date.parse('2025-05-01T12:00:00Z');
  it('derives open / until / expired from the user tags; the key is matched without case, as IAM conditions do', () => {
    expect(onboardingWindowState([], now)).toEqual({ open: false, expiresAt: null, expired: false });
    expect(onboardingWindowState([{ key: 'team', value: 'a' }], now)).toEqual({ open: false, expiresAt: null, expired: false });
    expect(onboardingWindowState([{ key: 'iam-onboarding-window', value: '2025-05-08T12:00:00Z' }], now)).toEqual({ open: true, expiresAt: '2025-05-08T12:00:00Z', expired: false });
    expect(onboardingWindowState([{ key: 'IAM-Onboarding-Window', value: '2025-04-30T12:00:00Z' }], now)).toEqual({ open: true, expiresAt: '2025-04-30T12:00:00Z', expired: true });
    // At its end exactly the window still works: the policy's DateGreaterThan denies only after it.
    expect(onboardingWindowState([{ key: 'iam-onboarding-window', value: '2025-05-01T12:00:00Z' }], now)).toMatchObject({ expired: false });
    expect(onboardingWindowState([{ key: 'iam-onboarding-window', value: '2025-05-01T12:00:00Z' }], now + 1)).toMatchObject({ expired: true });
    // open, but an end the app cannot read: shown as open without a date, never as expired
    expect(onboardingWindowState([{ key: 'iam-onboarding-window', value: 'soon' }], now)).toEqual({ open: true, expiresAt: null, expired: false });
  });

  it('the expiry policy holds a literal date (AWS allows no policy variable in Date conditions) and only applies while the window is open and without MFA', () => {
    expect(windowDate(Date.parse('2025-05-08T12:00:00.789Z'))).toBe('2025-05-08T12:00:00Z');
    const doc = buildInviteExpiryPolicy('2025-05-08T12:00:00Z');
    expect(JSON.stringify(doc)).not.toContain('${');
    expect(doc.Statement).toEqual([
      {
        Sid: 'DenyAllWithoutMfaAfterInviteExpiry',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' },
          DateGreaterThan: { 'aws:CurrentTime': '2025-05-08T12:00:00Z' },
          Null: { 'aws:PrincipalTag/iam-onboarding-window': 'false' },
        },
      },
    ]);
  });
});
