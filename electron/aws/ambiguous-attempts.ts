import type { IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import { mayHaveTakenEffect } from './aws-error';

/**
 * Which of the SDK's own retries matter for idempotency. The SDK retries throttling, 5xx and
 * dropped connections alike, so "more than one attempt" says nothing: a throttled attempt was
 * refused before AWS ran it (400 Throttling), while a 5xx or a lost answer may have run. This
 * middleware notes, per call, whether any failed attempt was of the second kind, and marks the
 * call's final answer (or error) with it.
 */
const MARK = Symbol.for('iam-onboarding/earlier-attempt-may-have-run');

type Stack = Pick<IAMClient['middlewareStack'], 'add'>;

export function trackAmbiguousAttempts<T extends { middlewareStack: unknown }>(client: T): T {
  const stack = client.middlewareStack as Stack;
  // Inside the retry loop (the deserialize step runs once per attempt), outside the deserializer
  // so a 5xx is seen as the parsed AWS error.
  stack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        if (mayHaveTakenEffect(e)) (context as Record<symbol, boolean>)[MARK] = true;
        throw e;
      }
    },
    { step: 'deserialize', name: 'noteAmbiguousAttempt', priority: 'high' },
  );
  // Around the whole call (all attempts): put the note on what the caller gets.
  stack.add(
    (next, context) => async (args) => {
      const marked = () => (context as Record<symbol, boolean>)[MARK] === true;
      try {
        const result = await next(args);
        if (marked()) mark(result.output);
        return result;
      } catch (e) {
        if (marked()) mark(e);
        throw e;
      }
    },
    { step: 'initialize', name: 'reportAmbiguousAttempt', priority: 'high' },
  );
  return client;
}

function mark(x: unknown): void {
  if (x && typeof x === 'object') Object.defineProperty(x, MARK, { value: true, enumerable: false });
}

/**
 * True when an earlier attempt of this call (an SDK retry) failed in a way that may have run it:
 * a success or an error can then hide a first run whose answer was lost.
 */
export function earlierAttemptMayHaveRun(x: unknown): boolean {
  if (x instanceof AppError) return earlierAttemptMayHaveRun(x.cause);
  return !!x && typeof x === 'object' && (x as Record<symbol, unknown>)[MARK] === true;
}

/** The call may have taken effect: this failure itself, or an earlier attempt of it. */
export const mayHaveRun = (error: unknown): boolean => mayHaveTakenEffect(error) || earlierAttemptMayHaveRun(error);
