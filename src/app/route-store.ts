import { create } from 'zustand';

export type Route = 'start' | 'onboarding' | 'admin' | 'resync';

interface RouteState {
  route: Route;
  go(route: Route): void;
}

export const useRouteStore = create<RouteState>((set) => ({
  route: 'start',
  go: (route) => set({ route }),
}));
