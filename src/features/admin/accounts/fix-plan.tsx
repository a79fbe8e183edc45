import { useTranslation } from 'react-i18next';
import { PasswordPolicyDiff } from '../readiness/password-policy-diff';
import type { FixPlan } from './matrix-store';

/** Exactly what a fix will change in the account: the password policy field by field, or the policy document. */
export function FixPlanView({ plan, account }: { plan: FixPlan; account: string }) {
  const { t } = useTranslation('adminAccounts');
  if (plan.passwordPolicy) {
    const pp = plan.passwordPolicy;
    return (
      <div data-testid="fix-plan">
        {!pp.present && <p>{t('matrix.detail.noPolicy')}</p>}
        <PasswordPolicyDiff diff={pp.diff} caption={t('matrix.detail.passwordCaption', { account })} className="admin-table" />
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
