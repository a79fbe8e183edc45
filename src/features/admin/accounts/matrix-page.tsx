import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { CellDetail } from './cell-detail';
import { MfaPrompt } from './mfa-prompt';
import { useAccountsStore } from './accounts-store';
import { MATRIX_CHECKS, MatrixTable } from './matrix-table';
import { useMatrixStore } from './matrix-store';

/** Readiness across accounts: every account's checks in one table, each cell's reason and fix, CSV. */
export function MatrixPage() {
  const { t } = useTranslation('adminAccounts');
  const { rows, total, running, error, selected, run, exportCsv, exported, exportError } = useMatrixStore();
  const roleName = useAccountsStore((s) => s.roleName);
  const [mfaDismissed, setMfaDismissed] = useState(false);
  const asking = rows.find((r) => r.error?.code === 'adminAccounts.mfaNeeded');
  const selectedRow = selected ? rows.find((r) => r.accountId === selected.accountId) : undefined;
  const labels = () => ({
    header: [t('matrix.csv.accountId'), t('matrix.csv.name'), t('matrix.csv.alias'), t('matrix.csv.role'), ...MATRIX_CHECKS.map((id) => t(`matrix.checks.${id}`))],
    status: { ok: t('matrix.cell.ok'), fail: t('matrix.cell.fail'), unknown: t('matrix.cell.unknown') },
    unreachable: t('matrix.unreachable'),
  });
  return (
    <section aria-labelledby="matrix-title" aria-busy={running}>
      <h2 id="matrix-title">{t('matrix.title')}</h2>
      <p className="hint">{t('matrix.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="matrix-run"
          disabled={running}
          onClick={() => {
            setMfaDismissed(false);
            void run({ roleName: roleName.trim() || undefined });
          }}
        >
          {running ? t('matrix.running', { done: rows.length, total: total ?? '…' }) : t('matrix.run')}
        </button>
        <button type="button" className="secondary" disabled={running || rows.length === 0} onClick={() => void exportCsv(labels(), t('matrix.exportTitle'), t('matrix.csvFilter'))}>
          {t('matrix.export')}
        </button>
      </div>
      <ErrorMessage error={error} onRetry={() => void run()} />
      {exported?.saved && (
        <p className="success" role="status">
          {t('matrix.exported', { count: exported.rows, path: exported.path })}
        </p>
      )}
      <ErrorMessage error={exportError} />
      {asking?.error && !running && !mfaDismissed && (
        <MfaPrompt
          id="matrix-mfa"
          role={String(asking.error.params?.roleName ?? '')}
          account={`${asking.name} (${asking.accountId})`}
          device={String(asking.error.params?.deviceName ?? '')}
          busy={running}
          error={null}
          onSubmit={(code) => void run({ mfaCode: code })}
          onCancel={() => setMfaDismissed(true)}
        />
      )}
      {rows.length > 0 && <MatrixTable rows={rows} />}
      {selectedRow && <CellDetail row={selectedRow} />}
    </section>
  );
}
