import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretLifecycle } from '../../../../electron/app/secret-lifecycle';

afterEach(() => vi.useRealTimers());

const holder = (held: { value: string | null }) => ({ holdsSecrets: () => held.value !== null, wipe: () => void (held.value = null) });

describe('SecretLifecycle', () => {
  it('wipes every registered secret holder after the idle period and tells the renderer why', () => {
    vi.useFakeTimers();
    const lifecycle = new SecretLifecycle(60_000);
    const password = { value: 'Temp-123!' as string | null };
    const seed = { value: 'JBSWY3DP' as string | null };
    lifecycle.hold('onboarding/session', holder(password));
    lifecycle.hold('broken/holder', {
      holdsSecrets: () => true,
      wipe: () => {
        throw new Error('a failing wiper must not stop the others');
      },
    });
    lifecycle.hold('mfa/seed', holder(seed));
    const emitted: unknown[] = [];
    lifecycle.touch({ emit: (e, p) => emitted.push([e, p]) });
    vi.advanceTimersByTime(59_000);
    lifecycle.touch({ emit: (e, p) => emitted.push([e, p]) }); // activity restarts the clock
    vi.advanceTimersByTime(59_000);
    expect([password.value, seed.value]).toEqual(['Temp-123!', 'JBSWY3DP']);
    vi.advanceTimersByTime(2_000);
    expect([password.value, seed.value]).toEqual([null, null]);
    expect(emitted).toEqual([['app:locked', { reason: 'idle' }]]);
  });

  it('lock() on sign-out wipes without announcing an idle lock, and waits for asynchronous wipers', async () => {
    const lifecycle = new SecretLifecycle(0);
    let cleared = false;
    lifecycle.hold('app/clipboard', { holdsSecrets: () => !cleared, wipe: () => new Promise<void>((r) => setTimeout(() => ((cleared = true), r()), 20)) });
    const emitted: unknown[] = [];
    lifecycle.touch({ emit: (e) => emitted.push(e) });
    await lifecycle.lock('signOut');
    expect(cleared).toBe(true);
    expect(emitted).toEqual([]);
  });

  it('refuses a second holder under the same name (one would silently replace the other)', () => {
    const lifecycle = new SecretLifecycle(0);
    lifecycle.hold('x/y', holder({ value: null }));
    expect(() => lifecycle.hold('x/y', holder({ value: null }))).toThrow(/twice/);
  });

  it('no idle lock when the period is 0; a lock or dispose stops a pending idle lock', () => {
    vi.useFakeTimers();
    const emitted: unknown[] = [];
    const ctx = { emit: (e: string, p: unknown) => void emitted.push([e, p]) } as never;
    const never = new SecretLifecycle(0);
    const kept = { value: 'seed' as string | null };
    never.hold('a/b', holder(kept));
    never.touch(ctx);
    vi.advanceTimersByTime(10 * 86_400_000);
    expect(kept.value).toBe('seed');

    const locked = new SecretLifecycle(60_000);
    const afterLock = { value: 'x' as string | null };
    locked.hold('a/b', holder(afterLock));
    locked.touch(ctx);
    void locked.lock('flowEnded');
    afterLock.value = 'held again after the flow ended';
    vi.advanceTimersByTime(120_000);
    expect(afterLock.value).toBe('held again after the flow ended');

    const disposed = new SecretLifecycle(60_000);
    const afterDispose = { value: 'y' as string | null };
    disposed.hold('a/b', holder(afterDispose));
    disposed.touch(ctx);
    disposed.dispose();
    vi.advanceTimersByTime(120_000);
    expect(afterDispose.value).toBe('y');
    expect(emitted).toEqual([]);
  });

  it('the idle lock is announced to the page that called last; other reasons are not announced', async () => {
    vi.useFakeTimers();
    const first: unknown[] = [];
    const last: unknown[] = [];
    const lifecycle = new SecretLifecycle(1_000);
    lifecycle.touch({ emit: (e) => void first.push(e) });
    lifecycle.touch({ emit: (e) => void last.push(e) });
    vi.advanceTimersByTime(1_000);
    expect([first, last]).toEqual([[], ['app:locked']]);
    for (const reason of ['signOut', 'flowEnded', 'quit'] as const) await lifecycle.lock(reason);
    expect(last).toEqual(['app:locked']);
  });

  it('the idle timer never keeps the process alive', () => {
    const lifecycle = new SecretLifecycle(60_000);
    lifecycle.touch({ emit: () => {} });
    const timer = (lifecycle as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    lifecycle.dispose();
  });

  it('lists what is registered; a rejecting asynchronous wiper does not stop the lock from settling', async () => {
    const lifecycle = new SecretLifecycle(0);
    const a = holder({ value: 'a' });
    const slow = { value: 'b' as string | null };
    lifecycle.hold('x/a', a);
    lifecycle.hold('x/fails', { holdsSecrets: () => true, wipe: () => Promise.reject(new Error('clipboard gone')) });
    lifecycle.hold('x/slow', { holdsSecrets: () => slow.value !== null, wipe: () => new Promise<void>((r) => setTimeout(() => ((slow.value = null), r()), 10)) });
    expect([...lifecycle.holders().keys()]).toEqual(['x/a', 'x/fails', 'x/slow']);
    expect(lifecycle.holders().get('x/a')).toBe(a);
    await expect(lifecycle.lock('quit')).resolves.toBeUndefined();
    expect(slow.value).toBeNull();
  });

  it('an idle lock before any call (no page to tell) still wipes, without an error', async () => {
    const lifecycle = new SecretLifecycle(60_000);
    const held = { value: 'seed' as string | null };
    lifecycle.hold('a/b', holder(held));
    await expect(lifecycle.lock('idle')).resolves.toBeUndefined();
    expect(held.value).toBeNull();
  });
});

