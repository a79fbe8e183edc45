import { useTranslation } from 'react-i18next';
import { useAdminStore } from '../admin-store';
import { accountLabel } from './account-badge';

/** Above the user screens while a member account is in use: where users are created. */
export function AccountNote() {
  const { t } = useTranslation('adminAccounts');
  const identity = useAdminStore((s) => s.identity);
  if (!identity?.role) return null;
  return (
    <p className="notice" role="status" data-testid="account-note">
      {t('note.creatingIn', { account: accountLabel({ ...identity, name: identity.role.accountName }) })}
    </p>
  );
}
