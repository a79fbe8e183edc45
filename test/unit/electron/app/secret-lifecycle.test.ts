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
});
