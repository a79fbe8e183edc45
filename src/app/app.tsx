import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../features/admin/admin-screen';
import { OnboardingScreen } from '../features/onboarding/onboarding-screen';
import { ResyncScreen } from '../features/resync/resync-screen';
import { StartScreen } from '../features/start/start-screen';
import { AppHeader } from './app-header';
import { useAppInfoStore } from './app-info-store';
import { useRouteStore } from './route-store';

export function App() {
  const route = useRouteStore((s) => s.route);
  const loadInfo = useAppInfoStore((s) => s.load);
  const { t } = useTranslation();

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" className="app-main" tabIndex={-1}>
        {route === 'start' && <StartScreen />}
        {route === 'onboarding' && <OnboardingScreen />}
        {route === 'admin' && <AdminScreen />}
        {route === 'resync' && <ResyncScreen />}
      </main>
    </div>
  );
}
