import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, onlyDigits } from '../../components/code-field';
import { ErrorMessage } from '../../components/error-message';
import { FocusHeading } from '../../components/screen-heading';
import { useFieldErrors } from '../../components/use-field-errors';
import { WindowCountdown } from '../../components/window-countdown';
import { useOnboardingStore } from './onboarding-store';
import { ResumeNotice } from './resume-notice';
import { WizardExit } from './wizard-exit';

const CODE = 'prove-code';
const ABOUT_CODE = new Set(['onboarding.notSixDigits', 'onboarding.proveNoMatch', 'onboarding.codeAlreadyUsed', 'onboarding.proveRejected', 'onboarding.proveIncomplete']);

export function ProveStep() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const serverOffsetMs = useOnboardingStore((s) => s.serverOffsetMs);
  const loadServerClock = useOnboardingStore((s) => s.loadServerClock);
  const resumed = useOnboardingStore((s) => s.signedIn?.resumed.mfaAlreadyEnabled ?? false);
  const prove = useOnboardingStore((s) => s.prove);
  const [code, setCode] = useState('');
  const errors = useFieldErrors(error, (c) => (ABOUT_CODE.has(c) ? CODE : null));
  useEffect(() => {
    void loadServerClock();
  }, [loadServerClock]);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    await prove(code.replace(/\s/g, ''));
    const refused = useOnboardingStore.getState().error;
    if (refused && ABOUT_CODE.has(refused.code)) setCode('');
  };
  const p = errors.propsFor(CODE);
  return (
    <form className="card" data-testid="step-prove" onSubmit={(e) => void onSubmit(e)} aria-busy={busy} noValidate>
      <FocusHeading level={2}>{t('prove.title')}</FocusHeading>
      <ResumeNotice />
      {!resumed && <p className="success">{t('prove.enabled')}</p>}
      <p>{t(resumed ? 'prove.introResumed' : 'prove.intro')}</p>
      <WindowCountdown serverOffsetMs={serverOffsetMs} />
      <CodeField
        id={CODE}
        label={t('prove.code')}
        value={code}
        placeholder={t('codePlaceholder')}
        onChange={(v) => setCode(onlyDigits(v))}
        {...(p.error ? { problem: p.error, problemCode: p.errorCode } : {})}
      />
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !code}>
          {busy ? t('prove.submitting') : t('prove.submit')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
