import { dispatch } from '../../electron/ipc/dispatch';
import type { HandlerTable } from '../../electron/ipc/handler-types';
import { silentLogger } from '../../electron/logging/logger';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../src/shared/ipc/contract';

/** Calls a channel the way the renderer does (through `dispatch`); a failure throws an Error carrying the AppError's code and params. */
export function dispatchCaller(handlers: () => HandlerTable) {
  const ctx = { emit: () => {} };
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const env = await dispatch(handlers(), channel, input, ctx, silentLogger);
    if (!env.ok) throw Object.assign(new Error(env.error.code), env.error);
    return env.value as ChannelOutput<C>;
  };
}
