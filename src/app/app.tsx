import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../features/admin/admin-screen';
import { OnboardingScreen } from '../features/onboarding/onboarding-screen';
import { ResyncScreen } from '../features/resync/resync-screen';
import { StartScreen } from '../features/start/start-screen';
import { api } from './api';
import { AppHeader } from './app-header';
import { LeaveGuardDialog } from './leave-guard-dialog';
import { useAppInfoStore } from './app-info-store';
import { useRouteStore } from './route-store';

export function App() {
  const route = useRouteStore((s) => s.route);
  const loadInfo = useAppInfoStore((s) => s.load);
  const { t } = useTranslation();

  const lockedReason = useAppInfoStore((s) => s.lockedReason);
  const setLocked = useAppInfoStore((s) => s.setLocked);
  const force = useRouteStore((s) => s.force);

  useEffect(() => {
    void loadInfo();
  }, [loadInfo]);

  // Main wiped every held secret (idle timeout): leave the flow and say why.
  useEffect(
    () =>
      api.on('app:locked', ({ reason }) => {
        setLocked(reason);
        force('start');
      }),
    [force, setLocked],
  );

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppHeader />
      <main id="main" className="app-main" data-route={route} tabIndex={-1}>
        {lockedReason === 'idle' && (
          <div className="notice" role="status" data-testid="locked-notice">
            <p>{t('locked.idle')}</p>
            <button type="button" className="secondary" onClick={() => setLocked(null)}>
              {t('nav.close')}
            </button>
          </div>
        )}
        {route === 'start' && <StartScreen />}
        {route === 'onboarding' && <OnboardingScreen />}
        {route === 'admin' && <AdminScreen />}
        {route === 'resync' && <ResyncScreen />}
      </main>
      <LeaveGuardDialog />
    </div>
  );
}
