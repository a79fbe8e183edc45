import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { FocusHeading } from '../../components/screen-heading';
import { TextField } from '../../components/text-field';
import { useFieldErrors } from '../../components/use-field-errors';
import { checkPassword, passwordMeetsPolicy } from '../../shared/password-policy/check-password';
import { useOnboardingStore } from './onboarding-store';
import { PasswordRules } from './password-rules';
import { GOOD_SCORE, MIN_ACCEPTED_SCORE, type Strength } from './password-strength';
import { StrengthMeter, strengthAdvice } from './strength-meter';
import { loadStrengthChecker, usePasswordStrength } from './use-password-strength';
import { WizardExit } from './wizard-exit';

const NEW = 'new-password';
const CONFIRM = 'confirm-password';
const ABOUT_NEW = new Set(['onboarding.passwordReused', 'onboarding.sameAsTemporary', 'onboarding.passwordRulesNotMet', 'onboarding.passwordPolicyViolation']);

type Problem = { field: typeof NEW | typeof CONFIRM; text: string };

export function PasswordStep() {
  const { t } = useTranslation('onboarding');
  const policy = useOnboardingStore((s) => s.policy);
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const loadPolicy = useOnboardingStore((s) => s.loadPolicy);
  const changePassword = useOnboardingStore((s) => s.changePassword);
  const [pw, setPw] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = useFieldErrors(error, (code) => (ABOUT_NEW.has(code) ? NEW : null));

  useEffect(() => {
    if (!policy) void loadPolicy();
  }, [policy, loadPolicy]);

  const userName = policy?.userName ?? '';
  const results = useMemo(() => (policy ? checkPassword(pw, policy.policy, { userName }) : []), [pw, policy, userName]);
  const userInputs = useMemo(() => [userName], [userName]);
  const strength = usePasswordStrength(pw, userInputs);
  const confirmOk = pw.length > 0 && pw === confirm;
  const advice = strength && strength.score < GOOD_SCORE ? strengthAdvice(t, strength) : '';

  /** The first thing to fix, in the order the user reads the form. */
  const firstProblem = (strength: Strength): Problem | null => {
    if (!passwordMeetsPolicy(results)) return { field: NEW, text: t('password.notAllRules') };
    // A security app sets a floor: the weakest passwords are refused, whatever the policy allows.
    if (strength.score < MIN_ACCEPTED_SCORE) return { field: NEW, text: t('password.tooWeak', { advice: strengthAdvice(t, strength) }) };
    if (!confirmOk) return { field: CONFIRM, text: t('password.confirmMismatch') };
    return null;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!policy) return;
    // Pressed before the checker finished loading: wait for it rather than ask to press again.
    const verdict = strength ?? (await loadStrengthChecker())(pw, userInputs);
    const found = firstProblem(verdict);
    setProblem(found);
    if (found) {
      document.getElementById(found.field)?.focus();
      return;
    }
    void changePassword(pw);
  };
  const fieldProps = (id: Problem['field']) => (problem?.field === id ? { error: problem.text } : errors.propsFor(id));

  return (
    <form className="card" data-testid="step-password" onSubmit={(e) => void onSubmit(e)} aria-busy={busy} noValidate>
      <FocusHeading level={2}>{t('password.title')}</FocusHeading>
      <p>{t('password.intro')}</p>
      {policy && (
        <p className={policy.source === 'account' ? 'hint' : 'notice'} data-testid="policy-source" data-source={policy.source}>
          {t(`password.policySource.${policy.source}`)}
        </p>
      )}
      {policy?.policy.passwordReusePrevention && (
        <p className="hint">{t('password.reuseNote', { count: policy.policy.passwordReusePrevention })}</p>
      )}
      <TextField
        id={NEW}
        label={t('password.newPassword')}
        type={show ? 'text' : 'password'}
        autoComplete="new-password"
        value={pw}
        onChange={(v) => {
          setPw(v);
          setProblem(null);
        }}
        {...fieldProps(NEW)}
      />
      <StrengthMeter strength={strength} />
      {advice && problem?.field !== NEW && (
        <p className={strength && strength.score < MIN_ACCEPTED_SCORE ? 'field-hint-bad' : 'notice'} data-testid="strength-advice">
          {strength && strength.score < MIN_ACCEPTED_SCORE ? t('password.tooWeakLive', { advice }) : t('password.couldBeStronger', { advice })}
        </p>
      )}
      <TextField
        id={CONFIRM}
        label={t('password.confirm')}
        type={show ? 'text' : 'password'}
        autoComplete="new-password"
        value={confirm}
        onChange={(v) => {
          setConfirm(v);
          setProblem(null);
        }}
        {...fieldProps(CONFIRM)}
      />
      <label className="checkbox">
        <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
        {t('password.show')}
      </label>
      {policy && <PasswordRules results={results} confirmOk={confirmOk} />}
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !policy}>
          {busy ? t('password.submitting') : t('password.submit')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
