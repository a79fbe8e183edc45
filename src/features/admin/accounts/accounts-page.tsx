import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { AccountSwitcher } from './account-switcher';
import { AcrossSection } from './across-section';
import { useAccountsStore } from './accounts-store';

/** Accounts: switch the account every screen works in, and onboarding across all of them. */
export function AccountsPage() {
  const { t } = useTranslation('adminAccounts');
  const { list, loading, error, load } = useAccountsStore();
  useEffect(() => {
    if (!list) void load();
  }, [list, load]);
  return (
    <>
      <section aria-labelledby="accounts-title" aria-busy={loading}>
        <h2 id="accounts-title">{t('switcher.title')}</h2>
        <p className="hint">{list?.source === 'sso' ? t('switcher.introSso') : t('switcher.intro')}</p>
        <ErrorMessage error={error} onRetry={() => void load()} />
        <AccountSwitcher />
        <div className="actions">
          <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
            {loading ? t('switcher.loading') : list ? t('switcher.reload') : t('switcher.load')}
          </button>
        </div>
      </section>
      <AcrossSection />
    </>
  );
}
