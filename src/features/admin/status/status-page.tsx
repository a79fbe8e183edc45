import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { USER_STATUSES } from '../../../shared/admin-limits';
import { filterRows, sortRows } from './filter';
import { StatusFilters } from './status-filters';
import { StatusTable } from './status-table';
import { useStatusStore } from './status-store';
import { UserPanel } from './user-panel';

/** Onboarding status: every user, its state, filters, CSV export, and per-user actions. */
export function StatusPage() {
  const { t, i18n } = useTranslation('adminStatus');
  const { users, listedAt, report, reportUnavailable, notRead, loading, error, filter, sort, selected, csv, load, exportCsv, closeResult } = useStatusStore();

  useEffect(() => {
    void load();
    // Leaving the tab drops a temporary password still held in main.
    return () => void closeResult();
  }, [load, closeResult]);

  // "Now" for stale keys is the listing's time (rows come with it), so rows do not move while the admin reads them.
  const now = listedAt ? Date.parse(listedAt) : 0;
  const shown = useMemo(() => (users ? sortRows(filterRows(users, filter, now), sort) : []), [users, filter, sort, now]);
  const missing = useMemo(() => [...new Set((users ?? []).flatMap((u) => u.missingPermissions))], [users]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const u of users ?? []) c[u.status] = (c[u.status] ?? 0) + 1;
    return c;
  }, [users]);
  const count = (s: string) => counts[s] ?? 0;
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const csvHeader = ['user', 'status', 'console', 'pendingReset', 'mfa', 'bootstrapKeys', 'keyAge', 'lastSignIn', 'groups', 'tags'].map((k) => t(`csv.header.${k}`));
  const onExport = () =>
    void exportCsv(
      {
        dialogTitle: t('csv.dialogTitle'),
        filterName: t('csv.filterName'),
        labels: {
          header: csvHeader,
          status: Object.fromEntries(USER_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<(typeof USER_STATUSES)[number], string>,
          yes: t('csv.yes'),
          no: t('csv.no'),
          unknown: t('csv.unknown'),
          keySlot: t('csv.keySlot'),
        },
      },
      shown.map((u) => u.userName),
    );

  return (
    <section className="onboarding-status" aria-labelledby="admin-status-title" aria-busy={loading} data-panel-open={!!selected || undefined}>
      <h2 id="admin-status-title">{t('title')}</h2>
      <p className="hint">{t('intro')}</p>
      {loading && !users && <p className="hint">{t('loading')}</p>}
      <ErrorMessage error={error} onRetry={() => void load()} />
      {report && listedAt && (
        <p className="hint" data-testid="status-report-age">
          {t('report.age', { time: time(report.generatedAt), minutes: Math.max(0, Math.round((Date.parse(listedAt) - Date.parse(report.generatedAt)) / 60_000)), next: time(report.nextAt) })}
        </p>
      )}
      {reportUnavailable && (
        <p className="notice" data-testid="status-report-unavailable">
          {t('report.unavailable', { permission: reportUnavailable })}
        </p>
      )}
      {notRead > 0 && (
        <p className="notice" data-testid="status-not-read">
          {t('report.notRead', { count: notRead })}
        </p>
      )}
      {missing.length > 0 && (
        <p className="notice" data-testid="status-missing-permissions">
          {t('missingPermissions', { permissions: missing.join(', ') })}
        </p>
      )}
      {users && (
        <p role="status" data-testid="status-summary">
          {t('summary', { total: users.length, waiting: count('waitingFirstSignIn'), noMfa: count('passwordChangedNoMfa'), done: count('done'), noConsole: count('noConsoleAccess') })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
          {loading ? t('loading') : t('refresh')}
        </button>
        <button type="button" className="secondary" disabled={!users || shown.length === 0} onClick={onExport}>
          {t('csv.export')}
        </button>
        {listedAt && <span className="hint">{t('listedAt', { time: new Date(listedAt).toLocaleTimeString(i18n.language) })}</span>}
      </div>
      <ErrorMessage error={csv.error} />
      {csv.saved?.saved && (
        <p className="success" data-testid="status-csv-saved">
          {t('csv.saved', { rows: csv.saved.rows, path: csv.saved.path })}
        </p>
      )}
      {users && users.length === 0 && <p className="hint">{t('empty')}</p>}
      {users && users.length > 0 && (
        <>
          <StatusFilters users={users} shown={shown.length} now={now} />
          {shown.length === 0 ? <p className="hint">{t('noMatch')}</p> : <StatusTable rows={shown} now={now} />}
        </>
      )}
      {selected && <UserPanel now={now} />}
    </section>
  );
}
