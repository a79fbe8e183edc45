import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { FocusHeading } from '../../components/screen-heading';
import { useFieldErrors } from '../../components/use-field-errors';
import { FinishSummary } from './finish-summary';
import { useOnboardingStore } from './onboarding-store';
import { WizardExit } from './wizard-exit';

export function FinishStep() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const finished = useOnboardingStore((s) => s.finished);
  const finish = useOnboardingStore((s) => s.finish);
  const [keepCli, setKeepCli] = useState(false);
  const errors = useFieldErrors(error, () => null);
  if (finished) return <FinishSummary result={finished} />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void finish(keepCli);
  };
  return (
    <form className="card" data-testid="step-finish" onSubmit={onSubmit} aria-busy={busy} noValidate>
      <FocusHeading level={2}>{t('finish.title')}</FocusHeading>
      <p className="success">{t('finish.proven')}</p>
      <p>{t('finish.intro')}</p>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={keepCli} onChange={(e) => setKeepCli(e.target.checked)} aria-describedby="keep-cli-hint" />
          {t('finish.keepCli')}
        </label>
        <span id="keep-cli-hint" className="hint">
          {t('finish.keepCliHint')}
        </span>
      </div>
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('finish.submitting') : t(keepCli ? 'finish.submitKeep' : 'finish.submitDelete')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
