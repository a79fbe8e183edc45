import { defineStore } from '../../../app/define-store';

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
export const useAppLocationStore = defineStore<{ value: string; set(v: string): void }>(
  'admin/appLocation',
  { keep: 'where to get the app (a link or an instruction the admin typed), not a secret; also in localStorage' },
  (set) => ({
  value: read(),
  set(value) {
    set({ value });
    try {
      localStorage.setItem(KEY, value);
    } catch {
      // storage unavailable: the value lasts for this run
    }
  },
  }),
);

export function useAppLocation(): [string, (v: string) => void] {
  return [useAppLocationStore((s) => s.value), useAppLocationStore((s) => s.set)];
}
