import { useTranslation } from 'react-i18next';
import type { FixPlan } from './matrix-store';

/** Exactly what a fix will change in the account: the password policy field by field, or the policy document. */
export function FixPlanView({ plan, account }: { plan: FixPlan; account: string }) {
  const { t } = useTranslation('adminAccounts');
  const { t: ta } = useTranslation('admin');
  const value = (v: string | number | boolean | null) =>
    v === null ? ta('readiness.checks.passwordPolicy.none') : typeof v === 'boolean' ? ta(`readiness.checks.passwordPolicy.${v ? 'yes' : 'no'}`) : String(v);
  if (plan.passwordPolicy) {
    const pp = plan.passwordPolicy;
    return (
      <div data-testid="fix-plan">
        {!pp.present && <p>{t('matrix.detail.noPolicy')}</p>}
        <table className="admin-table">
          <caption>{t('matrix.detail.passwordCaption', { account })}</caption>
          <thead>
            <tr>
              <th scope="col">{ta('readiness.checks.passwordPolicy.setting')}</th>
              <th scope="col">{ta('readiness.checks.passwordPolicy.current')}</th>
              <th scope="col">{ta('readiness.checks.passwordPolicy.target')}</th>
            </tr>
          </thead>
          <tbody>
            {pp.diff.map((d) => (
              <tr key={d.field}>
                <td>{ta(`readiness.checks.passwordPolicy.fields.${d.field}`)}</td>
                <td>{value(d.current)}</td>
                <td>
                  <strong>{value(d.target)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  const ep = plan.enforcementPolicy;
  if (!ep) return null;
  return (
    <div data-testid="fix-plan">
      <p>{ep.state === 'missing' ? t('matrix.detail.createPolicy', { arn: ep.arn }) : t('matrix.detail.newVersion', { arn: ep.arn })}</p>
      {ep.versionToDelete && <p className="notice">{t('matrix.detail.deleteVersion', { versionId: ep.versionToDelete })}</p>}
      <pre className="policy-json mono">{ep.targetJson}</pre>
    </div>
  );
}
