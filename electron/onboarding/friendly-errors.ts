import { AppError } from '../../src/shared/errors/app-error';
import { toAppError } from '../aws/map-aws-error';

/**
 * What the wizard shows when a call fails after the SDK's own retries: a throttled/5xx/dropped
 * call becomes one clear, retryable message (the step keeps its state, and each step is safe to
 * run again); other AWS errors keep their code without the SDK's `Exception` suffix, so the
 * shared `errors:aws.<Code>` messages apply.
 */
export function friendlyError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = toAppError(error);
  if (e.code === 'aws.network') return e;
  if (e.retryable) return new AppError('onboarding.awsTemporary', undefined, { retryable: true, cause: error });
  if (e.code.startsWith('aws.')) {
    return new AppError(e.code.replace(/Exception$/, ''), e.params, { ...(e.retryable !== undefined ? { retryable: e.retryable } : {}), cause: error });
  }
  return e;
}

export function withFriendlyErrors<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw friendlyError(error);
    }
  };
}
