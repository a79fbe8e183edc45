import type { AppErrorShape } from '../errors/app-error';

/** What every invoke answers: a value, or a typed error. Errors never travel as thrown exceptions. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
