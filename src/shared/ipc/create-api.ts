import { AppError } from '../errors/app-error';
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
 * in an envelope and are rethrown here as `AppError`, so callers can `catch` them.
 */
export function createApi(invoke: RawInvoke, subscribe: RawSubscribe) {
  return Object.freeze({
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      if (!isChannelName(channel)) throw new AppError('ipc.unknownChannel', { channel: String(channel) });
      const envelope = await invoke(channel, input);
      if (envelope.ok) return envelope.value as ChannelOutput<C>;
      throw AppError.fromShape(envelope.error);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new AppError('ipc.unknownEvent', { event: String(event) });
      return subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
  });
}

export type Api = ReturnType<typeof createApi>;
