import { beforeAll, describe, expect, it } from 'vitest';

/**
 * defineStore on its own: the registry refuses a second store under one name, and the lock resets
 * exactly the stores not kept — to the state they were made with, not merely emptied.
 */
const listeners = new Map<string, Array<(p: unknown) => void>>();
type Store<T> = { getState(): T; setState(s: Partial<T>, replace?: boolean): void };
/** define-store.ts as this test uses it (the module is typed for the DOM, this test for Node). */
interface DefineStoreModule {
  defineStore<T extends object>(name: string, onLock: 'reset' | { keep: string }, init: (set: (s: Partial<T>) => void) => T): Store<T>;
  wipeStores(): void;
  resetStores(names: readonly string[]): void;
  registeredStores(): ReadonlyMap<string, { store: unknown; initial: object; onLock: unknown }>;
}
let mod: DefineStoreModule;

beforeAll(async () => {
  (globalThis as { window?: unknown }).window = {
    api: {
      invoke: () => new Promise(() => {}),
      on: (event: string, l: (p: unknown) => void) => {
        listeners.set(event, [...(listeners.get(event) ?? []), l]);
        return () => {};
      },
    },
  };
  // A computed path, as in store-lock.test.ts.
  const path = '../../../src/app/define-store';
  mod = (await import(/* @vite-ignore */ path)) as DefineStoreModule;
});

describe('defineStore', () => {
  it('resetStores puts back exactly the named stores (an account switch), whatever their lock rule; other names are ignored', () => {
    const a = mod.defineStore<{ user: string | null; n: number }>('test/account-a', 'reset', () => ({ user: null, n: 0 }));
    const b = mod.defineStore<{ user: string | null }>('test/account-b', { keep: 'test' }, () => ({ user: null }));
    const c = mod.defineStore<{ user: string | null }>('test/other', 'reset', () => ({ user: null }));
    // A key the initial state does not have goes too (replaced, not merged).
    (a as unknown as Store<Record<string, unknown>>).setState({ user: 'kim', n: 3, password: 'Kettle-Morning-7!' });
    b.setState({ user: 'lee' });
    c.setState({ user: 'park' });
    mod.resetStores(['test/account-a', 'test/account-b', 'test/not-a-store']);
    expect(a.getState()).toEqual({ user: null, n: 0 });
    expect(b.getState()).toEqual({ user: null });
    expect(c.getState()).toEqual({ user: 'park' });
  });

  it('registers each store under its name and refuses a second one with that name', () => {
    const store = mod.defineStore('test/once', 'reset', () => ({ code: '' }));
    expect(mod.registeredStores().get('test/once')).toMatchObject({ store, onLock: 'reset', initial: { code: '' } });
    expect(() => mod.defineStore('test/once', 'reset', () => ({ code: '' }))).toThrow(/test\/once defined twice/);
    expect(mod.registeredStores().get('test/once')?.store).toBe(store);
  });

  it('app:locked puts every reset store back to the state it was made with, and leaves a kept one alone', () => {
    const secret = mod.defineStore<{ password: string | null; step: number; set(p: string): void }>('test/secret', 'reset', (set) => ({
      password: null,
      step: 1,
      set: (password) => set({ password, step: 2 }),
    }));
    const kept = mod.defineStore('test/kept', { keep: 'the language, nothing secret' }, () => ({ language: 'ko' }));
    secret.getState().set('Temp-123!');
    secret.setState({ extra: 'SECRET' } as never);
    kept.setState({ language: 'en' });
    expect(listeners.get('app:locked')).toHaveLength(1);
    for (const l of listeners.get('app:locked')!) l({ reason: 'idle' });
    // Replaced, not merged: a field added after creation is gone too.
    expect(Object.keys(secret.getState()).sort()).toEqual(['password', 'set', 'step']);
    expect(secret.getState()).toMatchObject({ password: null, step: 1 });
    expect(kept.getState()).toEqual({ language: 'en' });
    // wipeStores is the same thing, callable directly.
    secret.getState().set('again');
    mod.wipeStores();
    expect(secret.getState().password).toBeNull();
  });
});
