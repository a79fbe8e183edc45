import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers } from '../../ipc/handler-types';
import type { AdminSession } from '../admin-session';

export function createAdminUsersHandlers(_deps: AppDeps, _session: AdminSession): FeatureHandlers<'admin:users'> {
  return {};
}
