import { AppError } from '../../src/shared/errors/app-error';
import type { InvitePayload } from '../../src/shared/invites/invite-schema';
import type { AwsClientFactory, SessionEndpoints } from '../aws/client-factory';

/** Loopback as `URL.hostname` spells it (an IPv6 address keeps its brackets). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The endpoints an invite asks for, vetted. An invite issued against the sandbox (or another
 * local AWS-compatible endpoint) carries its URLs so the employee's app talks to the same place.
 * But the invite also carries the bootstrap secret key, and a signed request reveals the access
 * key id and a valid signature to whoever receives it: an invite that could name any host would
 * let a forged or altered invite send the new user's credentials (and then their new password,
 * sent in ChangePassword) to a stranger. So we follow it only to loopback, or to the endpoint
 * override this app is already configured with; anything else is refused, not silently ignored.
 */
export function vetInviteEndpoints(invite: Pick<InvitePayload, 'endpoints'>, aws: Pick<AwsClientFactory, 'endpointOverride'>): SessionEndpoints | undefined {
  if (!invite.endpoints) return undefined;
  const out: SessionEndpoints = {};
  for (const service of ['iam', 'sts'] as const) {
    const raw = invite.endpoints[service];
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError('onboarding.foreignEndpoint', { host: raw.slice(0, 100) });
    }
    const configured = aws.endpointOverride(service);
    const sameAsConfigured = configured !== null && safeOrigin(configured) === url.origin;
    const loopback = (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
    if (url.username || url.password || !(sameAsConfigured || loopback)) {
      throw new AppError('onboarding.foreignEndpoint', { host: url.host.slice(0, 100) });
    }
    out[service] = sameAsConfigured ? (configured as string) : url.origin + (url.pathname === '/' ? '' : url.pathname);
  }
  return out;
}

function safeOrigin(raw: string): string | null {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}
