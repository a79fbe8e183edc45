import { useEffect, useId } from 'react';
import type { AppErrorShape } from '../shared/errors/app-error';
import { useErrorText } from './error-message';

/**
 * Puts an error where the user can fix it: under the field it is about (red border, focus on the
 * field), or — for an error about no field — next to the button, with focus on the message, so it
 * is on screen and read out. `fieldFor` maps an error code to a field id (or null).
 */
export function useFieldErrors(error: AppErrorShape | null, fieldFor: (code: string) => string | null) {
  const formErrorId = `form-error-${useId().replace(/:/g, '')}`;
  const text = useErrorText();
  const fieldId = error ? fieldFor(error.code) : null;
  useEffect(() => {
    if (!error) return;
    const target = document.getElementById(fieldId ?? formErrorId);
    target?.focus();
    target?.scrollIntoView?.({ block: 'center' });
  }, [error, fieldId, formErrorId]);
  return {
    /** The error to show under field `id`, if it is about that field. */
    on: (id: string): AppErrorShape | null => (error && fieldId === id ? error : null),
    /** The same, as text in the user's language (for <TextField error>). */
    textOn: (id: string): string | null => (error && fieldId === id ? text(error) : null),
    /** Props for <TextField> / <CodeField>: the message and its code (tests and support read the code). */
    propsFor: (id: string): { error?: string; errorCode?: string } =>
      error && fieldId === id ? { error: text(error), errorCode: error.code } : {},
    /** The error about no field, for <ErrorMessage id={formErrorId}> next to the button. */
    formError: error && !fieldId ? error : null,
    formErrorId,
  };
}

/** Focuses the first field marked invalid in `form` (after a submit our own checks refused). */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
