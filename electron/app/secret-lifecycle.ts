import type { HandlerContext } from '../ipc/handler-types';

export type LockReason = 'idle' | 'signOut' | 'flowEnded' | 'quit';

/**
 * Anything that keeps a secret in memory (credentials, passwords, TOTP seeds, session tokens, a
 * run key, our clipboard content). `holdsSecrets()` says whether it holds one now, so a test can
 * prove that a lock really emptied it.
 */
export interface SecretHolder {
  holdsSecrets(): boolean;
  /** Synchronous for memory; a holder outside the process (the clipboard) may finish later. */
  wipe(): void | Promise<void>;
}

/**
 * Where every secret holder registers, under `<feature>/<name>` (the feature as the IPC contract
 * names it: `admin:users`, `resync`, …). `lock()` wipes them all: on sign-out, when a flow ends,
 * after an idle period, and when the app quits — then the renderer is told, so the UI can lock and
 * say why. test/unit/electron/app/lock-registry.test.ts checks every feature of the contract has
 * registered and that a lock leaves nothing held.
 */
export class SecretLifecycle {
  private readonly registry = new Map<string, SecretHolder>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastContext: HandlerContext | null = null;

  constructor(private readonly idleMs: number) {}

  hold<T extends SecretHolder>(key: `${string}/${string}`, holder: T): T {
    if (this.registry.has(key)) throw new Error(`secret holder ${key} registered twice`);
    this.registry.set(key, holder);
    return holder;
  }

  /** What is registered (for the test that enumerates them). */
  holders(): ReadonlyMap<string, SecretHolder> {
    return this.registry;
  }

  /** Called on every IPC call: the user is active. */
  touch(ctx: HandlerContext): void {
    this.lastContext = ctx;
    if (this.idleMs <= 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lock('idle'), this.idleMs);
    this.timer.unref?.();
  }

  /** Wipes every holder now; the promise settles when the slower ones (clipboard) are done too. */
  lock(reason: LockReason): Promise<void> {
    const pending: Array<Promise<void>> = [];
    for (const holder of this.registry.values()) {
      try {
        const done = holder.wipe();
        if (done) pending.push(done.catch(() => {}));
      } catch {
        // a wiper must never stop the others
      }
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (reason === 'idle') this.lastContext?.emit('app:locked', { reason });
    return Promise.all(pending).then(() => {});
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
