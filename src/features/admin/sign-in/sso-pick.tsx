import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useSsoStore } from './sso-store';

/** After approval: which account, then which role (permission set). */
export function SsoPick() {
  const { t } = useTranslation('admin');
  const { phase, accounts, accountId, roles, error, pickAccount, signIn, cancel } = useSsoStore();
  return (
    <div>
      <p className="success" role="status">
        {t('sso.approved')}
      </p>
      <fieldset className="admin-methods">
        <legend>{t('sso.account')}</legend>
        {accounts.map((a) => (
          <label key={a.accountId} className="admin-method">
            <input type="radio" name="sso-account" checked={accountId === a.accountId} onChange={() => void pickAccount(a.accountId)} />
            <span>
              <strong>{a.accountName}</strong> <span className="mono">{a.accountId}</span>
              <span className="hint">{a.emailAddress}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {accountId && (
        <div className="field">
          <span className="admin-label">{t('sso.role')}</span>
          <div className="actions">
            {roles.map((r) => (
              <button key={r} type="button" className="secondary" disabled={phase === 'signingIn'} onClick={() => void signIn(r)}>
                {t('sso.signInAs', { role: r })}
              </button>
            ))}
          </div>
        </div>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" className="link-button" onClick={() => void cancel()}>
          {t('signIn.cancel')}
        </button>
      </div>
    </div>
  );
}
