import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Packages that are for development and tests only; the AGPL IAM evaluator above all. */
const DEV_ONLY = [/^@cloud-copilot\//, /^@playwright\//, /^playwright/, /^vitest$/, /^@vitest\//, /^electron$/, /^electron-builder$/, /^@doyensec\//, /^@axe-core\//, /^jsqr$/, /^pngjs$/, /^tsx$/, /^eslint/, /^typescript/];

describe('what ships', () => {
  it('runtime dependencies contain no dev/test-only package', () => {
    const bad = Object.keys(pkg.dependencies).filter((d) => DEV_ONLY.some((re) => re.test(d)));
    expect(bad).toEqual([]);
  });

  it('renderer-only packages are build-time (Vite bundles them); otplib is only for tests', () => {
    for (const name of ['react', 'react-dom', 'i18next', 'react-i18next', 'zustand', '@zxcvbn-ts/core', 'es-hangul', 'otplib']) {
      expect(pkg.dependencies, name).not.toHaveProperty([name]);
      expect(pkg.devDependencies, name).toHaveProperty([name]);
    }
  });

  it('the stated engine and every installed package agree (npm install on that Node prints no EBADENGINE)', () => {
    const lock = JSON.parse(readFileSync(`${root}package-lock.json`, 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const engines = (pkg as unknown as { engines: { node: string } }).engines.node;
    const lowest = semver.minVersion(engines)!.version;
    const unmet = Object.entries(lock.packages)
      .map(([path, p]) => [path || '(root)', !Array.isArray(p.engines) ? p.engines?.node : undefined] as const)
      .filter(([, range]) => range && !semver.satisfies(lowest, range))
      .map(([path, range]) => `${path} needs node ${range}`);
    expect(unmet).toEqual([]);
  });

  it('the sandbox evaluator is a devDependency', () => {
    expect(Object.keys(pkg.devDependencies)).toContain('@cloud-copilot/iam-simulate');
  });

  it('electron-builder packs only the built app, never test/ or scripts/', () => {
    const yml = readFileSync(`${root}electron-builder.yml`, 'utf8');
    expect(yml).toMatch(/- dist\/\*\*/);
    expect(yml).toMatch(/- dist-electron\/\*\*/);
    expect(yml).toMatch(/'!test\/\*\*'/);
    for (const fuse of ['runAsNode: false', 'enableNodeOptionsEnvironmentVariable: false', 'enableNodeCliInspectArguments: false', 'onlyLoadAppFromAsar: true', 'enableEmbeddedAsarIntegrityValidation: true', 'enableCookieEncryption: true']) {
      expect(yml).toContain(fuse);
    }
  });
});
