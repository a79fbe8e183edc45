import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { FinishStep } from './finish-step';
import { IdentityBanner } from './identity-banner';
import { MfaStep } from './mfa-step';
import { useOnboardingStore } from './onboarding-store';
import { PasswordStep } from './password-step';
import { ProveStep } from './prove-step';
import { SignInStep } from './sign-in-step';
import { StepIndicator } from './step-indicator';

/** The new-employee wizard: sign in → password → MFA → prove it → finish. */
export function OnboardingScreen() {
  const { t } = useTranslation('onboarding');
  const step = useOnboardingStore((s) => s.step);
  const signedIn = useOnboardingStore((s) => s.signedIn);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const reset = useOnboardingStore((s) => s.reset);
  // Leaving the wizard ends it: main drops every secret (a later visit resumes from AWS's state).
  useEffect(() => () => void reset(), [reset]);
  // A new step: move focus to its heading, so keyboard and screen-reader users start at the top.
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current === step) return;
    previous.current = step;
    document.querySelector<HTMLElement>('.onboarding .card h3')?.focus();
  }, [step]);
  return (
    <section className="onboarding" aria-labelledby="onboarding-title" data-step={step}>
      <h2 id="onboarding-title">{t('title')}</h2>
      <StepIndicator current={step} />
      {signedIn && step !== 'signIn' && (
        <IdentityBanner identity={signedIn.identity} desktopSkewSeconds={signedIn.desktopSkewSeconds} />
      )}
      <ErrorMessage error={error} onRetry={() => void retry()} />
      {step === 'signIn' && <SignInStep />}
      {step === 'password' && <PasswordStep />}
      {step === 'mfa' && <MfaStep />}
      {step === 'prove' && <ProveStep />}
      {step === 'finish' && <FinishStep />}
    </section>
  );
}
