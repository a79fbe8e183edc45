import type { AppErrorShape } from '../shared/errors/app-error';

/**
 * What a store keeps of a failure: the AppError's code, params and retryable flag (api.invoke
 * throws AppError), or `internal` for anything else (a bug in the renderer) — never a raw message.
 */
export function toErrorShape(e: unknown): AppErrorShape {
  if (!e || typeof e !== 'object' || typeof (e as { code?: unknown }).code !== 'string') return { code: 'internal' };
  const { code, params, retryable } = e as AppErrorShape;
  return { code, ...(params ? { params } : {}), ...(retryable !== undefined ? { retryable } : {}) };
}
