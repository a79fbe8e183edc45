import { AppError, type AppErrorShape } from '../../src/shared/errors/app-error';
import { channels, isChannelName } from '../../src/shared/ipc/contract';
import type { Envelope } from '../../src/shared/ipc/envelope';
import { toAppError } from '../aws/map-aws-error';
import type { Logger } from '../logging/logger';
import type { HandlerContext, HandlerTable } from './handler-types';

/**
 * The one path every IPC call takes, in Electron and in the test harness alike:
 * refuse unknown channels, validate the input, run the handler, parse the output (which strips
 * any field the contract does not name, so a secret cannot leak by accident), map every failure
 * to a typed AppError. Never throws.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  payload: unknown,
  ctx: HandlerContext,
  log: Logger,
): Promise<Envelope<unknown>> {
  try {
    return await route(handlers, channel, payload, ctx, log);
  } catch (error) {
    // Last guard: a payload whose getters throw, or anything else unforeseen, is still an answer.
    log.error('ipc.dispatchFailed', { channel: describe(channel), error });
    return fail({ code: 'internal' });
  }
}

/** A printable name for whatever arrived as the channel, without calling into it (`{ toString: 'x' }`). */
function describe(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 100) : `(${channel === null ? 'null' : typeof channel})`;
}

async function route(handlers: HandlerTable, channel: unknown, payload: unknown, ctx: HandlerContext, log: Logger): Promise<Envelope<unknown>> {
  if (!isChannelName(channel)) {
    return fail({ code: 'ipc.unknownChannel', params: { channel: describe(channel) } });
  }
  const spec = channels[channel];
  const parsed = spec.input.safeParse(payload);
  if (!parsed.success) {
    const fields = parsed.error.issues
      .slice(0, 5)
      .map((i) => i.path.map(String).join('.') || '(root)')
      .join(', ');
    // Defence in depth no input reaches today: issue paths are the contract's own keys and indexes
    // (zod keeps unknown record keys out of the path), five of them.
    // Stryker disable next-line MethodExpression: equivalent for every channel of the contract, see above
    return fail({ code: 'ipc.invalidInput', params: { channel, fields: fields.slice(0, 300) } });
  }
  try {
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log.error('ipc.outputMismatch', { channel });
      return fail({ code: 'internal', params: { channel } });
    }
    return { ok: true, value: out.data };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'internal') log.error('ipc.handlerFailed', { channel, error });
    return fail(appError.toShape());
  }
}

const fail = (error: AppErrorShape): Envelope<never> => ({ ok: false, error });

export { AppError };
