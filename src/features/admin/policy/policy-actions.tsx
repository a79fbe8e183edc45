import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lineDiff } from './line-diff';
import { usePolicyStore, type PolicyStatus } from './policy-store';

/** Create the policy, or show the diff and add a default version (asking before deleting an old one). */
export function PolicyActions({ status }: { status: PolicyStatus }) {
  const { t } = useTranslation('admin');
  const { applying, apply } = usePolicyStore();
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (status.state === 'missing') {
    return (
      <>
        <details>
          <summary>{t('policy.showDocument')}</summary>
          <pre className="admin-json mono">{status.targetJson}</pre>
        </details>
        <div className="actions">
          <button type="button" className="primary" disabled={applying} onClick={() => void apply()}>
            {applying ? t('policy.working') : t('policy.create')}
          </button>
        </div>
      </>
    );
  }
  if (status.state === 'current') return null;

  const diff = lineDiff(status.currentJson ?? '', status.targetJson);
  const mustDelete = status.versionToDelete;
  return (
    <>
      <h3>{t('policy.diffTitle')}</h3>
      <pre className="admin-json admin-diff mono" data-testid="policy-diff" aria-label={t('policy.diffLabel')}>
        {diff.map((l, i) => (
          <span key={i} className={`diff-${l.kind}`}>
            {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
      {mustDelete && confirmDelete ? (
        <div className="notice" role="alertdialog" aria-labelledby="version-limit">
          <p id="version-limit">{t('policy.versionLimit', { version: mustDelete })}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={applying} onClick={() => void apply(mustDelete)}>
              {t('policy.deleteAndUpdate', { version: mustDelete })}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmDelete(false)}>
              {t('signIn.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={applying}
            onClick={() => (mustDelete ? setConfirmDelete(true) : void apply())}
          >
            {applying ? t('policy.working') : t('policy.update')}
          </button>
        </div>
      )}
    </>
  );
}
