import { useTranslation } from 'react-i18next';
import { usePolicyStore } from './policy-store';

/** What a user without MFA can and cannot do under the policy (iam:SimulateCustomPolicy). */
export function SimulateTable() {
  const { t } = useTranslation('admin');
  const { simulation, simulating, simulate } = usePolicyStore();
  return (
    <div className="card">
      <h3>{t('policy.simulate.title')}</h3>
      <p className="hint">{t('policy.simulate.intro')}</p>
      {simulation ? (
        <table data-testid="simulate-table">
          <caption className="visually-hidden">{t('policy.simulate.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('policy.simulate.action')}</th>
              <th scope="col">{t('policy.simulate.withoutMfaOnboarding')}</th>
              <th scope="col">{t('policy.simulate.withoutMfa')}</th>
              <th scope="col">{t('policy.simulate.withMfa')}</th>
            </tr>
          </thead>
          <tbody>
            {simulation.map((r) => (
              <tr key={r.action} data-testid={`sim-${r.action}`}>
                <th scope="row" className="mono">
                  {r.action}
                </th>
                <td data-decision={r.withoutMfaOnboarding}>{t(`policy.simulate.decision.${r.withoutMfaOnboarding}`)}</td>
                <td data-decision={r.withoutMfa}>{t(`policy.simulate.decision.${r.withoutMfa}`)}</td>
                <td data-decision={r.withMfa}>{t(`policy.simulate.decision.${r.withMfa}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" disabled={simulating} onClick={() => void simulate()}>
            {simulating ? t('policy.working') : t('policy.simulate.run')}
          </button>
        </div>
      )}
    </div>
  );
}
