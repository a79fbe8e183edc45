import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';

export function createResyncHandlers(_deps: AppDeps): FeatureHandlers<'resync'> {
  return {};
}
