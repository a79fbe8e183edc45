/**
 * Exposes `window.api` and nothing else. No channel names, no ipcRenderer, no Node.
 * (Sandboxed preloads are bundled to CommonJS by vite.config.ts.)
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../src/shared/ipc/create-api';
import type { Envelope } from '../src/shared/ipc/envelope';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc/transport';

const api = createApi(
  (channel, payload) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<Envelope<unknown>>,
  (event, listener) => {
    const wrapped = (_e: unknown, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
);

contextBridge.exposeInMainWorld('api', api);
