import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';

export function createAdminHandlers(_deps: AppDeps): FeatureHandlers<'admin'> {
  return {};
}
