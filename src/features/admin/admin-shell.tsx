import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminUsersPage } from './users/admin-users-page';
import { useAdminStore, type AdminTab } from './admin-store';
import { PolicyPage } from './policy/policy-page';
import { ReadinessPage } from './readiness/readiness-page';
import { AccountNote } from './accounts/account-note';

// The two pages with 10,000-row tables (and the virtualiser) load when first opened, outside the initial bundle.
const BulkPage = lazy(() => import('./bulk/bulk-page').then((m) => ({ default: m.BulkPage })));
const StatusPage = lazy(() => import('./status/status-page').then((m) => ({ default: m.StatusPage })));
// Working across an organization's accounts: loaded when first opened (one-account admins never need it).
const AccountsPage = lazy(() => import('./accounts/accounts-page').then((m) => ({ default: m.AccountsPage })));
const MatrixPage = lazy(() => import('./accounts/matrix-page').then((m) => ({ default: m.MatrixPage })));

const TABS: AdminTab[] = ['readiness', 'policy', 'users', 'bulk', 'status', 'accounts', 'accountsReadiness'];

/** The signed-in admin's pages, as a small tab bar. */
export function AdminShell() {
  const { t } = useTranslation('admin');
  const tab = useAdminStore((s) => s.tab);
  const setTab = useAdminStore((s) => s.setTab);
  // A desktop-tool layout: the sections in a sidebar, the page using the rest of the window.
  return (
    <div className="admin-layout">
      <nav className="admin-nav" aria-label={t('nav.label')}>
        <ul>
          {TABS.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="admin-nav-item"
                aria-current={tab === id ? 'page' : undefined}
                data-testid={`admin-tab-${id}`}
                onClick={() => setTab(id)}
              >
                {t(`nav.${id}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-page">
        {(tab === 'users' || tab === 'bulk') && <AccountNote />}
        {tab === 'readiness' && <ReadinessPage />}
        {tab === 'policy' && <PolicyPage />}
        {tab === 'users' && <AdminUsersPage />}
        <Suspense fallback={<p className="hint">{t('nav.loadingPage')}</p>}>
          {tab === 'bulk' && <BulkPage />}
          {tab === 'status' && <StatusPage />}
          {tab === 'accounts' && <AccountsPage />}
          {tab === 'accountsReadiness' && <MatrixPage />}
        </Suspense>
      </div>
    </div>
  );
}
