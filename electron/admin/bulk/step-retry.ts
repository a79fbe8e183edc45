import { mayHaveRun } from '../../aws/ambiguous-attempts';
import { awsErrorName, mayHaveTakenEffect } from '../../aws/aws-error';
import type { StepRecord } from '../users/provision-steps';

const THROTTLING = new Set(['Throttling', 'TooManyRequests', 'RequestLimitExceeded', 'SlowDown', 'RequestThrottled']);
/** A dropped connection or 5xx is retried this many times per step, then the user fails. */
export const TRANSIENT_TRIES = 3;
const BASE_MS = 500;
const CAP_MS = 20_000;

export const isThrottling = (e: unknown): boolean => THROTTLING.has(awsErrorName(e));

/** Full-jitter exponential backoff. */
export const backoffMs = (n: number, random = Math.random): number => Math.round(random() * Math.min(CAP_MS, BASE_MS * 2 ** n));

export class Stopped extends Error {
  constructor() {
    super('bulk run stopped');
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Stopped());
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Stopped());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs one step until it succeeds or fails for a reason retrying cannot fix. Throttling that
 * outlived the SDK's own retries never fails a user: back off and try again ("Throttling: The
 * request was denied due to request throttling", IAM API reference, Common Errors — a 400 the
 * call did not run past). A lost answer or a 5xx marks the step as "may have happened" (its next
 * attempt finds what it left) and is retried a few times. Anything else is the user's failure.
 */
export async function retryStep<T>(step: StepRecord | null, run: () => Promise<T>, signal: AbortSignal, onWait?: () => void): Promise<T> {
  let throttled = 0;
  let transient = 0;
  for (;;) {
    try {
      return await run();
    } catch (e) {
      if (signal.aborted) throw new Stopped();
      // Throttling (even after SDK retries of it) means AWS ran nothing: the step stays as it was,
      // and its next attempt costs no extra call. A lost answer or a 5xx, now or in an SDK retry, may have run.
      if (step && step.effect === 'none' && mayHaveRun(e)) step.effect = 'maybe';
      if (isThrottling(e)) {
        onWait?.();
        await sleep(backoffMs(Math.min(throttled++, 6)), signal);
        continue;
      }
      if (mayHaveTakenEffect(e) && transient < TRANSIENT_TRIES) {
        await sleep(backoffMs(++transient), signal);
        continue;
      }
      throw e;
    }
  }
}
