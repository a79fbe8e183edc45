import { defineStore } from './define-store';
import { useLeaveGuard } from './leave-guard';

export type Route = 'start' | 'onboarding' | 'admin' | 'resync';

interface RouteState {
  route: Route;
  /** Goes to `route`; asks first when the current screen holds a secret shown once (see leave-guard). */
  go(route: Route): void;
  /** Goes without asking (the idle lock: the secrets are gone already). */
  force(route: Route): void;
}

export const useRouteStore = defineStore<RouteState>('app/route', { keep: 'which screen is open; the lock itself moves it to start' }, (set, get) => ({
  route: 'start',
  go: (route) => {
    if (route !== get().route) useLeaveGuard.getState().requestLeave(() => set({ route }));
  },
  force: (route) => set({ route }),
}));
