import { useTranslation } from 'react-i18next';
import type { PolicyStatus } from './policy-store';

/** Seed-003-style policies in the account, in plain words: who they lock out and what to do. */
export function PolicyBlockers({ status }: { status: PolicyStatus }) {
  const { t } = useTranslation('admin');
  if (status.blockersUnknown) {
    return (
      <p className="notice" data-testid="blockers-unknown">
        {t('policy.blockers.unknown', { permission: status.blockersUnknown })}
      </p>
    );
  }
  if (status.blockers.length === 0) return null;
  return (
    <div className="card admin-blockers" data-testid="policy-blockers">
      <h3>{t('policy.blockers.title')}</h3>
      {status.blockers.map((b) => (
        <div key={`${b.kind}:${b.owner ?? ''}:${b.policyName}`} className="error-message" role="alert" data-testid={`blocker-${b.policyName}`}>
          <p>
            <strong>
              {b.kind === 'managed'
                ? t('policy.blockers.managed', { name: b.policyName })
                : t(`policy.blockers.${b.kind}`, { name: b.policyName, owner: b.owner ?? '' })}
            </strong>
          </p>
          <p>{t('policy.blockers.what', { actions: b.blockedActions.join(', ') })}</p>
          <p>
            {b.lockedOut.length
              ? t('policy.blockers.lockedOut', { users: b.lockedOut.join(', ') })
              : t('policy.blockers.noneLockedNow', { users: b.users.join(', ') || '—' })}
          </p>
          <p>{t('policy.blockers.fix', { name: b.policyName })}</p>
        </div>
      ))}
    </div>
  );
}
