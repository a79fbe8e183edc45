import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FinishSummary } from './finish-summary';
import { useOnboardingStore } from './onboarding-store';

export function FinishStep() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const finished = useOnboardingStore((s) => s.finished);
  const finish = useOnboardingStore((s) => s.finish);
  const [keepCli, setKeepCli] = useState(false);
  if (finished) return <FinishSummary result={finished} />;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void finish(keepCli);
  };
  return (
    <form className="card" data-testid="step-finish" onSubmit={onSubmit} aria-busy={busy}>
      <h3 tabIndex={-1}>{t('finish.title')}</h3>
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
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('finish.submitting') : t(keepCli ? 'finish.submitKeep' : 'finish.submitDelete')}
        </button>
      </div>
    </form>
  );
}
