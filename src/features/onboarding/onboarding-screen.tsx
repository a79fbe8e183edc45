import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/screen-heading';
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
  const finished = useOnboardingStore((s) => s.finished !== null);
  const signedIn = useOnboardingStore((s) => s.signedIn);
  const reset = useOnboardingStore((s) => s.reset);
  // Leaving the wizard ends it: main drops every secret (a later visit resumes from AWS's state).
  useEffect(() => () => void reset(), [reset]);
  useDocumentTitle(finished ? t('finish.doneTitle') : t(`${step}.title`), t('title'));
  // Each step's heading takes focus when the step appears (FocusHeading), so the screen's own
  // <h1> does not: it names where the user is for screen readers and the window title.
  return (
    <section className="onboarding" aria-labelledby="onboarding-title" data-step={step}>
      <h1 id="onboarding-title">{t('title')}</h1>
      <StepIndicator current={step} />
      {signedIn && step !== 'signIn' && (
        <IdentityBanner identity={signedIn.identity} desktopSkewSeconds={signedIn.desktopSkewSeconds} />
      )}
      {step === 'signIn' && <SignInStep />}
      {step === 'password' && <PasswordStep />}
      {step === 'mfa' && <MfaStep />}
      {step === 'prove' && <ProveStep />}
      {step === 'finish' && <FinishStep />}
    </section>
  );
}
