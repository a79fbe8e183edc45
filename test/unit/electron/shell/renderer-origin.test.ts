import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../../electron/shell/app-protocol';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, devServerOrigin, entryUrl, isOwnPage } from '../../../../electron/shell/renderer-origin';

describe('the renderer origin', () => {
  it('the packaged entry is a page of our own that the app:// handler serves', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'renderer-origin-'));
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    expect(entryUrl(null)).toBe(APP_ENTRY_URL);
    expect(new URL(APP_ENTRY_URL).pathname).toBe('/index.html');
    expect(isOwnPage(APP_ENTRY_URL, null)).toBe(true);
    const res = await createAppProtocolHandler(dist)(new Request(APP_ENTRY_URL));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html>');
  });

  it('a dev run loads the dev server root, and only then', () => {
    expect(entryUrl('http://localhost:5173')).toBe('http://localhost:5173/');
    expect(entryUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000/');
  });

  it('the dev server is honoured on every loopback name, over http or https, and nowhere else', () => {
    expect(devServerOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(devServerOrigin('http://127.0.0.1:5173/x', false)).toBe('http://127.0.0.1:5173');
    expect(devServerOrigin('http://[::1]:5173/', false)).toBe('http://[::1]:5173');
    expect(devServerOrigin('https://localhost:5173/', false)).toBe('https://localhost:5173');
    expect(devServerOrigin('https://127.0.0.1/', false)).toBe('https://127.0.0.1');
    for (const value of [
      'ftp://localhost:5173/',
      'ws://localhost:5173/',
      'file://localhost/etc/passwd',
      'app://localhost/',
      'http://127.0.0.2:5173/',
      'http://localhost.evil.com/',
      'http://0.0.0.0:5173/',
      'http://user@localhost:5173/',
      'http://:pw@localhost:5173/',
      'localhost:5173',
      '',
      undefined,
    ]) {
      expect(devServerOrigin(value, false), String(value)).toBeNull();
    }
    // Packaged: nothing from the environment, loopback or not.
    for (const value of ['http://localhost:5173/', 'http://127.0.0.1:5173/', 'http://[::1]:5173/']) {
      expect(devServerOrigin(value, true), value).toBeNull();
    }
  });

  it('our page is app://bundle by scheme and host, not by either alone', () => {
    for (const url of ['https://bundle/index.html', 'http://bundle/index.html', 'apps://bundle/index.html', 'app://bundle2/index.html', 'app://:pw@bundle/', 'app://u:@bundle/']) {
      expect(isOwnPage(url, null), url).toBe(false);
    }
    expect(isOwnPage('app://bundle/assets/app.js?x#y', null)).toBe(true);
    // The dev origin is compared whole: scheme, host and port.
    const dev = devServerOrigin('http://localhost:5173/', false);
    expect(isOwnPage('https://localhost:5173/', dev)).toBe(false);
    expect(isOwnPage('http://127.0.0.1:5173/', dev)).toBe(false);
  });

  it('asks Electron for a standard, secure scheme with fetch and CORS, and nothing that bypasses the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true });
  });
});
