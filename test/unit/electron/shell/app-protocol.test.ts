import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../electron/shell/app-protocol';
import { devServerOrigin, isOwnPage } from '../../../../electron/shell/renderer-origin';
import { CONTENT_SECURITY_POLICY } from '../../../../electron/security/csp';

/** A package-like layout: the renderer folder, and secrets next to it that must never be served. */
function layout() {
  const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  const dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'export const x = 1;');
  writeFileSync(join(dist, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  mkdirSync(join(base, 'dist-other'));
  writeFileSync(join(base, 'dist-other', 'x.js'), 'TOP SECRET');
  symlinkSync(join(base, 'secret.txt'), join(dist, 'assets', 'link-out.js'));
  symlinkSync(join(base, 'dist-other'), join(dist, 'linked-dir'));
  symlinkSync(join(dist, 'assets', 'app.js'), join(dist, 'assets', 'link-in.js'));
  return { handler: createAppProtocolHandler(dist) };
}

const get = async (handler: (r: Request) => Promise<Response>, url: string, method = 'GET') => {
  const res = await handler(new Request(url, { method }));
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), body: await res.text() };
};

describe('app:// protocol handler', () => {
  it('serves the renderer folder with exact MIME types and the CSP header', async () => {
    const { handler } = layout();
    expect(await get(handler, 'app://bundle/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(await get(handler, 'app://bundle/index.html?x=1#top')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await get(handler, 'app://bundle/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'export const x = 1;' });
    expect(await get(handler, 'app://bundle/assets/app.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    // A symlink that stays inside the folder is fine.
    expect(await get(handler, 'app://bundle/assets/link-in.js')).toMatchObject({ status: 200, body: 'export const x = 1;' });
  });

  it('refuses traversal, encoded escapes, backslashes, symlinks out, other hosts and other methods', async () => {
    const { handler } = layout();
    const attempts = [
      'app://bundle/..%2fsecret.txt',
      'app://bundle/assets/..%2f..%2fsecret.txt',
      'app://bundle/%2e%2e%2fsecret.txt',
      'app://bundle/assets%2f..%2f..%2fsecret.txt',
      'app://bundle/..\\secret.txt',
      'app://bundle/assets\\..\\..\\secret.txt',
      'app://bundle/%5c..%5csecret.txt',
      'app://bundle/index.html%00.js',
      'app://bundle/assets/link-out.js',
      'app://bundle/linked-dir/x.js',
      'app://bundle/assets',
      'app://bundle/missing.js',
      'app://bundle.evil/index.html',
      'app://bundle:8080/index.html',
      'app://other/index.html',
    ];
    for (const url of attempts) {
      const r = await get(handler, url);
      expect(r.status, url).toBeGreaterThanOrEqual(400);
      expect(r.body, url).not.toContain('SECRET');
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect((await get(handler, 'app://bundle/index.html', method)).status, method).toBe(405);
    }
  });
});

describe('whose page is it', () => {
  it('app://bundle exactly, or the dev server by exact loopback origin when not packaged', () => {
    expect(isOwnPage('app://bundle/index.html', null)).toBe(true);
    for (const url of ['app://bundle.evil/index.html', 'app://evil/index.html', 'app://x@bundle/', 'file:///app/dist/index.html', 'http://localhost:5173/', 'not a url']) {
      expect(isOwnPage(url, null), url).toBe(false);
    }
    const dev = devServerOrigin('http://localhost:5173/', false);
    expect(dev).toBe('http://localhost:5173');
    expect(isOwnPage('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isOwnPage('http://localhost:5173.evil.com/', dev)).toBe(false);
    expect(isOwnPage('http://localhost:51730/', dev)).toBe(false);
    expect(isOwnPage('app://bundle/index.html', dev)).toBe(false);
    expect(devServerOrigin('http://localhost:5173/', true)).toBeNull();
    expect(devServerOrigin('https://example.com/', false)).toBeNull();
    expect(devServerOrigin('http://user:pw@localhost:5173/', false)).toBeNull();
    expect(devServerOrigin('file:///x', false)).toBeNull();
  });
});
