import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { InviteResult } from './invite-result';
import { ProvisionSteps } from './provision-steps';
import { useAdminUsersStore } from './admin-users-store';

/** The run: steps as they complete; on failure "retry the rest" / "undo"; when done, the invite. */
export function ProvisionRunView({ onFinished }: { onFinished(): void }) {
  const { t } = useTranslation('adminUsers');
  const { run, busy, error, retry, undo, leave } = useAdminUsersStore();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!run) return null;

  return (
    <div className="card provision-run" data-phase={run.phase}>
      <h3 ref={heading} tabIndex={-1}>
        {t('steps.heading', { userName: run.userName })}
      </h3>
      <ProvisionSteps run={run} />
      {(run.phase === 'running' || run.phase === 'undoing') && <p role="status">{t('run.working')}</p>}
      {run.phase === 'failed' && (
        <>
          <p className="notice">{run.somethingCreated ? t('run.failed') : t('run.failedNothingCreated')}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void retry()}>
              {t('run.retry')}
            </button>
            {run.somethingCreated ? (
              <button type="button" className="danger" disabled={busy} onClick={() => void undo()}>
                {t('run.undo')}
              </button>
            ) : (
              <button type="button" className="secondary" disabled={busy} onClick={() => void leave()}>
                {t('run.backToForm')}
              </button>
            )}
          </div>
        </>
      )}
      {run.phase === 'undoFailed' && (
        <>
          <p className="notice">{t('run.undoFailed')}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void undo()}>
              {t('run.undoAgain')}
            </button>
          </div>
        </>
      )}
      {run.phase === 'undone' && (
        <>
          <p className="success" role="status">
            {t('run.undone', { userName: run.userName })}
          </p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void leave()}>
              {t('run.backToForm')}
            </button>
          </div>
        </>
      )}
      <ErrorMessage error={error} />
      {run.phase === 'done' && <InviteResult run={run} onFinished={onFinished} />}
    </div>
  );
}
