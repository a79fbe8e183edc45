import { CloudTrailRow } from './cloud-trail-row';
import { RootAlertsRow } from './root-alerts-row';
import { S3Row } from './s3-row';
import { SecurityGroupsRow } from './security-groups-row';
import type { GuardCheck } from './guard-store';

/** The account-guard rows, rendered inside the readiness list. */
export function GuardRows({ checks }: { checks: GuardCheck[] }) {
  const trailOk = checks.some((c) => c.id === 'cloudTrail' && c.status === 'ok');
  return (
    <>
      {checks.map((c) => {
        switch (c.id) {
          case 'cloudTrail':
            return <CloudTrailRow key={c.id} check={c} />;
          case 'rootAlerts':
            return <RootAlertsRow key={c.id} check={c} trailOk={trailOk} />;
          case 's3PublicAccess':
            return <S3Row key={c.id} check={c} />;
          case 'securityGroups':
            return <SecurityGroupsRow key={c.id} check={c} />;
        }
      })}
    </>
  );
}
