import { useTranslation } from 'react-i18next';
import { useAdminStore } from '../admin-store';
import { PasswordPolicyFix } from './password-policy-fix';
import { ReportPanel } from './report-panel';
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
  const { t, i18n } = useTranslation('admin');
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
    case 'credentialReport':
      return null;
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
                <th scope="col">{t('readiness.checks.oldAccessKeys.lastUsed')}</th>
              </tr>
            </thead>
            <tbody>
              {check.keys.map((k) => (
                <tr key={`${k.userName}:${k.accessKeyId ?? k.slot}`}>
                  <td className="mono">{k.userName}</td>
                  <td className="mono">{k.accessKeyId ?? t('readiness.checks.oldAccessKeys.slot', { slot: k.slot })}</td>
                  <td>{t('readiness.checks.oldAccessKeys.days', { count: k.ageDays })}</td>
                  <td>{k.lastUsedDate ? new Date(k.lastUsedDate).toLocaleDateString(i18n.language) : t('readiness.checks.oldAccessKeys.never')}</td>
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
  const { t, i18n } = useTranslation('admin');
  const base = `readiness.checks.${check.id}`;
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const detail =
    check.status === 'unknown'
      ? check.missingPermission && /AccessDenied|Unauthorized/.test(check.errorCode ?? '')
        ? t('readiness.missingPermission', { permission: check.missingPermission })
        : t('readiness.couldNotCheck', { code: check.errorCode ?? '' })
      : check.id === 'enforcementPolicy' && check.status === 'fail'
        ? t(`${base}.${check.policyState ?? 'missing'}`)
        : check.id === 'credentialReport' && check.report
          ? t(`${base}.ok`, { time: when(check.report.generatedAt), next: when(check.report.nextAt) })
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
      {check.report && check.id !== 'credentialReport' && <p className="hint">{t('readiness.reportAge', { time: when(check.report.generatedAt) })}</p>}
      {check.status === 'fail' && <Fix check={check} />}
      {check.id === 'credentialReport' && check.status === 'ok' && <ReportPanel />}
    </li>
  );
}
