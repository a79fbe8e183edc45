import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { accountLabel } from './account-badge';
import { useAccountsStore } from './accounts-store';
import { FixPlanView } from './fix-plan';
import { FIXABLE, useMatrixStore, type MatrixRow } from './matrix-store';

/** Why one cell passes or not, and its fix in that account: the plan first, then "apply" with consent. */
export function CellDetail({ row }: { row: MatrixRow }) {
  const { t } = useTranslation('adminAccounts');
  const { selected, select, plan, planning, applying, fixError, applied, showPlan, apply } = useMatrixStore();
  const switchTo = useAccountsStore((s) => s.switchTo);
  const [confirming, setConfirming] = useState(false);
  if (!selected) return null;
  const check = row.checks.find((c) => c.id === selected.check);
  const account = accountLabel(row);
  const checkName = t(`matrix.checks.${selected.check}`);
  const reason = (): string => {
    if (row.error || !check) return '';
    if (check.status === 'unknown')
      return check.missingPermission ? t('matrix.detail.missingPermission', { permission: check.missingPermission }) : t('matrix.detail.error', { code: check.errorCode ?? '' });
    if (check.status === 'ok') return t('matrix.detail.ok');
    switch (check.id) {
      case 'consoleUsersWithoutMfa':
        return `${t('matrix.detail.users', { count: check.users.length, names: check.users.join(', ') })} ${t('matrix.detail.usersFix')}`;
      case 'oldAccessKeys':
        return `${t('matrix.detail.keys', { count: check.keys.length, names: check.keys.map((k) => k.userName).join(', ') })} ${t('matrix.detail.keysFix')}`;
      case 'enforcementPolicy':
        return t(`matrix.detail.policyState.${check.policyState ?? 'missing'}`);
      case 'rootMfa':
      case 'rootKeys':
        return t('matrix.detail.rootOnly');
      default:
        return '';
    }
  };
  const fixable = !row.error && check?.status === 'fail' && FIXABLE.includes(selected.check);
  return (
    <section className="panel" aria-labelledby="cell-detail-title" data-testid="cell-detail">
      <h3 id="cell-detail-title">{t('matrix.detail.title', { check: checkName, account })}</h3>
      {row.error ? <ErrorMessage error={row.error} /> : <p data-testid="cell-reason">{reason()}</p>}
      {applied === row.accountId && (
        <p className="success" role="status">
          {t('matrix.detail.applied', { account })}
        </p>
      )}
      {fixable && !plan && (
        <button type="button" className="primary" disabled={planning} onClick={() => void showPlan()}>
          {planning ? t('matrix.detail.planning') : t('matrix.detail.plan')}
        </button>
      )}
      {plan && <FixPlanView plan={plan} account={account} />}
      <ErrorMessage error={fixError} />
      {plan && !confirming && (
        <button type="button" className="primary" onClick={() => setConfirming(true)}>
          {t('matrix.detail.apply', { account })}
        </button>
      )}
      {plan && confirming && (
        <div className="notice" role="alertdialog" aria-labelledby="cell-confirm">
          <p id="cell-confirm">{t('matrix.detail.confirm', { check: checkName, account })}</p>
          <div className="actions">
            <button type="button" className="primary" disabled={applying} onClick={() => void apply().then(() => setConfirming(false))}>
              {applying ? t('matrix.detail.applying') : t('matrix.detail.confirmYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('mfa.cancel')}
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void switchTo(row.accountId, { then: 'readiness' })}>
          {t('matrix.detail.workHere')}
        </button>
        <button type="button" className="secondary" onClick={() => select(null)}>
          {t('matrix.detail.close')}
        </button>
      </div>
    </section>
  );
}
