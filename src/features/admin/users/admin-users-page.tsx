import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUserForm } from './create-user-form';
import { ProvisionRunView } from './provision-run-view';
import { useAdminUsersStore } from './admin-users-store';

/** Create a user: the form, then the steps as they run, then the invite. */
export function AdminUsersPage() {
  const { t } = useTranslation('adminUsers');
  const hasRun = useAdminUsersStore((s) => s.run !== null);
  const { listen, loadGroups, loadCurrent, leave } = useAdminUsersStore.getState();
  // A new key after a finished user gives a fresh, empty form.
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    const off = listen();
    void loadGroups();
    void loadCurrent();
    return () => {
      off();
      // Leaving the screen drops the password and secret key in main (an unfinished run is kept).
      void leave();
    };
  }, [listen, loadGroups, loadCurrent, leave]);

  return (
    <section className="admin-users" aria-labelledby="admin-users-title">
      <h2 id="admin-users-title">{t('title')}</h2>
      <p className="subtitle">{t('intro')}</p>
      <div hidden={hasRun}>
        <CreateUserForm key={formKey} />
      </div>
      {hasRun && <ProvisionRunView onFinished={() => setFormKey((k) => k + 1)} />}
    </section>
  );
}
