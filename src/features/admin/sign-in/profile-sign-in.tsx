import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { MfaCodeForm } from './mfa-code-form';
import { useSignInStore } from './sign-in-store';
import { useSsoStore } from './sso-store';

export function ProfileSignIn() {
  const { t } = useTranslation('admin');
  const { profiles, busy, error, mfaPrompt, loadProfiles, signInWithProfile, setMethod } = useSignInStore();
  const startSso = useSsoStore((s) => s.start);
  // An SSO profile with no cached token: hand over to the device sign-in, prefilled from the profile.
  const sso = error?.code === 'admin.ssoProfileNeedsLogin' && error.params?.startUrl ? (error.params as Record<string, string>) : null;
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    void loadProfiles();
  }, [loadProfiles]);

  if (mfaPrompt) return <MfaCodeForm />;
  if (!profiles) return <p role="status">{t('profile.loading')}</p>;
  const selected = chosen ?? profiles.profiles[0]?.name ?? null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (selected) void signInWithProfile(selected);
      }}
    >
      <p className="hint">{t('profile.files', { config: profiles.configFile, credentials: profiles.credentialsFile })}</p>
      {profiles.profiles.length === 0 ? (
        <p className="notice">{t('profile.none')}</p>
      ) : (
        <table className="admin-profiles">
          <caption className="visually-hidden">{t('profile.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profile.columns.name')}</th>
              <th scope="col">{t('profile.columns.kind')}</th>
              <th scope="col">{t('profile.columns.region')}</th>
            </tr>
          </thead>
          <tbody>
            {profiles.profiles.map((p) => (
              <tr key={p.name} data-testid={`profile-${p.name}`}>
                <td>
                  <label>
                    <input type="radio" name="admin-profile" value={p.name} checked={selected === p.name} onChange={() => setChosen(p.name)} />{' '}
                    <span className="mono">{p.name}</span>
                  </label>
                </td>
                <td>
                  {t(`profile.kinds.${p.kind}`)}
                  {p.mfa && <span className="admin-badge">{t('profile.mfa')}</span>}
                  {p.target && <div className="hint mono">{p.target}</div>}
                </td>
                <td>{p.region ?? t('profile.noRegion')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorMessage error={error} />
      {sso && (
        <button
          type="button"
          className="primary"
          data-testid="sso-profile-device-sign-in"
          onClick={() => {
            setMethod('sso');
            void startSso(sso.startUrl!, sso.region!, sso.accountId && sso.roleName ? { accountId: sso.accountId, roleName: sso.roleName } : undefined);
          }}
        >
          {t('profile.ssoDeviceSignIn', { startUrl: sso.startUrl })}
        </button>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!selected || busy}>
          {busy ? t('signIn.signingIn') : t('profile.signIn')}
        </button>
        <button type="button" className="secondary" onClick={() => void loadProfiles()}>
          {t('profile.reload')}
        </button>
      </div>
    </form>
  );
}
