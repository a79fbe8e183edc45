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

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Params as the user reads them: an ISO instant (an invite's expiry) as a date and time in their language. */
export function localizeParams(params: AppErrorShape['params'], lng: string): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    out[k] = typeof v === 'string' && ISO_INSTANT.test(v) ? new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(v)) : v;
  }
  return out;
}

/**
 * Which message an error shows, with which values: its own text when the app has one; for an AWS
 * answer it has none for, AWS's own code and message (never the internal `aws.<Code>`); otherwise
 * the generic text naming the code.
 */
export function errorMessageArgs(error: AppErrorShape, exists: (key: string) => boolean, lng: string): { key: string; params: Record<string, string | number | boolean> } {
  const key = errorMessageKey(error.code);
  const params = localizeParams(error.params, lng);
  if (exists(key)) return { key, params };
  if (error.code.startsWith('aws.')) return { key: 'errors:aws.unknown', params: { awsCode: params.awsCode ?? error.code.slice(4), awsMessage: params.awsMessage ?? '—' } };
  return { key: 'errors:unknown', params: { code: error.code } };
}

/** An AppError in the user's language (see errorMessageArgs). */
export function useErrorText(): (error: AppErrorShape) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    const { key, params } = errorMessageArgs(error, (k) => i18n.exists(k), i18n.language);
    return t(key, params);
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
