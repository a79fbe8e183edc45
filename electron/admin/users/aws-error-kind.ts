import { toAppError } from '../../aws/map-aws-error';

/**
 * The AWS error code of something the SDK threw ('' when it is not an AWS service error). The
 * SDK names modeled IAM errors `<Code>Exception` (NoSuchEntityException for the wire code
 * NoSuchEntity) and unmodeled ones by the bare code (AccessDenied): both become the wire code.
 */
export function awsErrorName(error: unknown): string {
  const e = error as { name?: string; $metadata?: unknown } | null;
  return e && e.$metadata && typeof e.name === 'string' ? e.name.replace(/Exception$/, '') : '';
}

export const isAwsError = (error: unknown, name: string): boolean => awsErrorName(error) === name;

/**
 * True when the call may have taken effect even though it failed: the connection dropped after
 * the request was sent, or AWS answered 5xx. A 4xx answer means AWS did nothing.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  const app = toAppError(error);
  if (app.code === 'aws.network' || app.code === 'internal') return true;
  const status = Number(app.params?.status ?? 0);
  return status >= 500;
}
