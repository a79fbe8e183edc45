import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { TextField } from '../../components/text-field';
import { focusFirstInvalid, useFieldErrors } from '../../components/use-field-errors';
import { useOnboardingStore } from './onboarding-store';
import { WizardExit } from './wizard-exit';

const FIELDS = ['accountId', 'userName', 'accessKeyId', 'secretAccessKey', 'temporaryPassword'] as const;
type Key = (typeof FIELDS)[number];
type Values = Record<Key, string>;
const EMPTY: Values = { accountId: '', userName: '', accessKeyId: '', secretAccessKey: '', temporaryPassword: '' };
const SECRET: ReadonlySet<Key> = new Set(['secretAccessKey', 'temporaryPassword']);

/** Our own checks (the browser's bubbles would speak the OS language, not the app's). */
function problemOf(key: Key, value: string): string | null {
  const v = value.trim();
  if (!v) return 'required';
  if (key === 'accountId' && !/^\d{12}$/.test(v)) return 'accountId';
  if (key === 'accessKeyId' && !/^AKIA[A-Z0-9]{12,124}$/.test(v)) return 'accessKeyId';
  return null;
}

/** What AWS's answer was about: the field to fix. */
const FIELD_OF: Record<string, Key> = {
  'onboarding.secretWrong': 'secretAccessKey',
  'onboarding.keyUnknown': 'accessKeyId',
  'onboarding.notAnIamUser': 'accessKeyId',
  'onboarding.accountMismatch': 'accountId',
  'onboarding.userMismatch': 'userName',
};
const idOf = (k: Key) => `manual-${k}`;

export function ManualSignInForm() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const error = useOnboardingStore((s) => s.error);
  const retry = useOnboardingStore((s) => s.retry);
  const signIn = useOnboardingStore((s) => s.signInManually);
  const [values, setValues] = useState<Values>(EMPTY);
  const [checked, setChecked] = useState(false);
  const errors = useFieldErrors(error, (code) => (FIELD_OF[code] ? idOf(FIELD_OF[code]) : null));

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setChecked(true);
    const form = e.currentTarget;
    if (FIELDS.some((k) => problemOf(k, values[k]))) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    // Kept after a failed attempt, so one typo is fixed without retyping everything.
    void signIn({ ...values, accountId: values.accountId.trim(), userName: values.userName.trim(), accessKeyId: values.accessKeyId.trim() });
  };

  return (
    <form onSubmit={onSubmit} aria-busy={busy} noValidate>
      <p className="hint">{t('signIn.manualIntro')}</p>
      {FIELDS.map((k) => {
        const problem = checked ? problemOf(k, values[k]) : null;
        return (
          <TextField
            key={k}
            id={idOf(k)}
            label={t(`signIn.fields.${k}`)}
            value={values[k]}
            onChange={(v) => setValues({ ...values, [k]: v })}
            autoComplete="off"
            spellCheck={false}
            className={k === 'userName' ? undefined : 'mono'}
            revealable={SECRET.has(k)}
            {...(k === 'accountId' ? { inputMode: 'numeric' as const } : {})}
            {...(problem ? { error: t(`signIn.fieldErrors.${problem}`) } : errors.propsFor(idOf(k)))}
          />
        );
      })}
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void retry()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.verifying') : t('signIn.submit')}
        </button>
        <WizardExit />
      </div>
    </form>
  );
}
