import { expect, test } from '@playwright/test';
import { listPackage } from '@electron/asar';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packAppAsar } from './support/pack-app';

/** What the installers contain: app.asar as electron-builder packs it (support/pack-app.ts), listed. */
const root = fileURLToPath(new URL('../../', import.meta.url));

test('app.asar holds the built app and the runtime node_modules, and nothing from test/, scripts/, sources or dev packages', async () => {
  test.setTimeout(180_000);
  const listing = listPackage(packAppAsar(), { isPack: false });
  const outside = listing.filter((p) => !p.startsWith('/node_modules/'));
  // The app itself: the built renderer, main and preload, package.json, the window icon.
  expect(outside).toEqual(expect.arrayContaining(['/package.json', '/dist/index.html', '/dist-electron/main.js', '/dist-electron/preload.cjs', '/assets/icons/512x512.png']));
  expect(outside.some((p) => /^\/dist\/assets\/.+\.js$/.test(p))).toBe(true);
  const allowedOutside = /^\/(package\.json|dist(\/.*)?|dist-electron(\/(main\.js|preload\.cjs))?|assets|assets\/icons|assets\/icons\/512x512\.png|node_modules)$/;
  expect(outside.filter((p) => !allowedOutside.test(p))).toEqual([]);
  expect(listing.filter((p) => /\/(test|scripts|bench|src|electron)\//.test(p) && !p.startsWith('/node_modules/'))).toEqual([]);

  // node_modules: exactly the production dependency closure (npm's own answer), no dev package.
  const packaged = new Set(listing.filter((p) => /\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(p)).map((p) => p.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/package\.json$/, '$1')));
  const tree = JSON.parse(execFileSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: root, encoding: 'utf8' })) as Dep;
  const production = new Set<string>();
  const walk = (d: Dep) => Object.entries(d.dependencies ?? {}).forEach(([name, child]) => (production.add(name), walk(child)));
  walk(tree);
  expect(packaged.size).toBeGreaterThan(20);
  expect([...packaged].filter((n) => !production.has(n)).sort()).toEqual([]);
  expect([...production].filter((n) => !packaged.has(n)).sort()).toEqual([]);
  for (const dev of ['react', 'react-dom', 'i18next', 'zustand', 'otplib', '@zxcvbn-ts/core', '@cloud-copilot/iam-simulate', '@playwright/test', 'vite', 'electron', 'electron-builder']) {
    expect(packaged.has(dev), dev).toBe(false);
  }
  // Every package main imports at run time is in the archive.
  const main = readFileSync(join(root, 'dist-electron/main.js'), 'utf8');
  for (const m of main.matchAll(/from "((@[^/"]+\/)?[^/".][^/"]*)/g)) if (m[1] !== 'electron' && !m[1]!.startsWith('node:')) expect(packaged.has(m[1]!), m[1]).toBe(true);
  // Nothing of the sandbox or its AGPL evaluator, anywhere.
  expect(listing.filter((p) => /cloud-copilot|iam-simulate|sandbox/.test(p))).toEqual([]);
});

interface Dep {
  dependencies?: Record<string, Dep>;
}
