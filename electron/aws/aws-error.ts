import { AppError } from '../../src/shared/errors/app-error';

/**
 * Reading AWS service errors the way the API reference names them. SDK v3 names modelled errors
 * `<Code>Exception` (NoSuchEntityException for the wire code NoSuchEntity) and unmodelled ones by
 * the bare code (AccessDenied); everything here compares wire codes.
 */

/** The wire code of an AWS service error (one with `$metadata`), or '' for anything else. */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: unknown; $metadata?: unknown } | null;
  if (!e || typeof e !== 'object' || !e.$metadata || typeof e.name !== 'string') return '';
  return e.name.replace(/(?<=.)Exception$/, '');
}

export const isAwsError = (error: unknown, code: string): boolean => awsErrorName(error) === code;
// IAM, STS, S3, CloudTrail and EventBridge say AccessDenied(Exception); EC2 UnauthorizedOperation; SNS AuthorizationError.
export const isAccessDenied = (error: unknown): boolean => /^(AccessDenied|UnauthorizedOperation|AuthorizationError)$/.test(awsErrorName(error));
export const isNoSuchEntity = (error: unknown): boolean => awsErrorName(error) === 'NoSuchEntity';

/**
 * An AccessDenied that a policy decided, told apart by AWS's documented message shape ("User: ARN
 * is not authorized to perform: ACTION on resource: …"). Other AccessDenied answers (a wrong
 * current password for ChangePassword, a failed MFA code) do not have it.
 */
export const isPolicyDenial = (error: unknown): boolean =>
  isAccessDenied(error) && /is not authorized to perform: \S+ on resource: /.test(awsErrorMessage(error));

export function awsErrorMessage(error: unknown): string {
  const m = (error as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : '';
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|TimeoutError)$/;

/** A failure from the network rather than from AWS: the request may or may not have arrived. */
export function isNetworkError(error: unknown): boolean {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string };
  return NETWORK_CODES.test(e.name ?? '') || NETWORK_CODES.test(e.code ?? '') || /socket hang up|ECONNRESET|ECONNREFUSED/i.test(e.message ?? '');
}

/**
 * True when the call may have taken effect even though it failed: the connection dropped after
 * the request was sent, or AWS answered 5xx. A 4xx answer means AWS did nothing.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  // Our own errors wrap the AWS error that caused them; one without a cause was raised before any call.
  if (error instanceof AppError) return error.cause !== undefined && mayHaveTakenEffect(error.cause);
  if (isNetworkError(error)) return true;
  const e = error as { $metadata?: { httpStatusCode?: number } } | null;
  if (!e?.$metadata) return true; // not an AWS answer at all: assume the worst
  return (e.$metadata.httpStatusCode ?? 0) >= 500;
}
