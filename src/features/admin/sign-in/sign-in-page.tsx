import { useTranslation } from 'react-i18next';
import { useAdminStore } from '../admin-store';
import { KeysSignIn } from './keys-sign-in';
import { ProfileSignIn } from './profile-sign-in';
import { useSignInStore, type SignInMethod } from './sign-in-store';
import { SsoSignIn } from './sso-sign-in';

const METHODS: SignInMethod[] = ['profile', 'sso', 'keys'];

/** Three ways in, best first: an AWS profile, IAM Identity Center, or (discouraged) typed keys. */
export function SignInPage() {
  const { t } = useTranslation('admin');
  const method = useSignInStore((s) => s.method);
  const setMethod = useSignInStore((s) => s.setMethod);
  const endedBecause = useAdminStore((s) => s.endedBecause);
  return (
    <div className="admin-sign-in">
      <h2>{t('signIn.title')}</h2>
      {endedBecause === 'expired' && (
        <p className="notice" role="status">
          {t('signIn.expired')}
        </p>
      )}
      <fieldset className="admin-methods">
        <legend>{t('signIn.methodLegend')}</legend>
        {METHODS.map((m) => (
          <label key={m} className="admin-method">
            <input type="radio" name="admin-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
            <span>
              <strong>{t(`signIn.methods.${m}.title`)}</strong>
              <span className="hint">{t(`signIn.methods.${m}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="card">
        {method === 'profile' && <ProfileSignIn />}
        {method === 'sso' && <SsoSignIn />}
        {method === 'keys' && <KeysSignIn />}
      </div>
    </div>
  );
}
