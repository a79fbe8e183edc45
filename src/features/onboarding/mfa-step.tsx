import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, onlyDigits } from '../../components/code-field';
import { ErrorMessage } from '../../components/error-message';
import { GroupedSecret } from '../../components/grouped-secret';
import { FocusHeading } from '../../components/screen-heading';
import { useFieldErrors } from '../../components/use-field-errors';
import { WindowCountdown } from '../../components/window-countdown';
import { useOnboardingStore } from './onboarding-store';
import { ResumeNotice } from './resume-notice';
import { WizardExit } from './wizard-exit';

const CODE1 = 'mfa-code1';
const CODE2 = 'mfa-code2';
/** Which code an error is about: the second one for "same twice" / "not consecutive", else the first. */
const CODE_ERRORS: Record<string, string> = {
  'onboarding.notSixDigits': CODE1,
  'onboarding.sameCodeTwice': CODE2,
  'onboarding.notConsecutive': CODE2,
  'onboarding.noMatch': CODE1,
  'onboarding.phoneClockAhead': CODE1,
  'onboarding.phoneClockBehind': CODE1,
  'onboarding.codesRejected': CODE1,
};

export function MfaStep() {
  const { t } = useTranslation('onboarding');
  const mfa = useOnboardingStore((s) => s.mfa);
  const manualKey = useOnboardingStore((s) => s.manualKey);
  const keyCopied = useOnboardingStore((s) => s.keyCopied);
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const startMfa = useOnboardingStore((s) => s.startMfa);
  const toggleKey = useOnboardingStore((s) => s.toggleKey);
  const copyKey = useOnboardingStore((s) => s.copyKey);
  const enableMfa = useOnboardingStore((s) => s.enableMfa);
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  const errors = useFieldErrors(error, (code) => CODE_ERRORS[code] ?? null);

  // Once per visit; a failed start is retried from the error's button, not in a loop.
  useEffect(() => {
    if (!mfa && !busy && !error) void startMfa();
  }, [mfa, busy, error, startMfa]);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await enableMfa(code1.replace(/\s/g, ''), code2.replace(/\s/g, ''));
    // Codes that were refused are of no more use: the fields are emptied for the next pair.
    const refused = useOnboardingStore.getState().error;
    if (refused && CODE_ERRORS[refused.code]) {
      setCode1('');
      setCode2('');
    }
  };
  const codeProps = (id: string) => {
    const p = errors.propsFor(id);
    return p.error ? { problem: p.error, problemCode: p.errorCode } : {};
  };

  return (
    <form className="card" data-testid="step-mfa" onSubmit={(e) => void onSubmit(e)} aria-busy={busy} noValidate>
      <FocusHeading level={2}>{t('mfa.title')}</FocusHeading>
      <ResumeNotice />
      <p>{t('mfa.intro')}</p>
      {mfa?.replacedAbandonedDevice && (
        <p className="notice" data-testid="replaced-device">
          {t('mfa.replaced')}
        </p>
      )}
      {!mfa && busy && <p role="status">{t('mfa.creating')}</p>}
      {mfa && (
        <div className="mfa-qr-row">
          <img className="mfa-qr" data-testid="mfa-qr" src={mfa.qrDataUrl} alt={t('mfa.qrAlt', { issuer: mfa.issuer, accountName: mfa.accountName })} />
          <div className="mfa-qr-side">
            <p>{t('mfa.appShows', { issuer: mfa.issuer, accountName: mfa.accountName })}</p>
            <button type="button" className="link-button" aria-expanded={manualKey !== null} aria-controls="mfa-manual-key" onClick={() => void toggleKey()}>
              {manualKey ? t('mfa.hideKey') : t('mfa.showKey')}
            </button>
            {manualKey && (
              <div id="mfa-manual-key" className="mfa-manual-key">
                <span className="hint">{t('mfa.keyLabel')}</span>
                <div className="secret-row">
                  <GroupedSecret value={manualKey.replace(/\s+/g, '')} testId="mfa-key" className="mfa-key" />
                  <button type="button" className="secondary small" onClick={() => void copyKey()}>
                    {t('mfa.copyKey')}
                  </button>
                </div>
                {keyCopied && (
                  <p className="hint" role="status">
                    {t('common:secret.copied')}
                  </p>
                )}
              </div>
            )}
            <WindowCountdown serverOffsetMs={mfa.serverOffsetMs} />
          </div>
        </div>
      )}
      <p className="hint">{t('mfa.codesIntro')}</p>
      <div className="code-row">
        <CodeField id={CODE1} label={t('mfa.code1')} hint={t('mfa.code1Hint')} value={code1} placeholder={t('codePlaceholder')} onChange={(v) => setCode1(onlyDigits(v))} {...codeProps(CODE1)} />
        <CodeField id={CODE2} label={t('mfa.code2')} hint={t('mfa.code2Hint')} value={code2} placeholder={t('codePlaceholder')} onChange={(v) => setCode2(onlyDigits(v))} {...codeProps(CODE2)} />
      </div>
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !mfa || !code1 || !code2}>
          {busy ? t('mfa.submitting') : t('mfa.submit')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
