import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CodeField, onlyDigits } from '../../components/code-field';
import { useOnboardingStore } from './onboarding-store';
import { ResumeNotice } from './resume-notice';


export function ProveStep() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const resumed = useOnboardingStore((s) => s.signedIn?.resumed.mfaAlreadyEnabled ?? false);
  const prove = useOnboardingStore((s) => s.prove);
  const [code, setCode] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void prove(code);
  };
  return (
    <form className="card" data-testid="step-prove" onSubmit={onSubmit} aria-busy={busy}>
      <h3 tabIndex={-1}>{t('prove.title')}</h3>
      <ResumeNotice />
      {!resumed && <p className="success">{t('prove.enabled')}</p>}
      <p>{t(resumed ? 'prove.introResumed' : 'prove.intro')}</p>
      <CodeField id="prove-code" label={t('prove.code')} value={code} placeholder={t('codePlaceholder')} onChange={(v) => setCode(onlyDigits(v))} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !code}>
          {busy ? t('prove.submitting') : t('prove.submit')}
        </button>
      </div>
    </form>
  );
}
