import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';

export function createOnboardingHandlers(_deps: AppDeps): FeatureHandlers<'onboarding'> {
  return {};
}
