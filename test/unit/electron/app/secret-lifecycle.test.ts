import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecretLifecycle } from '../../../../electron/app/secret-lifecycle';

afterEach(() => vi.useRealTimers());

describe('SecretLifecycle', () => {
  it('wipes every registered secret holder after the idle period and tells the renderer why', () => {
    vi.useFakeTimers();
    const lifecycle = new SecretLifecycle(60_000);
    const held = { password: 'Temp-123!' as string | null, seed: 'JBSWY3DP' as string | null };
    lifecycle.register('onboarding', () => (held.password = null));
    lifecycle.register('broken', () => {
      throw new Error('a failing wiper must not stop the others');
    });
    lifecycle.register('mfa', () => (held.seed = null));
    const emitted: unknown[] = [];
    lifecycle.touch({ emit: (e, p) => emitted.push([e, p]) });
    vi.advanceTimersByTime(59_000);
    lifecycle.touch({ emit: (e, p) => emitted.push([e, p]) }); // activity restarts the clock
    vi.advanceTimersByTime(59_000);
    expect(held).toEqual({ password: 'Temp-123!', seed: 'JBSWY3DP' });
    vi.advanceTimersByTime(2_000);
    expect(held).toEqual({ password: null, seed: null });
    expect(emitted).toEqual([['app:locked', { reason: 'idle' }]]);
  });

  it('lock() on sign-out wipes without announcing an idle lock', () => {
    const lifecycle = new SecretLifecycle(0);
    let wiped = false;
    lifecycle.register('admin', () => (wiped = true));
    const emitted: unknown[] = [];
    lifecycle.touch({ emit: (e) => emitted.push(e) });
    lifecycle.lock('signOut');
    expect(wiped).toBe(true);
    expect(emitted).toEqual([]);
  });
});
