import { create } from 'zustand';

const KEY = 'appLocation';
const read = (): string => {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
};

/**
 * Where new employees get this app (an intranet link, a software centre, "ask IT"): the admin's
 * organisation knows, the app does not. Typed once, remembered, and put in every invite message.
 * Not a secret.
 */
const useStore = create<{ value: string; set(v: string): void }>((set) => ({
  value: read(),
  set(value) {
    set({ value });
    try {
      localStorage.setItem(KEY, value);
    } catch {
      // storage unavailable: the value lasts for this run
    }
  },
}));

export function useAppLocation(): [string, (v: string) => void] {
  return [useStore((s) => s.value), useStore((s) => s.set)];
}
