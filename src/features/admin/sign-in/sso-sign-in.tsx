import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfoStore } from '../../../app/app-info-store';
import { ErrorMessage } from '../../../components/error-message';
import { SsoPick } from './sso-pick';
import { useSsoStore } from './sso-store';

export function SsoSignIn() {
  const { t, i18n } = useTranslation('admin');
  const { phase, device, error, start, cancel } = useSsoStore();
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [tried, setTried] = useState(false);
  const urlBad = !/^https:\/\/[^\s/]+/.test(startUrl.trim());
  const secretStorage = useAppInfoStore((s) => s.info?.secretStorage);

  if (phase === 'pickAccount' || phase === 'signingIn') return <SsoPick />;
  if (phase === 'waiting' && device) {
    const expires = new Date(device.expiresAt).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
    return (
      <div aria-live="polite">
        <p>{device.opened ? t('sso.opened') : t('sso.openYourself')}</p>
        <p className="mono admin-url">{device.verificationUri}</p>
        <p>{t('sso.codeIntro')}</p>
        <p className="admin-user-code mono" data-testid="sso-user-code">
          {device.userCode}
        </p>
        <p className="hint" role="status">
          {t('sso.waiting', { time: expires })}
        </p>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('signIn.cancel')}
          </button>
        </div>
      </div>
    );
  }
  const busy = phase === 'starting';
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (urlBad) {
          document.getElementById('admin-sso-url')?.focus();
          return;
        }
        void start(startUrl.trim(), region.trim());
      }}
    >
      <p className="hint">{t('sso.intro')}</p>
      {secretStorage && secretStorage !== 'os' && (
        <p className="hint" data-testid="sso-no-cache">
          {t('sso.noCache')}
        </p>
      )}
      <div className="field">
        <label htmlFor="admin-sso-url">{t('sso.startUrl')}</label>
        <input
          id="admin-sso-url"
          type="url"
          className="mono"
          value={startUrl}
          onChange={(e) => setStartUrl(e.target.value)}
          aria-invalid={tried && urlBad ? true : undefined}
          aria-describedby={tried && urlBad ? 'admin-sso-url-hint admin-sso-url-error' : 'admin-sso-url-hint'}
        />
        <span id="admin-sso-url-hint" className="hint">
          {t('sso.startUrlHint')}
        </span>
        {tried && urlBad && (
          <span id="admin-sso-url-error" className="field-error" role="alert">
            {t('sso.startUrlInvalid')}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="admin-sso-region">{t('sso.region')}</label>
        <input id="admin-sso-region" className="mono" value={region} onChange={(e) => setRegion(e.target.value)} />
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !region.trim()}>
          {busy ? t('sso.starting') : t('sso.start')}
        </button>
        {busy && (
          <button type="button" className="secondary" onClick={() => void cancel()}>
            {t('signIn.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
