import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useSignInStore } from './sign-in-store';

export function KeysSignIn() {
  const { t } = useTranslation('admin');
  const { busy, error, signInWithKeys } = useSignInStore();
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecret] = useState('');
  const [sessionToken, setToken] = useState('');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void signInWithKeys({ accessKeyId, secretAccessKey, ...(sessionToken.trim() ? { sessionToken } : {}) }).then(() => setSecret(''));
      }}
    >
      <p className="notice" role="note" data-testid="keys-warning">
        {t('keys.warning')}
      </p>
      <div className="field">
        <label htmlFor="admin-key-id">{t('keys.accessKeyId')}</label>
        <input id="admin-key-id" className="mono" autoComplete="off" spellCheck={false} value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor="admin-secret">{t('keys.secretAccessKey')}</label>
        <input id="admin-secret" type="password" autoComplete="off" value={secretAccessKey} onChange={(e) => setSecret(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="admin-token">{t('keys.sessionToken')}</label>
        <input id="admin-token" type="password" autoComplete="off" value={sessionToken} onChange={(e) => setToken(e.target.value)} />
        <span className="hint">{t('keys.sessionTokenHint')}</span>
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !accessKeyId || !secretAccessKey}>
          {busy ? t('signIn.signingIn') : t('keys.signIn')}
        </button>
      </div>
    </form>
  );
}
