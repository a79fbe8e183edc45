import { defineStore } from './define-store';

export type Route = 'start' | 'onboarding' | 'admin' | 'resync';

interface RouteState {
  route: Route;
  go(route: Route): void;
}

export const useRouteStore = defineStore<RouteState>('app/route', { keep: 'which screen is open; the lock itself moves it to start' }, (set) => ({
  route: 'start',
  go: (route) => set({ route }),
}));
