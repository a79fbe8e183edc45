import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { Clock } from '../../platform/clock';

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Keeps the first credentials and asks `fetch` again a few minutes before they expire, so a
 * long admin session does not fail mid-task. `fetch` must not need a person (no MFA prompt).
 */
export function refreshingCredentials(
  first: AwsCredentialIdentity,
  fetch: () => Promise<AwsCredentialIdentity>,
  clock: Clock,
): AwsCredentialIdentityProvider {
  let current = first;
  let inflight: Promise<AwsCredentialIdentity> | null = null;
  return async () => {
    const exp = current.expiration?.getTime();
    if (exp === undefined || exp - clock.now() > REFRESH_MARGIN_MS) return current;
    inflight ??= fetch().then(
      (c) => {
        current = c;
        inflight = null;
        return c;
      },
      (e: unknown) => {
        inflight = null;
        throw e;
      },
    );
    return inflight;
  };
}
