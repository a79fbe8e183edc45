import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Stores that keep their state across a lock, each with its reason (a new one must be added here, and reviewed). */
const KEPT = ['admin/appLocation', 'app/info', 'app/route'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every renderer file that makes a store, found in the source (not a list someone must remember to update). */
const storeFiles = sourceFiles(join(root, 'src')).filter((f) => !f.includes('/src/shared/') && /\bdefineStore\s*</.test(readFileSync(f, 'utf8')));

type Store = { getState(): Record<string, unknown>; setState(s: object, replace?: boolean): void };
const isStore = (v: unknown): v is Store => typeof v === 'function' && typeof (v as Partial<Store>).getState === 'function';
const data = (s: Record<string, unknown>) => Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v !== 'function'));

describe('renderer stores and the idle lock', () => {
  const listeners = new Map<string, Array<(p: unknown) => void>>();
  let registry: ReadonlyMap<string, { store: unknown; onLock: unknown }>;
  const stores: Array<{ file: string; name: string; store: Store }> = [];

  beforeAll(async () => {
    // The renderer's window.api, as the preload would expose it; only `on` matters here.
    (globalThis as { window?: unknown }).window = {
      api: {
        invoke: () => new Promise(() => {}),
        on: (event: string, l: (p: unknown) => void) => {
          listeners.set(event, [...(listeners.get(event) ?? []), l]);
          return () => {};
        },
      },
    };
    for (const file of storeFiles) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (isStore(value)) stores.push({ file: relative(root, file), name, store: value });
    }
    // A computed path: the renderer module is typed for the DOM, this test for Node.
    const defineStoreModule = join(root, 'src/app/define-store.ts');
    registry = ((await import(defineStoreModule)) as { registeredStores(): typeof registry }).registeredStores();
  });

  it('every store file is found, and every *-store.ts file makes its store with defineStore', () => {
    expect(stores.length).toBeGreaterThanOrEqual(10);
    const named = sourceFiles(join(root, 'src')).filter((f) => f.endsWith('-store.ts') && !f.endsWith('define-store.ts')).map((f) => relative(root, f));
    expect(named.filter((f) => !stores.some((s) => s.file === f))).toEqual([]);
  });

  it('every store is registered with the lock; only the listed ones are kept', () => {
    const registered = [...registry.values()].map((r) => r.store);
    for (const s of stores) expect(registered, `${s.file} ${s.name}`).toContain(s.store);
    expect(registry.size).toBe(stores.length);
    const kept = [...registry].filter(([, r]) => r.onLock !== 'reset').map(([name]) => name).sort();
    expect(kept).toEqual(KEPT);
  });

  it('app:locked from main wipes every other store back to its initial state', () => {
    const initial = new Map(stores.map((s) => [s.store, JSON.stringify(data(s.store.getState()))]));
    // Put a recognisable secret in every field of every store, as a screen might (a temporary
    // password, a seed, typed codes, a selected user …).
    for (const s of stores) {
      const fields = Object.keys(data(s.store.getState()));
      s.store.setState(Object.fromEntries(fields.map((k) => [k, `SECRET-${s.name}-${k}`])));
    }
    const onLocked = listeners.get('app:locked') ?? [];
    expect(onLocked.length).toBeGreaterThan(0);
    for (const l of onLocked) l({ reason: 'idle' });
    for (const [name, r] of registry) {
      const s = stores.find((x) => x.store === r.store)!;
      const now = JSON.stringify(data(s.store.getState()));
      if (r.onLock === 'reset') {
        expect(now, name).not.toContain('SECRET-');
        expect(now, name).toBe(initial.get(s.store));
      } else {
        expect(now, `${name} is kept`).toContain('SECRET-');
      }
    }
  });
});
