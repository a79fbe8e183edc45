import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/language-switch';
import { useAppInfoStore } from './app-info-store';
import { useRouteStore } from './route-store';

export function AppHeader() {
  const { t } = useTranslation();
  const info = useAppInfoStore((s) => s.info);
  const route = useRouteStore((s) => s.route);
  const go = useRouteStore((s) => s.go);
  return (
    <header className="app-header">
      <div className="app-header-title">
        {/* The app's name is not a heading: each screen has its own <h1>. */}
        {route === 'start' ? (
          <span className="app-name">{t('appName')}</span>
        ) : (
          <button type="button" className="link-button app-name" onClick={() => go('start')}>
            {t('appName')}
            <span className="visually-hidden"> {t('nav.homeHint')}</span>
          </button>
        )}
        {info && (
          <span className="endpoint" data-testid="endpoint">
            {info.endpointOverride
              ? t('endpoint.override', { url: info.endpointOverride })
              : t('endpoint.aws', { region: info.region })}
          </span>
        )}
      </div>
      <div id="header-slot" className="app-header-slot" />
      <LanguageSwitch />
    </header>
  );
}
