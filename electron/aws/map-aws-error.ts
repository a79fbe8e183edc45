import { AppError } from '../../src/shared/errors/app-error';
import { awsErrorName, isNetworkError } from './aws-error';

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
    return new AppError(`aws.${name}`, { status }, { retryable: RETRYABLE.has(name) || status >= 500, cause: error });
  }
  return new AppError('internal', undefined, { cause: error });
}
