import { AppError } from '../../src/shared/errors/app-error';

/** AWS error names that mean "try again later" (the SDK already retried before we see them). */
const RETRYABLE = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ServiceFailure',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
]);

const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'TimeoutError']);

interface AwsLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
}

/**
 * Turns anything thrown into an AppError. AWS service errors become `aws.<ErrorName>` (the
 * renderer has a message for each one the flows can meet, and a generic one otherwise);
 * network failures become `aws.network`; anything else is `internal` and is logged, not shown.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as AwsLikeError;
  // The SDK names modelled IAM errors `<Code>Exception` (NoSuchEntityException); AWS's own error
  // code — what the API reference and our messages use — is the name without the suffix.
  const name = (e.name ?? e.code ?? '').replace(/(?<=.)Exception$/, '');
  if (NETWORK.has(name) || NETWORK.has(e.code ?? '') || /socket hang up|ECONNRESET|ECONNREFUSED/i.test(e.message ?? '')) {
    return new AppError('aws.network', undefined, { retryable: true, cause: error });
  }
  if (e.$metadata && name) {
    const status = e.$metadata.httpStatusCode ?? 0;
    const retryable = RETRYABLE.has(name) || status >= 500;
    return new AppError(`aws.${name}`, { status }, { retryable, cause: error });
  }
  return new AppError('internal', undefined, { cause: error });
}
