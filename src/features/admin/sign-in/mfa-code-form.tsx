import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useSignInStore } from './sign-in-store';

/** The code a profile with mfa_serial asks for; main's provider waits for it. */
export function MfaCodeForm() {
  const { t } = useTranslation('admin');
  const { mfaPrompt, busy, error, submitMfaCode, cancelMfa } = useSignInStore();
  const [code, setCode] = useState('');
  if (!mfaPrompt) return null;
  const valid = /^\d{6}$/.test(code);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void submitMfaCode(code);
      }}
    >
      <p>{t('mfa.intro', { profile: mfaPrompt.profile })}</p>
      <p className="hint mono">{mfaPrompt.mfaSerial}</p>
      <div className="field">
        <label htmlFor="admin-mfa-code">{t('mfa.label')}</label>
        <input
          id="admin-mfa-code"
          className="mono"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          aria-describedby="admin-mfa-hint"
        />
        <span id="admin-mfa-hint" className="hint">
          {t('mfa.hint')}
        </span>
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!valid || busy}>
          {busy ? t('signIn.signingIn') : t('mfa.submit')}
        </button>
        <button type="button" className="secondary" onClick={() => void cancelMfa()}>
          {t('signIn.cancel')}
        </button>
      </div>
    </form>
  );
}
