import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useAdminStore } from '../admin-store';
import { GuardRow } from './guard-row';
import { PlanActions } from './plan-items';
import { useGuardStore, type GuardCheck } from './guard-store';

type Row = Extract<GuardCheck, { id: 's3PublicAccess' }>;
const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** Account-level S3 Block Public Access: what changes and what it may break, then on; undo puts back what was. */
export function S3Row({ check }: { check: Row }) {
  const { t } = useTranslation('adminGuard');
  const { busy, error, active, outcome, s3Previous, blockS3, restoreS3 } = useGuardStore();
  const [confirming, setConfirming] = useState(false);
  const accountId = useAdminStore((s) => s.identity?.accountId ?? '');
  const mine = active === 's3';
  const canUndo = !!s3Previous && s3Previous.accountId === accountId;
  const flag = (v: boolean | undefined) => t(v ? 'on' : 'off');
  return (
    <GuardRow check={check} detail={t(`checks.s3PublicAccess.${check.status}`)}>
      {check.status === 'fail' && (
        <table data-testid="s3-diff">
          <caption>{t('checks.s3PublicAccess.diffCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checks.s3PublicAccess.setting')}</th>
              <th scope="col">{t('checks.s3PublicAccess.now')}</th>
              <th scope="col">{t('checks.s3PublicAccess.after')}</th>
            </tr>
          </thead>
          <tbody>
            {FLAGS.map((f) => (
              <tr key={f}>
                <td>{t(`checks.s3PublicAccess.flags.${f}`)}</td>
                <td>{flag(check.current?.[f])}</td>
                <td>
                  <strong>{flag(true)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mine && <ErrorMessage error={error} />}
      {mine && outcome?.kind === 's3Blocked' && <p className="success" role="status">{t('checks.s3PublicAccess.done')}</p>}
      {mine && outcome?.kind === 's3Restored' && <p className="success" role="status">{t('checks.s3PublicAccess.restored')}</p>}
      {confirming && check.status === 'fail' ? (
        <div className="notice" role="alertdialog" aria-labelledby="s3-confirm">
          <p id="s3-confirm">{t('checks.s3PublicAccess.warning')}</p>
          <PlanActions busy={busy} onApply={() => void blockS3(accountId).then(() => setConfirming(false))} onCancel={() => setConfirming(false)} applyLabel={t('checks.s3PublicAccess.apply')} />
        </div>
      ) : (
        <div className="actions">
          {check.status === 'fail' && (
            <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
              {t('checks.s3PublicAccess.plan')}
            </button>
          )}
          {canUndo && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void restoreS3(accountId)}>
              {t('checks.s3PublicAccess.undo')}
            </button>
          )}
        </div>
      )}
    </GuardRow>
  );
}
