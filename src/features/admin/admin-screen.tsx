import { useTranslation } from 'react-i18next';

export function AdminScreen() {
  const { t } = useTranslation('start');
  return (
    <section aria-labelledby="admin-title">
      <h2 id="admin-title">{t('jobs.admin.title')}</h2>
    </section>
  );
}
