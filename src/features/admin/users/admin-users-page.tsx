import { useTranslation } from 'react-i18next';

/** Create a user (and, later, bulk/status). Owned by the admin-users work. */
export function AdminUsersPage() {
  const { t } = useTranslation('start');
  return <h3>{t('jobs.admin.title')}</h3>;
}
