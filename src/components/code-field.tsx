import type { ReactNode } from 'react';

/**
 * One six-digit TOTP code field for every flow: numeric keyboard, one-time-code autofill, an
 * optional hint, and an optional problem wired for screen readers.
 */
export function CodeField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  problem?: ReactNode;
  /** The AppError code behind `problem`, if it came from one. */
  problemCode?: string;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const { id, label, value, onChange, hint, problem, problemCode, placeholder, autoFocus } = props;
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field code-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono code-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        maxLength={12}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        autoFocus={autoFocus}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-error`} className="field-error" role="alert" data-error-code={problemCode}>
          {problem}
        </span>
      )}
    </div>
  );
}

/** For fields that filter as the user types: keep digits (and the space some apps show mid-code). */
export const onlyDigits = (value: string): string => value.replace(/[^\d ]/g, '');
