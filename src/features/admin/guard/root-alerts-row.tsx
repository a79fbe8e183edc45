import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { AlertsForm } from './alerts-form';
import { GuardRow } from './guard-row';
import { PlanActions, PlanItems } from './plan-items';
import { useGuardStore, type GuardCheck } from './guard-store';

type Row = Extract<GuardCheck, { id: 'rootAlerts' }>;

/** Alerts on root sign-ins (success, failure), root MFA deactivation and root access keys: to Slack and/or e-mail. */
export function RootAlertsRow({ check, trailOk }: { check: Row; trailOk: boolean }) {
  const { t } = useTranslation('adminGuard');
  const { busy, error, active, alertsPlan, outcome, applyAlerts, testAlerts, removeAlerts, cancelPlan } = useGuardStore();
  const mine = active === 'alerts';
  return (
    <GuardRow check={check} detail={t(`checks.rootAlerts.${check.status}`)}>
      <p className="hint">{t('checks.rootAlerts.regionNote', { region: check.region })}</p>
      {!trailOk && <p className="notice">{t('checks.rootAlerts.needsTrail')}</p>}
      {check.status !== 'unknown' && (
        <ul data-testid="alert-coverage">
          {check.coverage.map((k) => (
            <li key={k.kind} data-covered={k.rules.length > 0}>
              {t(`kinds.${k.kind}`)}: {k.rules.length ? k.rules.join(', ') : t('checks.rootAlerts.notCovered')}
            </li>
          ))}
        </ul>
      )}
      {check.ours && (
        <p data-testid="alerts-ours">
          {check.ours.slackHost ? t('checks.rootAlerts.oursSlack', { host: check.ours.slackHost }) : null}{' '}
          {check.ours.emails.map((m) => t(m.confirmed ? 'checks.rootAlerts.oursEmail' : 'checks.rootAlerts.oursEmailPending', { email: m.endpoint })).join(' ')}
        </p>
      )}
      {mine && <ErrorMessage error={error} />}
      {mine && outcome?.kind === 'alertsCreated' && <p className="success" role="status" data-testid="alerts-created">{t('checks.rootAlerts.created')}</p>}
      {mine && outcome?.kind === 'alertsRemoved' && <p className="success" role="status" data-testid="alerts-removed">{t('checks.rootAlerts.removed')}</p>}
      {mine && outcome?.kind === 'testSent' && (
        <p className="success" role="status" data-testid="alerts-test-sent">
          {t('checks.rootAlerts.testSent', { id: outcome.result.eventId })}{' '}
          {outcome.result.patternsChecked.every((p) => p.matches) ? t('checks.rootAlerts.patternsOk') : t('checks.rootAlerts.patternsBad')}
        </p>
      )}
      {alertsPlan && mine ? (
        <div className="notice" data-testid="alerts-plan">
          <p>{t('checks.rootAlerts.planIntro', { region: alertsPlan.region })}</p>
          {alertsPlan.slackHostUnusual && <p>{t('checks.rootAlerts.unusualHost', { host: alertsPlan.slackHost ?? '' })}</p>}
          <PlanItems items={alertsPlan.items} testId="alerts-plan-items" />
          <h4>{t('checks.rootAlerts.previewTitle')}</h4>
          {alertsPlan.rules
            .filter((r) => r.kind === 'signInSuccess')
            .map((r) => (
              <pre key={r.name} className="mono" data-testid="alert-preview">
                {r.preview}
              </pre>
            ))}
          <details>
            <summary>{t('checks.rootAlerts.showPatterns')}</summary>
            {alertsPlan.rules.map((r) => (
              <p key={r.name} className="mono">
                {r.name}: {r.pattern}
              </p>
            ))}
          </details>
          <PlanActions busy={busy} onApply={() => void applyAlerts()} onCancel={cancelPlan} applyLabel={t('checks.rootAlerts.apply')} />
        </div>
      ) : (
        <>
          {check.status !== 'unknown' && <AlertsForm />}
          {check.ours && (
            <div className="actions">
              <button type="button" className="secondary" disabled={busy} onClick={() => void testAlerts()}>
                {t('checks.rootAlerts.test')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={() => void removeAlerts()}>
                {t('checks.rootAlerts.remove')}
              </button>
            </div>
          )}
        </>
      )}
    </GuardRow>
  );
}
