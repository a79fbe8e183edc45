import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'type'>;

interface Props extends InputProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  /** The problem with this field: shown under it, red border, announced with the field. */
  error?: ReactNode;
  /** The AppError code behind `error`, if it came from one. */
  errorCode?: string;
  type?: 'text' | 'password' | 'url' | 'number';
  /** A password field with a show/hide button (type is then managed here). */
  revealable?: boolean;
  className?: string;
}

/**
 * One labelled input for every form: hint and error wired for screen readers (`aria-describedby`),
 * `aria-invalid` for the red border, and — for secrets — a show/hide button. Forms set
 * `noValidate`, so the only messages are ours, in the user's language.
 */
export function TextField({ id, label, value, onChange, hint, error, errorCode, type = 'text', revealable, className, ...rest }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const input = (
    <input
      {...rest}
      id={id}
      className={className}
      type={revealable ? (shown ? 'text' : 'password') : type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    />
  );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {revealable ? (
        <div className="input-with-button">
          {input}
          <button type="button" className="secondary small" aria-pressed={shown} aria-controls={id} onClick={() => setShown((s) => !s)}>
            {shown ? t('field.hide') : t('field.show')}
          </button>
        </div>
      ) : (
        input
      )}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert" data-error-code={errorCode}>
          {error}
        </span>
      )}
    </div>
  );
}
