/**
 * The AWS error code of an SDK service error (one with `$metadata`), else undefined. SDK v3 names
 * modeled IAM errors `<Code>Exception` (NoSuchEntityException); unmodeled ones keep the bare code
 * (AccessDenied). We compare against the wire codes of the API reference.
 */
export function awsErrorName(error: unknown): string | undefined {
  const e = error as { name?: string; $metadata?: unknown } | null;
  if (!e || typeof e !== 'object' || !e.$metadata || typeof e.name !== 'string') return undefined;
  return e.name.replace(/Exception$/, '');
}

export function awsErrorMessage(error: unknown): string {
  const m = (error as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : '';
}
