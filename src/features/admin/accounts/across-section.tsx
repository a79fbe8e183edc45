import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { USER_STATUSES } from '../../../shared/admin-limits';
import { useAccountsStore } from './accounts-store';
import { useAcrossStore } from './across-store';

/** Onboarding across accounts: users per state in each account, who is not done, and a way into that account's status screen. */
export function AcrossSection() {
  const { t } = useTranslation('adminAccounts');
  const { t: ts } = useTranslation('adminStatus');
  const { accounts, loading, error, load } = useAcrossStore();
  const switchTo = useAccountsStore((s) => s.switchTo);
  const pending = accounts?.flatMap((a) => a.pending.map((p) => ({ ...p, account: a }))) ?? [];
  return (
    <section aria-labelledby="across-title" aria-busy={loading}>
      <h2 id="across-title">{t('across.title')}</h2>
      <p className="hint">{t('across.intro')}</p>
      <div className="actions">
        <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
          {loading ? t('across.loading') : t('across.load')}
        </button>
      </div>
      <ErrorMessage error={error} onRetry={() => void load()} />
      {accounts && (
        <table className="admin-table" data-testid="across-table">
          <caption>{t('across.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('switcher.columns.name')}</th>
              <th scope="col">{t('across.users')}</th>
              {USER_STATUSES.map((s) => (
                <th scope="col" key={s}>
                  {ts(`status.${s}`)}
                </th>
              ))}
              <th scope="col">{t('switcher.columns.action')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.accountId} data-testid={`across-row-${a.accountId}`}>
                <th scope="row">
                  {a.name} <span className="hint mono">{a.accountId}</span>
                </th>
                {a.error ? (
                  <td colSpan={USER_STATUSES.length + 1}>
                    <ErrorMessage error={a.error} />
                  </td>
                ) : (
                  <>
                    <td>{a.users}</td>
                    {USER_STATUSES.map((s) => (
                      <td key={s}>{a.counts[s]}</td>
                    ))}
                  </>
                )}
                <td>
                  <button type="button" className="secondary" onClick={() => void switchTo(a.accountId, { then: 'status' })}>
                    {t('across.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {accounts && pending.length === 0 && <p className="success">{t('across.none')}</p>}
      {pending.length > 0 && (
        <table className="admin-table" data-testid="across-pending">
          <caption>{t('across.pendingCaption')}</caption>
          <tbody>
            {pending.map((p) => (
              <tr key={`${p.account.accountId}/${p.userName}`}>
                <td className="mono">{p.userName}</td>
                <td>{p.account.name}</td>
                <td>
                  {ts(`status.${p.status}`)}
                  {p.inviteExpired && ` · ${t('across.inviteExpired')}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
