import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';
import { awsConfigPaths } from '../aws/shared-config';
import { listStaticKeyProfiles, readProfileKeys } from './resync-profiles';
import { ResyncSession } from './resync-session';

export function createResyncHandlers(deps: AppDeps): FeatureHandlers<'resync'> {
  // The user's long-term key lives in `session`: the idle lock must take it too.
  const session = deps.lifecycle.hold('resync/session', new ResyncSession(deps));
  return {
    'resync:listProfiles': async () => {
      const paths = awsConfigPaths(deps.env, deps.platform.paths.home);
      return { profiles: await listStaticKeyProfiles(paths), ...paths };
    },
    'resync:signInWithProfile': async ({ profile }) => session.signIn(await readProfileKeys(awsConfigPaths(deps.env, deps.platform.paths.home), profile)),
    'resync:signInWithKeys': async ({ accessKeyId, secretAccessKey }) => session.signIn({ accessKeyId, secretAccessKey }),
    'resync:resync': async ({ serialNumber, code1, code2 }) => {
      await session.resync(serialNumber, code1, code2);
      return { resynced: true as const };
    },
    'resync:verify': async ({ code }) => ({ verified: true as const, ...(await session.verify(code)) }),
    'resync:reset': async () => {
      session.reset();
      return { reset: true as const };
    },
  };
}
