import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useMatrixStore, type CheckId, type MatrixRow } from './matrix-store';

export const MATRIX_CHECKS: readonly CheckId[] = ['rootMfa', 'rootKeys', 'passwordPolicy', 'enforcementPolicy', 'consoleUsersWithoutMfa', 'oldAccessKeys', 'credentialReport'];

const MARK = { ok: '✓', fail: '✗', unknown: '?' } as const;

function Cell({ row, id }: { row: MatrixRow; id: CheckId }) {
  const { t } = useTranslation('adminAccounts');
  const { selected, select } = useMatrixStore();
  const check = row.checks.find((c) => c.id === id);
  const status = check?.status ?? 'unknown';
  const active = selected?.accountId === row.accountId && selected.check === id;
  return (
    <td className={`matrix-cell matrix-${status}`}>
      <button
        type="button"
        className="link"
        aria-pressed={active}
        data-testid={`cell-${row.accountId}-${id}`}
        data-status={status}
        aria-label={`${row.name} · ${t(`matrix.checks.${id}`)}: ${t(`matrix.cell.${status}`)}`}
        onClick={() => select(active ? null : { accountId: row.accountId, check: id })}
      >
        <span aria-hidden="true">{MARK[status]}</span> {t(`matrix.cell.${status}`)}
      </button>
    </td>
  );
}

/** Accounts down, checks across; a row that could not be reached says why across its cells. */
export function MatrixTable({ rows }: { rows: readonly MatrixRow[] }) {
  const { t } = useTranslation('adminAccounts');
  return (
    <div className="table-scroll">
      <table className="admin-table matrix" data-testid="readiness-matrix">
        <caption>{t('matrix.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('matrix.account')}</th>
            {MATRIX_CHECKS.map((id) => (
              <th scope="col" key={id}>
                {t(`matrix.checks.${id}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.accountId} data-testid={`matrix-row-${row.accountId}`}>
              <th scope="row">
                {row.name}
                <span className="hint mono"> {row.accountId}</span>
                {row.roleName && <span className="hint"> · {row.roleName}</span>}
                {row.throttledRetries > 0 && <span className="hint"> · {t('matrix.throttled', { count: row.throttledRetries })}</span>}
              </th>
              {row.error ? (
                <td colSpan={MATRIX_CHECKS.length} className="matrix-unreachable" data-testid={`matrix-error-${row.accountId}`}>
                  <strong>{t('matrix.unreachable')}</strong>
                  <ErrorMessage error={row.error} />
                </td>
              ) : (
                MATRIX_CHECKS.map((id) => <Cell key={id} row={row} id={id} />)
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
