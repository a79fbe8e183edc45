import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { GuardRows } from '../guard/guard-rows';
import { useGuardStore } from '../guard/guard-store';
import { CheckRow } from './check-row';
import { useReadinessStore } from './readiness-store';

/** Account readiness: every check on one screen, each with its status and its fix. */
export function ReadinessPage() {
  const { t, i18n } = useTranslation('admin');
  const { checks, checkedAt, loading, error, load } = useReadinessStore();
  const guard = useGuardStore();
  const loadGuard = guard.load;

  useEffect(() => {
    void load();
    void loadGuard();
  }, [load, loadGuard]);

  const failing = (checks?.filter((c) => c.status !== 'ok').length ?? 0) + (guard.checks?.filter((c) => c.status !== 'ok').length ?? 0);
  return (
    <section aria-labelledby="readiness-title" aria-busy={loading}>
      <h2 id="readiness-title">{t('readiness.title')}</h2>
      <p className="hint">{t('readiness.intro')}</p>
      <ErrorMessage error={error} onRetry={() => void load()} />
      <ErrorMessage error={guard.loadError} onRetry={() => void loadGuard()} />
      {checks && (
        <p className={failing ? 'notice' : 'success'} role="status" data-testid="readiness-summary">
          {failing ? t('readiness.summaryFailing', { count: failing }) : t('readiness.summaryOk')}
        </p>
      )}
      {checks && (
        <ul className="admin-checks">
          {checks.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
          {guard.checks && <GuardRows checks={guard.checks} />}
        </ul>
      )}
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={loading || guard.loading}
          onClick={() => {
            void load();
            void loadGuard();
          }}
        >
          {loading || guard.loading ? t('readiness.checking') : t('readiness.recheck')}
        </button>
        {checkedAt && <span className="hint">{t('readiness.checkedAt', { time: new Date(checkedAt).toLocaleTimeString(i18n.language) })}</span>}
      </div>
    </section>
  );
}
