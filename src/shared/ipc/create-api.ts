import type { AppErrorShape } from '../errors/app-error';
import type { Envelope } from './envelope';
import {
  isChannelName,
  isEventName,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
} from './contract';

export type RawInvoke = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;
export type RawSubscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the typed `window.api`. The preload calls it with `ipcRenderer`; the e2e harness and
 * `npm run preview` call it with a Playwright binding to the same handler table. Errors arrive
 * in an envelope and become a rejection with the plain `AppErrorShape` — plain data, not an Error
 * instance, because contextBridge drops every custom property (code, params) of an Error it copies
 * from the preload world into the page.
 */
export function createApi(invoke: RawInvoke, subscribe: RawSubscribe) {
  return Object.freeze({
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      if (!isChannelName(channel)) return Promise.reject(plain({ code: 'ipc.unknownChannel', params: { channel: String(channel) } }));
      const envelope = await invoke(channel, input);
      if (envelope.ok) return envelope.value as ChannelOutput<C>;
      return Promise.reject(plain(envelope.error));
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw plain({ code: 'ipc.unknownEvent', params: { event: String(event) } });
      return subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
  });
}

export type Api = ReturnType<typeof createApi>;

/** A cloneable copy of the error (only the fields the contract defines). */
const plain = (e: AppErrorShape): AppErrorShape => ({
  code: e.code,
  ...(e.params ? { params: { ...e.params } } : {}),
  ...(e.retryable !== undefined ? { retryable: e.retryable } : {}),
});
