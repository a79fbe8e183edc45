import { useTranslation } from 'react-i18next';
import type { AdminIdentity } from '../admin-store';
import { useAdminStore } from '../admin-store';
import { useAccountsStore } from './accounts-store';

/** "Production (222233334444)", or the id alone. */
export const accountLabel = (a: { accountAlias?: string | null; alias?: string | null; name?: string | null; accountId: string }): string => {
  const name = a.name ?? a.accountAlias ?? a.alias ?? null;
  return name && name !== a.accountId ? `${name} (${a.accountId})` : a.accountId;
};

/**
 * In the header: the role in use in a member account, one click back to the signed-in account, and
 * the way to another account. Always there while signed in, so the account in use is never a guess.
 */
export function AccountBadge({ identity }: { identity: AdminIdentity }) {
  const { t } = useTranslation('adminAccounts');
  const setTab = useAdminStore((s) => s.setTab);
  const { back, backing } = useAccountsStore();
  const home = identity.home;
  return (
    <span className="account-badge" data-testid="account-badge">
      {identity.role && (
        <span className="admin-identity-via" data-testid="account-role">
          {' · '}
          {t('badge.role', { role: identity.role.roleName })}
          {identity.role.via === 'sso' && ` (${t('badge.viaSso')})`}
        </span>
      )}
      {home && (
        <button type="button" className="secondary" data-testid="account-back" disabled={backing} onClick={() => void back()}>
          {backing ? t('badge.backing') : t('badge.back', { account: accountLabel(home) })}
        </button>
      )}
      <button type="button" className="secondary" data-testid="account-switch" onClick={() => setTab('accounts')}>
        {t('badge.switch')}
      </button>
    </span>
  );
}
