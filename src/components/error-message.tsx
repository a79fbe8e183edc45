import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../shared/errors/app-error';
import { resources } from '../i18n/resources';

/**
 * Where an error code's text lives: `<feature>.<name>` codes in that feature's namespace under
 * `errors.<name>` (each feature owns its strings); everything else (`ipc.*`, `aws.*`, `internal`)
 * in the `errors` namespace.
 */
export function errorMessageKey(code: string): string {
  const [head, ...rest] = code.split('.');
  if (head && rest.length > 0 && head !== 'errors' && head in resources.en) return `${head}:errors.${rest.join('.')}`;
  return `errors:${code}`;
}

/** An AppError in the user's language; a generic message naming the code when there is no text for it. */
export function useErrorText(): (error: AppErrorShape) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const key = errorMessageKey(error.code);
    return i18n.exists(key) ? t(key, error.params ?? {}) : t('errors:unknown', { code: error.code });
  };
}

interface Props {
  error: AppErrorShape | null;
  onRetry?: () => void;
  id?: string;
}

/**
 * An error that belongs to no single field, shown where the user acts (next to the button that
 * failed). It can take focus, so a form moves the user to it when it appears (see use-field-errors).
 */
export const ErrorMessage = forwardRef<HTMLDivElement, Props>(function ErrorMessage({ error, onRetry, id }, ref) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  return (
    <div className="error-message" role="alert" data-error-code={error.code} id={id} ref={ref} tabIndex={-1}>
      <p>{text(error)}</p>
      {onRetry && (error.retryable ?? false) && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('nav.retry')}
        </button>
      )}
    </div>
  );
});
