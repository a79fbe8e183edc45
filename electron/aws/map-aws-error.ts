import { AppError } from '../../src/shared/errors/app-error';
import { awsErrorMessage, awsErrorName, isNetworkError } from './aws-error';

/** AWS error codes that mean "try again later" (the SDK already retried before we see them). */
const RETRYABLE = new Set([
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequests',
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
]);

/**
 * Turns anything thrown into an AppError. AWS service errors become `aws.<Code>` with the API
 * reference's code (the renderer has a message for each one the flows can meet, and a generic one
 * otherwise); network failures become `aws.network`; anything else is `internal` and is logged,
 * not shown.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isNetworkError(error)) return new AppError('aws.network', undefined, { retryable: true, cause: error });
  const name = awsErrorName(error);
  if (name) {
    const status = (error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode ?? 0;
    // AWS's own code and message travel along, so a code the app has no text for is still shown
    // readably (the renderer's aws.unknown) instead of an internal name.
    const params = { status, awsCode: readableCode(name, status), awsMessage: readableMessage(awsErrorMessage(error)) };
    return new AppError(`aws.${name}`, params, { retryable: RETRYABLE.has(name) || status >= 500, cause: error });
  }
  return new AppError('internal', undefined, { cause: error });
}

/** The SDK names an error it could not parse "Error", "Unknown" or "UnknownError": the HTTP status says more. */
function readableCode(name: string, status: number): string {
  return name === 'Error' || name === 'Unknown' || name === 'UnknownError' ? `HTTP ${status || '?'}` : name.slice(0, 100);
}

/** AWS's message on one line, without control characters, at most 300 characters (never a stack or a body dump). */
function readableMessage(message: string): string {
  const line = message.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!line || line === 'UnknownError' || /^<|^\{/.test(line)) return '—';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
