import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, onlyDigits } from '../../components/code-field';
import { useOnboardingStore } from './onboarding-store';
import { ResumeNotice } from './resume-notice';
import { WindowCountdown } from './window-countdown';


export function MfaStep() {
  const { t } = useTranslation('onboarding');
  const mfa = useOnboardingStore((s) => s.mfa);
  const manualKey = useOnboardingStore((s) => s.manualKey);
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const startMfa = useOnboardingStore((s) => s.startMfa);
  const toggleKey = useOnboardingStore((s) => s.toggleKey);
  const enableMfa = useOnboardingStore((s) => s.enableMfa);
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');

  // Once per visit; a failed start is retried from the error's button, not in a loop.
  useEffect(() => {
    if (!mfa && !busy && !error) void startMfa();
  }, [mfa, busy, error, startMfa]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void enableMfa(code1, code2);
  };

  return (
    <form className="card" data-testid="step-mfa" onSubmit={onSubmit} aria-busy={busy}>
      <h3 tabIndex={-1}>{t('mfa.title')}</h3>
      <ResumeNotice />
      <p>{t('mfa.intro')}</p>
      {mfa?.replacedAbandonedDevice && (
        <p className="notice" data-testid="replaced-device">
          {t('mfa.replaced')}
        </p>
      )}
      {!mfa && busy && <p>{t('mfa.creating')}</p>}
      {mfa && (
        <div className="mfa-qr-row">
          <img className="mfa-qr" data-testid="mfa-qr" src={mfa.qrDataUrl} alt={t('mfa.qrAlt', { issuer: mfa.issuer, accountName: mfa.accountName })} />
          <div>
            <p>{t('mfa.appShows', { issuer: mfa.issuer, accountName: mfa.accountName })}</p>
            <button type="button" className="link-button" aria-expanded={manualKey !== null} aria-controls="mfa-manual-key" onClick={() => void toggleKey()}>
              {manualKey ? t('mfa.hideKey') : t('mfa.showKey')}
            </button>
            {manualKey && (
              <p id="mfa-manual-key">
                <span className="hint">{t('mfa.keyLabel')}</span>
                <br />
                <code className="mono mfa-key" data-testid="mfa-key">
                  {manualKey}
                </code>
              </p>
            )}
            <WindowCountdown serverOffsetMs={mfa.serverOffsetMs} />
          </div>
        </div>
      )}
      <p className="hint">{t('mfa.codesIntro')}</p>
      <div className="code-row">
        <CodeField id="mfa-code1" label={t('mfa.code1')} hint={t('mfa.code1Hint')} value={code1} placeholder={t('codePlaceholder')} onChange={(v) => setCode1(onlyDigits(v))} />
        <CodeField id="mfa-code2" label={t('mfa.code2')} hint={t('mfa.code2Hint')} value={code2} placeholder={t('codePlaceholder')} onChange={(v) => setCode2(onlyDigits(v))} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !mfa || !code1 || !code2}>
          {busy ? t('mfa.submitting') : t('mfa.submit')}
        </button>
      </div>
    </form>
  );
}
