import { useTranslation } from 'react-i18next';
import { useRouteStore, type Route } from '../../app/route-store';
import { KeyIcon, ShieldIcon, SyncIcon } from '../../components/job-icons';
import { FocusHeading, useDocumentTitle } from '../../components/screen-heading';

const JOBS: { route: Exclude<Route, 'start'>; Icon: () => React.JSX.Element }[] = [
  { route: 'onboarding', Icon: KeyIcon },
  { route: 'admin', Icon: ShieldIcon },
  { route: 'resync', Icon: SyncIcon },
];

export function StartScreen() {
  const { t } = useTranslation('start');
  const go = useRouteStore((s) => s.go);
  useDocumentTitle();
  return (
    <section className="start-screen" aria-labelledby="start-title">
      <FocusHeading level={1} id="start-title">
        {t('title')}
      </FocusHeading>
      <p className="subtitle">{t('subtitle')}</p>
      <ul className="job-list">
        {JOBS.map(({ route, Icon }) => (
          <li key={route}>
            <button type="button" className="job-card" data-testid={`job-${route}`} onClick={() => go(route)}>
              <span className="job-icon">
                <Icon />
              </span>
              <span className="job-title">{t(`jobs.${route}.title`)}</span>
              <span className="job-description">{t(`jobs.${route}.description`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
