import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminShell } from './admin-shell';
import { useAdminStore } from './admin-store';
import { IdentityBar } from './identity-bar';
import { SignInPage } from './sign-in/sign-in-page';

export function AdminScreen() {
  const { t } = useTranslation('admin');
  const identity = useAdminStore((s) => s.identity);
  const load = useAdminStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="admin-screen" aria-labelledby="admin-title">
      <h2 id="admin-title">{t('title')}</h2>
      {identity ? (
        <>
          <IdentityBar identity={identity} />
          <AdminShell />
        </>
      ) : (
        <SignInPage />
      )}
    </section>
  );
}
