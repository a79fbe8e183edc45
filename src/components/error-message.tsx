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

/** Shows an AppError in the user's language; falls back to a generic message naming the code. */
export function ErrorMessage({ error, onRetry }: { error: AppErrorShape | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = errorMessageKey(error.code);
  const text = i18n.exists(key) ? t(key, error.params ?? {}) : t('errors:unknown', { code: error.code });
  return (
    <div className="error-message" role="alert" data-error-code={error.code}>
      <p>{text}</p>
      {onRetry && (error.retryable ?? false) && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('nav.retry')}
        </button>
      )}
    </div>
  );
}
