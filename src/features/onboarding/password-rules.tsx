import { useTranslation } from 'react-i18next';
import type { RuleResult } from '../../shared/password-policy/check-password';

/** The live checklist: one line per rule, in the user's language, ticked as they type. */
export function PasswordRules({ results, confirmOk }: { results: RuleResult[]; confirmOk: boolean }) {
  const { t } = useTranslation('onboarding');
  return (
    <div>
      <h3 id="password-rules-title">{t('password.rulesTitle')}</h3>
      <ul className="rules" aria-labelledby="password-rules-title" data-testid="password-rules">
        {results.map((r) => (
          <li key={r.rule} data-ok={String(r.ok)} data-rule={r.rule}>
            <span aria-hidden="true">{r.ok ? '✓ ' : '✗ '}</span>
            {t(`password.rules.${r.rule}`, r.params ?? {})}
            <span className="visually-hidden">{t(r.ok ? 'password.ruleMet' : 'password.ruleNotMet')}</span>
          </li>
        ))}
        <li data-ok={String(confirmOk)} data-rule="confirm">
          <span aria-hidden="true">{confirmOk ? '✓ ' : '✗ '}</span>
          {t('password.rules.confirm')}
          <span className="visually-hidden">{t(confirmOk ? 'password.ruleMet' : 'password.ruleNotMet')}</span>
        </li>
      </ul>
    </div>
  );
}
