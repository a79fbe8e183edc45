import { execFileSync } from 'node:child_process';
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

/**
 * The handler does not rely on whoever built the Request having normalised the URL (Chromium
 * does; the WHATWG parser in Node does too): each guard is shown on the raw string, with the exact
 * refusal it gives, so removing one guard changes the answer even where a later guard would refuse.
 */
describe('app:// protocol handler on raw, un-normalised URLs', () => {
  const raw = async (handler: (r: Request) => Promise<Response>, url: string) => {
    const res = await handler({ method: 'GET', url } as Request);
    return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  };

  function tree() {
    const dist = mkdtempSync(join(tmpdir(), 'app-protocol-raw-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), 'INDEX');
    writeFileSync(join(dist, 'assets', 'app.js'), 'APP');
    return { dist, handler: createAppProtocolHandler(dist) };
  }

  it('refuses a dot segment with 400, also one a join would have folded back inside the folder', async () => {
    const { handler } = tree();
    for (const url of ['app://bundle/./index.html', 'app://bundle/assets/../index.html', 'app://bundle/../index.html', 'app://bundle/assets/..', 'app://bundle/.']) {
      expect(await raw(handler, url), url).toMatchObject({ status: 400, body: '' });
    }
  });

  it('refuses any percent-escape, backslash or NUL in a segment with 400', async () => {
    const { handler } = tree();
    for (const url of ['app://bundle/index%2ehtml', 'app://bundle/assets%2fapp.js', 'app://bundle/assets\\app.js', 'app://bundle/index.html\0', 'app://bundle/%41']) {
      expect(await raw(handler, url), JSON.stringify(url)).toMatchObject({ status: 400, body: '' });
    }
  });

  it('serves app://bundle with or without a slash, query or fragment, as the index', async () => {
    const { handler } = tree();
    for (const url of ['app://bundle', 'app://bundle/', 'app://bundle?x=1', 'app://bundle#top', 'app://bundle/?a=b#c', 'APP://BUNDLE/index.html']) {
      expect(await raw(handler, url), url).toMatchObject({ status: 200, body: 'INDEX' });
    }
    expect(await raw(handler, 'app://bundle/assets/app.js?v=2#x')).toMatchObject({ status: 200, body: 'APP' });
  });

  it('answers 404 for another scheme or host, even one of the same length', async () => {
    const { handler } = tree();
    for (const url of ['ftp://bundle/index.html', 'app://bundlx/index.html', 'app://bundle.evil/index.html', 'app://bundle:1/index.html', 'app://bundle@x/index.html', 'https://bundle/index.html']) {
      expect(await raw(handler, url), url).toMatchObject({ status: 404, body: '' });
    }
  });

  it('answers 404 for a directory and, without blocking, for a FIFO inside the folder', async () => {
    const { dist, handler } = tree();
    execFileSync('mkfifo', [join(dist, 'assets', 'pipe.js')]);
    expect(await raw(handler, 'app://bundle/assets')).toMatchObject({ status: 404 });
    expect(await raw(handler, 'app://bundle/assets/pipe.js')).toMatchObject({ status: 404, body: '' });
  });

  it('names every known type exactly, anything else as octet-stream, and every answer carries the security headers', async () => {
    const { dist, handler } = tree();
    const types: Record<string, string> = {
      'a.html': 'text/html; charset=utf-8',
      'a.js': 'text/javascript; charset=utf-8',
      'a.mjs': 'text/javascript; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.json': 'application/json',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.ico': 'image/x-icon',
      'a.woff2': 'font/woff2',
      'a.woff': 'font/woff',
      'a.wasm': 'application/wasm',
      'a.txt': 'text/plain; charset=utf-8',
      'A.JS': 'text/javascript; charset=utf-8',
      'a.bin': 'application/octet-stream',
      'noext': 'application/octet-stream',
    };
    for (const name of Object.keys(types)) writeFileSync(join(dist, 'assets', name), name);
    const security = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
    for (const [name, type] of Object.entries(types)) {
      const r = await raw(handler, `app://bundle/assets/${name}`);
      expect(r, name).toMatchObject({ status: 200, body: name });
      expect(r.headers, name).toEqual({ ...security, 'content-type': type });
    }
    for (const url of ['app://bundle/missing', 'app://bundle/../x', 'app://other/']) {
      expect((await raw(handler, url)).headers, url).toEqual(security);
    }
    const post = await handler({ method: 'POST', url: 'app://bundle/' } as Request);
    expect(Object.fromEntries(post.headers)).toEqual(security);
  });
});
