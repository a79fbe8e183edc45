import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPassword, passwordMeetsPolicy } from '../../shared/password-policy/check-password';
import { useOnboardingStore } from './onboarding-store';
import { PasswordRules } from './password-rules';
import { StrengthMeter } from './strength-meter';
import { usePasswordStrength } from './use-password-strength';

export function PasswordStep() {
  const { t } = useTranslation('onboarding');
  const policy = useOnboardingStore((s) => s.policy);
  const busy = useOnboardingStore((s) => s.busy);
  const loadPolicy = useOnboardingStore((s) => s.loadPolicy);
  const changePassword = useOnboardingStore((s) => s.changePassword);
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);

  useEffect(() => {
    if (!policy) void loadPolicy();
  }, [policy, loadPolicy]);

  const userName = policy?.userName ?? '';
  const results = useMemo(() => (policy ? checkPassword(pw, policy.policy, { userName }) : []), [pw, policy, userName]);
  const userInputs = useMemo(() => [userName], [userName]);
  const score = usePasswordStrength(pw, userInputs);
  const confirmOk = pw.length > 0 && pw === confirm;
  const ready = !!policy && passwordMeetsPolicy(results) && confirmOk;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    void changePassword(pw);
  };

  return (
    <form className="card" data-testid="step-password" onSubmit={onSubmit} aria-busy={busy}>
      <h3 tabIndex={-1}>{t('password.title')}</h3>
      <p>{t('password.intro')}</p>
      {policy && (
        <p className={policy.source === 'account' ? 'hint' : 'notice'} data-testid="policy-source" data-source={policy.source}>
          {t(`password.policySource.${policy.source}`)}
        </p>
      )}
      {policy?.policy.passwordReusePrevention && (
        <p className="hint">{t('password.reuseNote', { count: policy.policy.passwordReusePrevention })}</p>
      )}
      <div className="field">
        <label htmlFor="new-password">{t('password.newPassword')}</label>
        <input id="new-password" type={show ? 'text' : 'password'} autoComplete="new-password" value={pw} onChange={(e) => setPw(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="confirm-password">{t('password.confirm')}</label>
        <input id="confirm-password" type={show ? 'text' : 'password'} autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        {t('password.show')}
      </label>
      <StrengthMeter score={score} />
      {policy && <PasswordRules results={results} confirmOk={confirmOk} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !ready}>
          {busy ? t('password.submitting') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
