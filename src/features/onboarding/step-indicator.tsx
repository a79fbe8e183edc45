import { useTranslation } from 'react-i18next';
import type { OnboardingStep } from '../../shared/ipc/channels/onboarding';

export const STEPS: OnboardingStep[] = ['signIn', 'password', 'mfa', 'prove', 'finish'];

export function StepIndicator({ current }: { current: OnboardingStep }) {
  const { t } = useTranslation('onboarding');
  const index = STEPS.indexOf(current);
  return (
    <nav aria-label={t('stepsLabel')}>
      <ol className="steps" data-testid="onboarding-steps">
        {STEPS.map((step, i) => (
          <li key={step} aria-current={i === index ? 'step' : undefined} data-done={i < index ? 'true' : undefined}>
            <span className="visually-hidden">{t('stepOf', { current: i + 1, total: STEPS.length })}</span>
            {t(`steps.${step}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}
