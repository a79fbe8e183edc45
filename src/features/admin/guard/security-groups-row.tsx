import { useTranslation } from 'react-i18next';
import { GuardRow } from './guard-row';
import type { GuardCheck } from './guard-store';

type Row = Extract<GuardCheck, { id: 'securityGroups' }>;

/** Security groups open to the world on SSH, RDP or all ports, in every enabled region: guidance, no changes. */
export function SecurityGroupsRow({ check }: { check: Row }) {
  const { t } = useTranslation('adminGuard');
  const steps = t('checks.securityGroups.steps', { returnObjects: true }) as string[];
  return (
    <GuardRow check={check} detail={t(`checks.securityGroups.${check.status}`, { count: check.regionsChecked.length })}>
      {check.findings.length > 0 && (
        <table data-testid="open-groups">
          <caption className="visually-hidden">{t('checks.securityGroups.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checks.securityGroups.region')}</th>
              <th scope="col">{t('checks.securityGroups.group')}</th>
              <th scope="col">{t('checks.securityGroups.ports')}</th>
              <th scope="col">{t('checks.securityGroups.source')}</th>
            </tr>
          </thead>
          <tbody>
            {check.findings.map((f) => (
              <tr key={`${f.region}/${f.groupId}/${f.ports}/${f.cidr}`}>
                <td>{f.region}</td>
                <td className="mono">
                  {f.groupId} ({f.groupName})
                </td>
                <td>{f.ports === 'all' ? t('checks.securityGroups.allPorts') : f.ports}</td>
                <td className="mono">{f.cidr}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.regionErrors.length > 0 && (
        <ul className="admin-names" data-testid="sg-region-errors">
          {check.regionErrors.map((e) => (
            <li key={e.region}>{t('checks.securityGroups.regionError', { region: e.region, reason: e.missingPermission ?? e.errorCode })}</li>
          ))}
        </ul>
      )}
      {check.status === 'fail' && (
        <ol className="admin-guidance">
          {steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      )}
    </GuardRow>
  );
}
