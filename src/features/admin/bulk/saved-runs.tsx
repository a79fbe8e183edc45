import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import { useBulkStore, type SavedRun } from './bulk-store';

/** Runs a crash, a sign-out or a cancel left unfinished: "resume run from <date>: 37 of 100 done". */
export function SavedRuns() {
  const { t, i18n } = useTranslation('adminBulk');
  const saved = useBulkStore((s) => s.saved);
  const busy = useBulkStore((s) => s.busy);
  const { resumeSaved, discardSaved } = useBulkStore.getState();
  if (saved.length === 0) return null;
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <div className="card bulk-saved" aria-labelledby="bulk-saved-title">
      <h4 id="bulk-saved-title">{t('saved.heading')}</h4>
      <ul>
        {saved.map((r) => (
          <li key={r.runId} data-testid={`saved-run-${r.runId}`}>
            <p>
              {t('saved.line', { date: date(r.createdAt), done: r.done, total: r.total })} {r.cancelled && t('saved.cancelled')}
            </p>
            {!r.sameAccount && <p className="hint">{t('saved.otherAccount', { accountId: r.accountId })}</p>}
            <ResumeControls run={r} busy={busy} onResume={(key) => void resumeSaved(r.runId, key)} onDiscard={() => void discardSaved(r.runId)} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Resume (with the run key passphrase, when the run was sealed to one) or close. */
function ResumeControls({ run, busy, onResume, onDiscard }: { run: SavedRun; busy: boolean; onResume(key?: { keyPassphrase: string | null; forgetPasswords: boolean }): void; onDiscard(): void }) {
  const { t } = useTranslation('adminBulk');
  const [pass, setPass] = useState('');
  const id = `saved-key-${run.runId}`;
  return (
    <>
      {run.needsPassphrase && run.sameAccount && (
        <div className="field">
          <label htmlFor={id}>{t('savedKey.label')}</label>
          <input id={id} type="password" autoComplete="current-password" value={pass} aria-describedby={`${id}-hint`} onChange={(e) => setPass(e.target.value)} />
          <p id={`${id}-hint`} className="hint">
            {t('savedKey.hint')}
          </p>
        </div>
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
