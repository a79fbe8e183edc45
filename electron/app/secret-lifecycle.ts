import type { HandlerContext } from '../ipc/handler-types';

export type LockReason = 'idle' | 'signOut' | 'flowEnded';

/**
 * Where every feature registers how to drop the secrets it holds (credentials, passwords,
 * TOTP seeds, session tokens). `lock()` wipes them all: on sign-out, when a flow ends, and after
 * an idle period — then the renderer is told, so the UI can lock and say why.
 */
export class SecretLifecycle {
  private readonly wipers = new Map<string, () => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastContext: HandlerContext | null = null;

  constructor(private readonly idleMs: number) {}

  register(name: string, wipe: () => void): void {
    this.wipers.set(name, wipe);
  }

  /** Called on every IPC call: the user is active. */
  touch(ctx: HandlerContext): void {
    this.lastContext = ctx;
    if (this.idleMs <= 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lock('idle'), this.idleMs);
    this.timer.unref?.();
  }

  lock(reason: LockReason): void {
    for (const wipe of this.wipers.values()) {
      try {
        wipe();
      } catch {
        // a wiper must never stop the others
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (reason === 'idle') this.lastContext?.emit('app:locked', { reason });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
