import { useTranslation } from 'react-i18next';

export function ResyncScreen() {
  const { t } = useTranslation('start');
  return (
    <section aria-labelledby="resync-title">
      <h2 id="resync-title">{t('jobs.resync.title')}</h2>
    </section>
  );
}
