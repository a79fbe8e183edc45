import { createAdminHandlers } from '../admin/admin.handlers';
import type { AppDeps } from '../app/app-deps';
import { createAppHandlers } from '../app/app.handlers';
import { createOnboardingHandlers } from '../onboarding/onboarding.handlers';
import { createResyncHandlers } from '../resync/resync.handlers';
import type { HandlerTable } from './handler-types';

/** The whole handler table. The return type makes a channel without a handler a compile error. */
export function createHandlers(deps: AppDeps): HandlerTable {
  return {
    ...createAppHandlers(deps),
    ...createOnboardingHandlers(deps),
    ...createAdminHandlers(deps),
    ...createResyncHandlers(deps),
  };
}
