import { useTranslation } from 'react-i18next';

export function OnboardingScreen() {
  const { t } = useTranslation('start');
  return (
    <section aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('jobs.onboarding.title')}</h2>
    </section>
  );
}
