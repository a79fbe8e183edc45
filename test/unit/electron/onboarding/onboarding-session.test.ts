import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { OnboardingSession } from '../../../../electron/onboarding/onboarding-session';

/** Every field of the wizard's session that holds a secret or depends on one, filled as a flow would. */
function filled(): { session: OnboardingSession; iam: IAMClient; sts: STSClient } {
  const session = new OnboardingSession();
  const iam = new IAMClient({ region: 'us-east-1' });
  const sts = new STSClient({ region: 'us-east-1' });
  session.setClients(iam, sts);
  session.identity = { accountId: '123456789012', userName: 'jane', arn: 'arn:aws:iam::123456789012:user/jane', partition: 'aws' } as never;
  session.region = 'eu-central-1';
  session.endpoints = { iam: 'http://127.0.0.1:1', sts: 'http://127.0.0.1:1' } as never;
  session.bootstrap = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  session.temporaryPassword = 'Temp-123!';
  session.temporaryPasswordVerified = true;
  session.freshCredentials = true;
  session.passwordChanged = true;
  session.passwordPolicy = { minimumPasswordLength: 20 } as never;
  session.mfa = { serialNumber: 'arn:aws:iam::123456789012:mfa/jane', seed: 'JBSWY3DPEHPK3PXP', enabled: true, lastUsedStep: 5, enabledAtMs: 1 };
  session.mfaSession = { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration: null };
  session.windowClosed = true;
  session.cliKey = { accessKeyId: 'AKIA2', secretAccessKey: 's2', createdAt: '2030-01-01T00:00:00Z' };
  session.keysBeforeCliKey = ['AKIA1'];
  return { session, iam, sts };
}

describe('OnboardingSession', () => {
  it('without a sign-in, every client and the identity are refused as "not signed in"', () => {
    const s = new OnboardingSession();
    expect(s.signedIn).toBe(false);
    expect(s.holdsSecrets()).toBe(false);
    for (const get of [() => s.iam(), () => s.sts(), () => s.requireIdentity()]) expect(get).toThrow(expect.objectContaining({ code: 'onboarding.notSignedIn' }));
  });

  it('hands out what it holds', () => {
    const { session, iam, sts } = filled();
    expect(session.iam()).toBe(iam);
    expect(session.sts()).toBe(sts);
    expect(session.requireIdentity()).toMatchObject({ userName: 'jane' });
    expect(session.signedIn).toBe(true);
  });

  it('holds secrets while any one secret-bearing field is set, each on its own', () => {
    const fields = ['bootstrap', 'temporaryPassword', 'mfa', 'mfaSession'] as const;
    for (const field of fields) {
      const s = new OnboardingSession();
      (s as unknown as Record<string, unknown>)[field] = filled().session[field];
      expect(s.holdsSecrets(), field).toBe(true);
    }
    const withIam = new OnboardingSession();
    withIam.setClients(new IAMClient({ region: 'us-east-1' }), null as never);
    expect(withIam.holdsSecrets(), 'iam client').toBe(true);
    const withSts = new OnboardingSession();
    withSts.setClients(null as never, new STSClient({ region: 'us-east-1' }));
    expect(withSts.holdsSecrets(), 'sts client').toBe(true);
  });

  it('wipe() drops every field back to a new session and destroys both clients', () => {
    const { session, iam, sts } = filled();
    const destroyed = [vi.spyOn(iam, 'destroy'), vi.spyOn(sts, 'destroy')];
    session.wipe();
    for (const d of destroyed) expect(d).toHaveBeenCalledOnce();
    expect(session.holdsSecrets()).toBe(false);
    expect(session.signedIn).toBe(false);
    const fresh = new OnboardingSession();
    // Every data field equals a new session's, except the region (not a secret; kept for the next sign-in screen).
    const data = (s: OnboardingSession) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'region'));
    expect(data(session)).toEqual(data(fresh));
    expect(() => session.iam()).toThrow(expect.objectContaining({ code: 'onboarding.notSignedIn' }));
    expect(() => session.sts()).toThrow(expect.objectContaining({ code: 'onboarding.notSignedIn' }));
    // A second wipe (nothing held) is harmless.
    expect(() => session.wipe()).not.toThrow();
  });
});
