import { AppError } from '../../src/shared/errors/app-error';
import type { FeatureHandlers } from '../ipc/handler-types';
import { isAllowedExternalUrl } from '../platform/external-url';
import type { AppDeps } from './app-deps';

export function createAppHandlers(deps: AppDeps): FeatureHandlers<'app'> {
  const overrideOrigins = (['iam', 'sts', 'sso-oidc', 'sso'] as const)
    .map((s) => deps.aws.endpointOverride(s))
    .filter((u): u is string => !!u)
    .map((u) => new URL(u).origin);
  // A password we copied leaves the clipboard with every other held secret (idle lock, quit).
  const clipboard = deps.platform.clipboard;
  deps.lifecycle.hold('app/clipboard', { holdsSecrets: () => clipboard.holdsSecret(), wipe: () => clipboard.clearSecret() });
  return {
    'app:info': async () => ({
      version: deps.info.version,
      platform: deps.info.platform,
      endpointOverride: deps.aws.endpointOverride('iam') ?? deps.aws.endpointOverride('sts'),
      region: deps.aws.region,
      secretStorage: deps.platform.secrets.protection(),
    }),
    'app:serverClock': async () => ({ offsetMs: deps.serverClock.now() - deps.clock.now() }),
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url, overrideOrigins)) throw new AppError('app.urlNotAllowed');
      await deps.platform.links.open(url);
      return { opened: true };
    },
  };
}
