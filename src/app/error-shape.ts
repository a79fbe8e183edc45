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

interface BusyState {
  busy: boolean;
  error: AppErrorShape | null;
}

/**
 * A store action runner: one action at a time (a second click while busy is ignored), `busy`
 * while it runs, and its failure kept as `error` for <ErrorMessage>.
 */
export function busyAction<S extends BusyState>(get: () => S, set: (partial: Partial<S>) => void) {
  return async (fn: () => Promise<void>): Promise<void> => {
    if (get().busy) return;
    set({ busy: true, error: null } as Partial<S>);
    try {
      await fn();
    } catch (e) {
      set({ error: toErrorShape(e) } as Partial<S>);
    } finally {
      set({ busy: false } as Partial<S>);
    }
  };
}
