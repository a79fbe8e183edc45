/**
 * Runs in the page before the app (as a Playwright init script): builds `window.api` with the
 * same createApi the Electron preload uses, routed to a Playwright binding instead of ipcRenderer.
 */
import { createApi } from '../../src/shared/ipc/create-api';
import type { Envelope } from '../../src/shared/ipc/envelope';
import './page-dialogs';

type Listener = (payload: unknown) => void;
const w = window as unknown as {
  __iamInvoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
  __iamEmit(event: string, payload: unknown): void;
  api: unknown;
};
const listeners = new Map<string, Set<Listener>>();

w.__iamEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
Object.defineProperty(window, 'api', {
  value: createApi(
    (channel, payload) => w.__iamInvoke(channel, payload),
    (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  ),
  writable: false,
  configurable: false,
});
