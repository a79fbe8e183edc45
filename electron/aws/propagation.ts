/**
 * IAM is eventually consistent: a key, password or MFA device made a moment ago may not work
 * everywhere yet ("usually within seconds"; a new key answers InvalidClientTokenId meanwhile).
 * Calls that can meet that retry a few times, about ten seconds in all, and only where the thing
 * is known to be new - never to paper over a key that is really gone.
 */
export const PROPAGATION_WAITS_MS: readonly number[] = [500, 1000, 1500, 2500, 4000];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function whilePropagating<T>(
  call: () => Promise<T>,
  stillPropagating: (error: unknown) => boolean | Promise<boolean>,
  waits: readonly number[] = PROPAGATION_WAITS_MS,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await call();
    } catch (error) {
      if (i >= waits.length || !(await stillPropagating(error))) throw error;
      await sleep(waits[i]!);
    }
  }
}
