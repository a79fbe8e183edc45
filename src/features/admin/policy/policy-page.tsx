import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { AttachToGroup } from './attach-to-group';
import { PolicyActions } from './policy-actions';
import { PolicyBlockers } from './policy-blockers';
import { usePolicyStore } from './policy-store';
import { SimulateTable } from './simulate-table';

/** The MFA-enforcement policy: present and current? what it allows? what older policies break? */
export function PolicyPage() {
  const { t } = useTranslation('admin');
  const { status, loading, error, applied, load } = usePolicyStore();

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="policy-title" aria-busy={loading}>
      <h2 id="policy-title">{t('policy.title')}</h2>
      <p className="hint">{t('policy.intro')}</p>
      <ErrorMessage error={error} onRetry={() => void load()} />
      {applied && (
        <p className="success" role="status" data-testid="policy-applied">
          {applied.deletedVersionId
            ? t('policy.appliedWithDelete', { version: applied.versionId, deleted: applied.deletedVersionId })
            : t('policy.applied', { version: applied.versionId })}
        </p>
      )}
      {!status && loading && <p role="status">{t('policy.loading')}</p>}
      {status && (
        <>
          <div className="card">
            <p data-testid="policy-state" data-state={status.state}>
              <span className="admin-status" data-status={status.state === 'current' ? 'ok' : 'fail'}>
                {t(`policy.stateBadge.${status.state}`)}
              </span>{' '}
              {t(`policy.state.${status.state}`)}
            </p>
            <p className="hint mono">{status.arn}</p>
            {status.state !== 'missing' && (
              <p className="hint">{t('policy.versions', { count: status.versionCount, version: status.defaultVersionId ?? '' })}</p>
            )}
            <PolicyActions status={status} />
          </div>
          <PolicyBlockers status={status} />
          <SimulateTable />
          {status.state === 'current' && <AttachToGroup />}
        </>
      )}
    </section>
  );
}
