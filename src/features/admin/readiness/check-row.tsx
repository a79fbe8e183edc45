import { useTranslation } from 'react-i18next';
import { useAdminStore } from '../admin-store';
import { PasswordPolicyFix } from './password-policy-fix';
import type { ReadinessCheck } from './readiness-store';

function Steps({ k }: { k: string }) {
  const { t } = useTranslation('admin');
  const steps = t(k, { returnObjects: true }) as string[];
  return (
    <ol className="admin-guidance">
      {steps.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ol>
  );
}

function Fix({ check }: { check: ReadinessCheck }) {
  const { t } = useTranslation('admin');
  const setTab = useAdminStore((s) => s.setTab);
  switch (check.id) {
    case 'rootMfa':
    case 'rootKeys':
      return (
        <>
          <p>{t('readiness.rootOnly')}</p>
          <Steps k={`readiness.checks.${check.id}.steps`} />
        </>
      );
    case 'passwordPolicy':
      return <PasswordPolicyFix check={check} />;
    case 'enforcementPolicy':
      return (
        <button type="button" className="secondary" onClick={() => setTab('policy')}>
          {t('readiness.checks.enforcementPolicy.goToPolicy')}
        </button>
      );
    case 'consoleUsersWithoutMfa':
      return (
        <>
          <ul className="admin-names" data-testid="users-without-mfa">
            {check.users.map((u) => (
              <li key={u} className="mono">
                {u}
              </li>
            ))}
          </ul>
          <p>{t('readiness.checks.consoleUsersWithoutMfa.fix')}</p>
        </>
      );
    case 'oldAccessKeys':
      return (
        <>
          <table data-testid="old-keys">
            <caption className="visually-hidden">{t('readiness.checks.oldAccessKeys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('readiness.checks.oldAccessKeys.user')}</th>
                <th scope="col">{t('readiness.checks.oldAccessKeys.key')}</th>
                <th scope="col">{t('readiness.checks.oldAccessKeys.age')}</th>
              </tr>
            </thead>
            <tbody>
              {check.keys.map((k) => (
                <tr key={k.accessKeyId}>
                  <td className="mono">{k.userName}</td>
                  <td className="mono">{k.accessKeyId}</td>
                  <td>{t('readiness.checks.oldAccessKeys.days', { count: k.ageDays })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Steps k="readiness.checks.oldAccessKeys.steps" />
        </>
      );
  }
}

export function CheckRow({ check }: { check: ReadinessCheck }) {
  const { t } = useTranslation('admin');
  const base = `readiness.checks.${check.id}`;
  const detail =
    check.status === 'unknown'
      ? check.missingPermission && /AccessDenied|Unauthorized/.test(check.errorCode ?? '')
        ? t('readiness.missingPermission', { permission: check.missingPermission })
        : t('readiness.couldNotCheck', { code: check.errorCode ?? '' })
      : check.id === 'enforcementPolicy' && check.status === 'fail'
        ? t(`${base}.${check.policyState ?? 'missing'}`)
        : t(`${base}.${check.status}`);
  return (
    <li className="admin-check card" data-status={check.status} data-testid={`check-${check.id}`}>
      <div className="admin-check-head">
        <span className="admin-status" data-status={check.status}>
          {t(`readiness.status.${check.status}`)}
        </span>
        <h3>{t(`${base}.title`)}</h3>
      </div>
      <p data-testid={`check-${check.id}-detail`}>{detail}</p>
      {check.status === 'fail' && <Fix check={check} />}
    </li>
  );
}
