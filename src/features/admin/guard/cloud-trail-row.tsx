import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { GuardRow } from './guard-row';
import { PlanActions, PlanItems } from './plan-items';
import { useGuardStore, type GuardCheck } from './guard-store';

type Row = Extract<GuardCheck, { id: 'cloudTrail' }>;

/** CloudTrail: a multi-region trail logging management events; create one (plan first) or remove this app's. */
export function CloudTrailRow({ check }: { check: Row }) {
  const { t } = useTranslation('adminGuard');
  const { busy, error, active, trailPlan, outcome, planTrail, applyTrail, removeTrail, cancelPlan } = useGuardStore();
  const mine = active === 'trail';
  const ours = check.trails.some((x) => x.ours);
  const yesNo = (v: boolean | null) => t(v === null ? 'unknown' : v ? 'yes' : 'no');
  return (
    <GuardRow check={check} detail={t(`checks.cloudTrail.${check.status}`)}>
      <p className="hint">{t('checks.cloudTrail.regionNote', { region: check.region })}</p>
      {check.trails.length > 0 && (
        <table data-testid="trails">
          <caption className="visually-hidden">{t('checks.cloudTrail.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checks.cloudTrail.name')}</th>
              <th scope="col">{t('checks.cloudTrail.home')}</th>
              <th scope="col">{t('checks.cloudTrail.allRegions')}</th>
              <th scope="col">{t('checks.cloudTrail.logging')}</th>
              <th scope="col">{t('checks.cloudTrail.management')}</th>
            </tr>
          </thead>
          <tbody>
            {check.trails.map((x) => (
              <tr key={`${x.homeRegion}/${x.name}`}>
                <td className="mono">{x.name}</td>
                <td>{x.homeRegion}</td>
                <td>{yesNo(x.multiRegion)}</td>
                <td>{yesNo(x.logging)}</td>
                <td>{yesNo(x.managementEvents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mine && <ErrorMessage error={error} />}
      {mine && outcome?.kind === 'trailCreated' && <p className="success" role="status">{t('checks.cloudTrail.created')}</p>}
      {mine && outcome?.kind === 'trailRemoved' && (
        <p className="success" role="status" data-testid="trail-removed">
          {outcome.result.bucketKept
            ? t(`checks.cloudTrail.removedBucketKept.${outcome.result.bucketKept}`, { bucket: outcome.result.bucketName ?? '' })
            : t('checks.cloudTrail.removed')}
        </p>
      )}
      {trailPlan && mine ? (
        <div className="notice" data-testid="trail-plan">
          <p>{t('checks.cloudTrail.planIntro', { region: trailPlan.region })}</p>
          <PlanItems items={trailPlan.items} testId="trail-plan-items" />
          <details>
            <summary>{t('checks.cloudTrail.showPolicy')}</summary>
            <pre className="mono">{trailPlan.bucketPolicy}</pre>
          </details>
          <PlanActions busy={busy} onApply={() => void applyTrail()} onCancel={cancelPlan} applyLabel={t('checks.cloudTrail.apply')} />
        </div>
      ) : (
        <div className="actions">
          {check.status === 'fail' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void planTrail()}>
              {t('checks.cloudTrail.plan')}
            </button>
          )}
          {ours && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void removeTrail()}>
              {t('checks.cloudTrail.remove')}
            </button>
          )}
        </div>
      )}
    </GuardRow>
  );
}
