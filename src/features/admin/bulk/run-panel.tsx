import { useTranslation } from 'react-i18next';
import type { BulkRun } from '../../../shared/ipc/channels/admin-bulk';
import { PasswordSheet } from './password-sheet';
import { RunUsers } from './run-users';
import { useBulkStore } from './bulk-store';


/** Progress bar with counts, rate and time left; pause, resume, cancel; then passwords and closing. */
export function RunPanel({ run }: { run: BulkRun }) {
  const { t } = useTranslation('adminBulk');
  const busy = useBulkStore((s) => s.busy);
  const control = useBulkStore((s) => s.control);
  const ended = run.phase === 'done' || run.phase === 'cancelled';
  const working = run.phase === 'running';
  const left = run.secondsLeft ?? 0;
  const timeLeft = left >= 60 ? t('run.minutes', { m: Math.floor(left / 60), s: left % 60 }) : t('run.seconds', { s: left });

  return (
    <div className="card bulk-run" data-phase={run.phase}>
      <h3>{t('run.heading')}</h3>
      <p className="hint">{t('run.folder', { folder: run.folder })}</p>
      <label htmlFor="bulk-progress">{t('run.progressLabel')}</label>
      <progress id="bulk-progress" max={run.total} value={run.done + run.failed} />
      <p data-testid="bulk-counts" aria-live="polite">
        {t('run.counts', { done: run.done, total: run.total, failed: run.failed, remaining: run.remaining })}
        {run.ratePerMinute !== null && <> · {t('run.rate', { rate: run.ratePerMinute })}</>}
        {run.secondsLeft !== null && <> · {t('run.timeLeft', { time: timeLeft })}</>}
      </p>
      <p role="status" data-testid="bulk-phase">
        {t(`run.phase.${run.phase}`)}
      </p>
      {run.passwordsReissued > 0 && <p className="notice">{t('run.reissued', { count: run.passwordsReissued })}</p>}
      <div className="actions">
        {working && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void control('pause')}>
            {t('run.pause')}
          </button>
        )}
        {(run.phase === 'paused' || run.phase === 'cancelled') && (
          <button type="button" className="primary" disabled={busy} onClick={() => void control('resume')}>
            {t('run.resume')}
          </button>
        )}
        {run.phase === 'done' && run.failed > 0 && (
          <button type="button" className="primary" disabled={busy} onClick={() => void control('resume')}>
            {t('run.retryFailed')}
          </button>
        )}
        {!ended && run.phase !== 'cancelling' && (
          <button type="button" className="danger" disabled={busy} onClick={() => void control('cancel')}>
            {t('run.cancel')}
          </button>
        )}
      </div>
      {run.summaryFile && <p data-testid="bulk-summary">{t('run.summary', { path: run.summaryFile })}</p>}
      <RunUsers run={run} />
      {ended && <PasswordSheet run={run} />}
    </div>
  );
}
