import { useTranslation } from 'react-i18next';

/** zxcvbn's 0..4 score as a meter and a word; advisory (the policy rules decide). */
export function StrengthMeter({ score }: { score: number | null }) {
  const { t } = useTranslation('onboarding');
  return (
    <div className="strength" data-testid="strength" data-score={score ?? ''}>
      <label htmlFor="password-strength">{t('password.strength.label')}</label>
      <meter id="password-strength" min={0} max={4} low={2} high={3} optimum={4} value={score ?? 0} />
      <span aria-live="polite">{score === null ? t('password.strength.none') : t(`password.strength.score${score}`)}</span>
    </div>
  );
}
