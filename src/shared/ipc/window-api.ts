import type { Api } from './create-api';

/** `window.api`, as the preload (or the test harness) exposes it. */
declare global {
  interface Window {
    api: Api;
  }
}

export {};
