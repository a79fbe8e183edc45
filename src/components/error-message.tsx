import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../shared/errors/app-error';

/** Shows an AppError in the user's language; falls back to a generic message naming the code. */
export function ErrorMessage({ error, onRetry }: { error: AppErrorShape | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = `errors:${error.code}`;
  const text = i18n.exists(key) ? t(key, error.params ?? {}) : t('errors:unknown', { code: error.code });
  return (
    <div className="error-message" role="alert" data-error-code={error.code}>
      <p>{text}</p>
      {onRetry && (error.retryable ?? false) && (
        <button type="button" onClick={onRetry}>
          {t('nav.retry')}
        </button>
      )}
    </div>
  );
}
