/**
 * The one error shape that crosses the IPC seam. The renderer shows it through i18n
 * (`errors:<code>` with `params`), never as a raw stack or a bare AWS message.
 */
export type ErrorParams = Record<string, string | number | boolean>;

export interface AppErrorShape {
  /** Dotted code, `<area>.<name>`, e.g. `ipc.invalidInput`, `aws.Throttling`, `onboarding.sameCodeTwice`. */
  code: string;
  params?: ErrorParams;
  /** True when trying the same call again may succeed (throttling, network, 5xx). */
  retryable?: boolean;
}

export class AppError extends Error implements AppErrorShape {
  readonly code: string;
  readonly params?: ErrorParams;
  readonly retryable?: boolean;

  constructor(code: string, params?: ErrorParams, options?: { retryable?: boolean; cause?: unknown }) {
    super(code, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (params) this.params = params;
    if (options?.retryable !== undefined) this.retryable = options.retryable;
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      ...(this.params ? { params: this.params } : {}),
      ...(this.retryable !== undefined ? { retryable: this.retryable } : {}),
    };
  }

  static fromShape(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.params, shape.retryable === undefined ? undefined : { retryable: shape.retryable });
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
