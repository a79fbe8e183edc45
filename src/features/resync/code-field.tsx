import type { ReactNode } from 'react';

/** One six-digit code input with its label and its problem, wired for screen readers. */
export function CodeField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  problem: ReactNode;
  autoFocus?: boolean;
}) {
  const { id, label, value, onChange, problem, autoFocus } = props;
  return (
    <div className="field resync-code-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="mono resync-code"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        autoFocus={autoFocus}
      />
      {problem && (
        <span id={`${id}-error`} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
