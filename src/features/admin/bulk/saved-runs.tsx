import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/text-field';
import { useFieldErrors } from '../../../components/use-field-errors';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import { useBulkStore, type SavedRun } from './bulk-store';

/** Errors about a saved run's key passphrase: shown under its field (not at the top of the page). */
export const SAVED_KEY_ERRORS: ReadonlySet<string> = new Set(['adminBulk.passphraseNeeded', 'adminBulk.passphraseWrong']);

/** Runs a crash, a sign-out or a cancel left unfinished: "resume run from <date>: 37 of 100 done". */
export function SavedRuns() {
  const { t, i18n } = useTranslation('adminBulk');
  const saved = useBulkStore((s) => s.saved);
  const busy = useBulkStore((s) => s.busy);
  const error = useBulkStore((s) => s.error);
  const { resumeSaved, discardSaved } = useBulkStore.getState();
  // The run whose resume was tried last: a passphrase error belongs to its field.
  const [tried, setTried] = useState<string | null>(null);
  if (saved.length === 0) return null;
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <div className="card bulk-saved" aria-labelledby="bulk-saved-title">
      <h3 id="bulk-saved-title">{t('saved.heading')}</h3>
      <ul>
        {saved.map((r) => (
          <li key={r.runId} data-testid={`saved-run-${r.runId}`}>
            <p>
              {t('saved.line', { date: date(r.createdAt), done: r.done, total: r.total })} {r.cancelled && t('saved.cancelled')}
            </p>
            {!r.sameAccount && <p className="hint">{t('saved.otherAccount', { accountId: r.accountId })}</p>}
            <ResumeControls
              run={r}
              busy={busy}
              error={tried === r.runId && error && SAVED_KEY_ERRORS.has(error.code) ? error : null}
              onResume={(key) => {
                setTried(r.runId);
                void resumeSaved(r.runId, key);
              }}
              onDiscard={() => void discardSaved(r.runId)}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Resume (with the run key passphrase, when the run was sealed to one) or close. */
function ResumeControls({
  run,
  busy,
  error,
  onResume,
  onDiscard,
}: {
  run: SavedRun;
  busy: boolean;
  error: AppErrorShape | null;
  onResume(key?: { keyPassphrase: string | null; forgetPasswords: boolean }): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation('adminBulk');
  const [pass, setPass] = useState('');
  const id = `saved-key-${run.runId}`;
  // A wrong or missing passphrase: under the field, with focus on it.
  const fieldError = useFieldErrors(error, () => id);
  return (
    <>
      {run.needsPassphrase && run.sameAccount && (
        <TextField id={id} type="password" autoComplete="current-password" label={t('savedKey.label')} hint={t('savedKey.hint')} value={pass} onChange={setPass} {...fieldError.propsFor(id)} />
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || !run.sameAccount || (run.needsPassphrase && pass.length === 0)}
          onClick={() => onResume(run.needsPassphrase ? { keyPassphrase: pass, forgetPasswords: false } : undefined)}
        >
          {t('saved.resume')}
        </button>
        {run.needsPassphrase && run.sameAccount && (
          <button type="button" className="secondary" disabled={busy || pass.length < SHEET_PASSPHRASE_MIN} aria-describedby={`${id}-forget`} onClick={() => onResume({ keyPassphrase: pass, forgetPasswords: true })}>
            {t('savedKey.forget')}
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={onDiscard}>
          {t('saved.discard')}
        </button>
      </div>
      {run.needsPassphrase && run.sameAccount && (
        <p id={`${id}-forget`} className="hint">
          {t('savedKey.forgetHint', { min: SHEET_PASSPHRASE_MIN })}
        </p>
      )}
    </>
  );
}
