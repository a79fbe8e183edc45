import { useTranslation } from 'react-i18next';
import { GOOD_SCORE, MIN_ACCEPTED_SCORE, type Strength } from './password-strength';

/** zxcvbn's 0..4 score as a meter and a word. Scores under the floor are refused (see PasswordStep). */
export function StrengthMeter({ strength }: { strength: Strength | null }) {
  const { t } = useTranslation('onboarding');
  const score = strength?.score ?? null;
  const level = score === null ? 'none' : score < MIN_ACCEPTED_SCORE ? 'refused' : score < GOOD_SCORE ? 'weak' : 'good';
  return (
    <div className="strength" data-testid="strength" data-score={score ?? ''} data-level={level}>
      <label htmlFor="password-strength">{t('password.strength.label')}</label>
      <meter id="password-strength" min={0} max={4} low={2} high={3} optimum={4} value={score ?? 0} />
      <span aria-live="polite">{score === null ? t('password.strength.none') : t(`password.strength.score${score}`)}</span>
    </div>
  );
}

/** zxcvbn's warning and suggestions, in the user's language. */
export function strengthAdvice(t: (key: string) => string, s: Strength): string {
  const parts = [s.warning ? t(`password.zxcvbn.warnings.${s.warning}`) : null, ...s.suggestions.map((k) => t(`password.zxcvbn.suggestions.${k}`))];
  return parts.filter(Boolean).join(' ');
}
