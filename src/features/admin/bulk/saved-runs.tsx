import { useTranslation } from 'react-i18next';
import { useBulkStore } from './bulk-store';

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
      <h3 id="bulk-saved-title">{t('saved.heading')}</h3>
      <ul>
        {saved.map((r) => (
          <li key={r.runId} data-testid={`saved-run-${r.runId}`}>
            <p>
              {t('saved.line', { date: date(r.createdAt), done: r.done, total: r.total })} {r.cancelled && t('saved.cancelled')}
            </p>
            {!r.sameAccount && <p className="hint">{t('saved.otherAccount', { accountId: r.accountId })}</p>}
            <div className="actions">
              <button type="button" className="primary" disabled={busy || !r.sameAccount} onClick={() => void resumeSaved(r.runId)}>
                {t('saved.resume')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => void discardSaved(r.runId)}>
                {t('saved.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
