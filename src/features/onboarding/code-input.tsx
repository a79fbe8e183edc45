import { useTranslation } from 'react-i18next';

/** A six-digit TOTP code field: numeric keyboard, one-time-code autofill, hint under the label. */
export function CodeInput({ id, label, hint, value, onChange }: { id: string; label: string; hint?: string; value: string; onChange(v: string): void }) {
  const { t } = useTranslation('onboarding');
  return (
    <div className="field code-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        placeholder={t('codePlaceholder')}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/[^\d ]/g, ''))}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
