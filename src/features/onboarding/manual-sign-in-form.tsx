import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnboardingStore } from './onboarding-store';

const FIELDS = [
  { key: 'accountId', type: 'text', inputMode: 'numeric' as const, pattern: '\\d{12}' },
  { key: 'userName', type: 'text' },
  { key: 'accessKeyId', type: 'text' },
  { key: 'secretAccessKey', type: 'password' },
  { key: 'temporaryPassword', type: 'password' },
] as const;

type Values = Record<(typeof FIELDS)[number]['key'], string>;
const EMPTY: Values = { accountId: '', userName: '', accessKeyId: '', secretAccessKey: '', temporaryPassword: '' };

export function ManualSignInForm() {
  const { t } = useTranslation('onboarding');
  const busy = useOnboardingStore((s) => s.busy);
  const signIn = useOnboardingStore((s) => s.signInManually);
  const [values, setValues] = useState<Values>(EMPTY);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = values;
    // Keep what is not secret, so a typo can be fixed without retyping everything.
    setValues({ ...v, secretAccessKey: '', temporaryPassword: '' });
    void signIn(v);
  };

  return (
    <form onSubmit={onSubmit} aria-busy={busy}>
      <p className="hint">{t('signIn.manualIntro')}</p>
      {FIELDS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`manual-${f.key}`}>{t(`signIn.fields.${f.key}`)}</label>
          <input
            id={`manual-${f.key}`}
            type={f.type}
            autoComplete="off"
            spellCheck={false}
            {...('inputMode' in f ? { inputMode: f.inputMode, pattern: f.pattern } : {})}
            value={values[f.key]}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            required
          />
        </div>
      ))}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.verifying') : t('signIn.submit')}
        </button>
      </div>
    </form>
  );
}
