import { create, type StateCreator, type StoreApi, type UseBoundStore } from 'zustand';
import { api } from './api';

/**
 * What a store does when main locks (idle timeout): `'reset'` back to its initial state (the
 * default answer: any store may hold what the screen showed — a temporary password, an access
 * key id, codes typed), or `{ keep }` with the reason it holds nothing secret.
 */
export type OnLock = 'reset' | { keep: string };

interface Registered {
  store: StoreApi<object>;
  initial: object;
  onLock: OnLock;
}

const registry = new Map<string, Registered>();

/**
 * The one way to make a renderer store (lint forbids zustand's `create` elsewhere), so none can
 * be forgotten by the idle lock: each is registered under its name, and `app:locked` resets every
 * store that is not explicitly kept. test/unit/renderer/store-lock.test.ts enumerates the store
 * files and checks each is registered and really wiped.
 */
export function defineStore<T extends object>(name: string, onLock: OnLock, init: StateCreator<T>): UseBoundStore<StoreApi<T>> {
  if (registry.has(name)) throw new Error(`store ${name} defined twice`);
  const store = create<T>()(init);
  registry.set(name, { store: store as unknown as StoreApi<object>, initial: store.getState(), onLock });
  return store;
}

/** Every store that is not kept goes back to its initial state. */
export function wipeStores(): void {
  for (const { store, initial, onLock } of registry.values()) if (onLock === 'reset') store.setState(initial, true);
}

/**
 * Back to their initial state, by name: the admin screens of one account when the admin switches to
 * another (what they showed belongs to the account they were read in).
 */
export function resetStores(names: readonly string[]): void {
  for (const name of names) {
    const r = registry.get(name);
    if (r) r.store.setState(r.initial, true);
  }
}

/** The registered stores (for the test that enumerates them). */
export const registeredStores = (): ReadonlyMap<string, Registered> => registry;

api.on('app:locked', wipeStores);
