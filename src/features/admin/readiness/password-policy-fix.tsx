import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useReadinessStore, type ReadinessCheck } from './readiness-store';

/** Shows what the CIS baseline would change, and applies it only after the admin agrees. */
export function PasswordPolicyFix({ check }: { check: ReadinessCheck }) {
  const { t } = useTranslation('admin');
  const { applying, applyError, applyCis } = useReadinessStore();
  const [confirming, setConfirming] = useState(false);
  const pp = check.passwordPolicy;
  if (!pp) return null;
  const value = (v: string | number | boolean | null) =>
    v === null ? t('readiness.checks.passwordPolicy.none') : typeof v === 'boolean' ? t(`readiness.checks.passwordPolicy.${v ? 'yes' : 'no'}`) : String(v);
  return (
    <div>
      {!pp.present && <p>{t('readiness.checks.passwordPolicy.absent')}</p>}
      <table data-testid="password-policy-diff">
        <caption>{t('readiness.checks.passwordPolicy.diffCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('readiness.checks.passwordPolicy.setting')}</th>
            <th scope="col">{t('readiness.checks.passwordPolicy.current')}</th>
            <th scope="col">{t('readiness.checks.passwordPolicy.target')}</th>
          </tr>
        </thead>
        <tbody>
          {pp.diff.map((d) => (
            <tr key={d.field}>
              <td>{t(`readiness.checks.passwordPolicy.fields.${d.field}`)}</td>
              <td>{value(d.current)}</td>
              <td>
                <strong>{value(d.target)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage error={applyError} onRetry={() => void applyCis()} />
      {confirming ? (
        <div className="notice" role="alertdialog" aria-labelledby="cis-confirm">
          <p id="cis-confirm">{t('readiness.checks.passwordPolicy.confirm')}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={applying} onClick={() => void applyCis().then(() => setConfirming(false))}>
              {applying ? t('readiness.checks.passwordPolicy.applying') : t('readiness.checks.passwordPolicy.confirmYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('signIn.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('readiness.checks.passwordPolicy.apply')}
          </button>
        </div>
      )}
    </div>
  );
}
