import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../components/screen-heading';
import { AdminShell } from './admin-shell';
import { useAdminStore } from './admin-store';
import { IdentityBar } from './identity-bar';
import { SignInPage } from './sign-in/sign-in-page';

export function AdminScreen() {
  const { t } = useTranslation('admin');
  const identity = useAdminStore((s) => s.identity);
  const load = useAdminStore((s) => s.load);
  const tab = useAdminStore((s) => s.tab);
  useDocumentTitle(identity ? t(`nav.${tab}`) : t('signIn.title'), t('title'));

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="admin-screen" aria-labelledby="admin-title">
      <h1 id="admin-title" className={identity ? 'visually-hidden' : undefined}>
        {t('title')}
      </h1>
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
