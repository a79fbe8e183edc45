import { fromStaticCredentials } from './credentials';
import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';
import { AdminSession } from './admin-session';
import { createAdminUsersHandlers } from './users/admin-users.handlers';

export function createAdminHandlers(deps: AppDeps): FeatureHandlers<'admin'> {
  const session = new AdminSession(deps);
  return {
    'admin:signInWithKeys': async (input) =>
      session.signIn(fromStaticCredentials(input), { method: 'keys', source: null }),
    'admin:identity': async () => session.identity,
    'admin:signOut': async () => {
      session.signOut();
      return { signedOut: true as const };
    },
    ...createAdminUsersHandlers(deps, session),
  };
}
