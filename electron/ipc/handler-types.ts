import type {
  ChannelName,
  ChannelOutput,
  ChannelParsedInput,
  EventName,
  EventPayload,
} from '../../src/shared/ipc/contract';

/** Per-call context: who asked, and how to push events back to that renderer. */
export interface HandlerContext {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<C>>;

/** Every channel must have a handler: a missing one is a compile error in `createHandlers`. */
export type HandlerTable = { [C in ChannelName]: Handler<C> };

/** The handlers one feature contributes: the channels whose name starts with `<prefix>:`. */
export type FeatureHandlers<P extends string> = {
  [C in Extract<ChannelName, `${P}:${string}`>]: Handler<C>;
};
