import { expect, test } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { fileURLToPath } from 'node:url';

/**
 * The built main and preload bundles, run under plain Node against a recording stand-in for the
 * `electron` module (test/e2e/support/electron-stub). No Electron binary can be fetched here, so
 * this is what proves that the shipped bundles load — every dependency resolves, the preload is
 * CommonJS as a sandboxed preload must be — and that the shell asks Electron for the secure setup.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const stub = `${root}test/e2e/support/electron-stub/`;
const run = (args: string[], env: Record<string, string> = {}) =>
  JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STUB_USER_DATA: '/tmp', STUB_PACKAGED: '', VITE_DEV_SERVER_URL: '', STUB_STORAGE_BACKEND: '', STUB_ENCRYPTION: '', ...env } }));

interface MainRun {
  calls: Array<{ what: string; detail?: unknown }>;
  protocol: Array<{ method: string; url: string; status: number; type: string | null; csp: string | null; size: number; head: string }>;
  ipc: Array<{ url: string; mainFrame: boolean; answer: { ok: boolean; value?: unknown; error?: unknown } }>;
  noFrame: unknown;
  navigation: unknown;
  permissionRequest: boolean;
  permissionCheck: boolean[];
  quit: { prevented: boolean; quitAfterWipe: number };
}

test.describe('Electron bundles (dist-electron)', () => {
  const assets = readdirSync(`${root}dist/assets`);
  const script = assets.find((f) => f.endsWith('.js'))!;
  const style = assets.find((f) => f.endsWith('.css'))!;
  const probes = [
    'app://bundle/index.html',
    'app://bundle/',
    `app://bundle/assets/${script}`,
    `app://bundle/assets/${style}?v=1#x`,
    // Traversal, encoded escapes, backslashes, another host, a method other than GET:
    'app://bundle/..%2f..%2fpackage.json',
    'app://bundle/assets/%2e%2e/%2e%2e/package.json',
    'app://bundle/..\\..\\package.json',
    'app://bundle/assets%5c..%5c..%5cpackage.json',
    'app://bundle.evil/index.html',
    'app://other/index.html',
    'app://bundle/no-such-file.js',
    'app://bundle/assets',
    `POST app://bundle/index.html`,
  ];
  const launch = (env: Record<string, string> = {}) =>
    run(['--import', `${stub}register.mjs`, `${stub}run-main.mjs`, `${root}dist-electron/main.js`, ...probes], env) as MainRun;

  test('main.js serves the built renderer from app://bundle, confined to it, and opens one locked-down window there', () => {
    const out = launch({ STUB_PACKAGED: '1' });
    const of = (what: string) => out.calls.filter((c) => c.what === what).map((c) => c.detail);
    const order = out.calls.map((c) => c.what);
    // The scheme is privileged before `ready`, handled after it.
    expect(of('protocol.registerSchemesAsPrivileged')).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]]);
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('app.ready'));
    expect(of('protocol.handle')).toEqual(['app']);
    expect(of('app.enableSandbox')).toHaveLength(1);
    expect(of('ipcMain.handle')).toEqual(['api:invoke']);

    const windows = of('BrowserWindow') as Array<{ icon: string; webPreferences: Record<string, unknown> }>;
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(existsSync(String(windows[0]!.webPreferences.preload))).toBe(true);
    expect(existsSync(windows[0]!.icon), 'the window icon ships').toBe(true);
    // No file:// page, no default menu (with its developer tools) in a packaged build.
    expect(of('loadFile')).toEqual([]);
    expect(of('loadURL')).toEqual(['app://bundle/index.html']);
    expect(of('Menu.setApplicationMenu')).toEqual([null]);

    const answer = (url: string) => out.protocol.find((p) => p.url === url)!;
    const index = answer('app://bundle/index.html');
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(index.head).toContain('<!doctype html>');
    expect(answer('app://bundle/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(answer(`app://bundle/assets/${script}`)).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', csp: CONTENT_SECURITY_POLICY });
    expect(answer(`app://bundle/assets/${script}`).size).toBe(readFileSync(`${root}dist/assets/${script}`).length);
    expect(answer(`app://bundle/assets/${style}?v=1#x`)).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    for (const p of out.protocol.filter((p) => !p.url.startsWith('app://bundle/index') && p.url !== 'app://bundle/' && !p.url.includes(script) && !p.url.includes(style))) {
      expect(p.status, `${p.method} ${p.url}`).toBeGreaterThanOrEqual(400);
      expect(p.size).toBe(0);
    }
    expect(out.protocol.find((p) => p.method === 'POST')!.status).toBe(405);

    // The sender check: our top-level page only, by exact origin.
    const trusted = out.ipc.filter((c) => c.answer.ok).map((c) => `${c.url} ${c.mainFrame}`);
    expect(trusted).toEqual(['app://bundle/index.html true', 'app://bundle/ true']);
    for (const c of out.ipc.filter((c) => !c.answer.ok)) expect(c.answer).toEqual({ ok: false, error: { code: 'ipc.untrustedSender' } });
    expect(out.noFrame).toEqual({ ok: false, error: { code: 'ipc.untrustedSender' } });
    expect(out.ipc[0]!.answer).toMatchObject({ ok: true, value: { version: '0.0.0-stub', secretStorage: process.platform === 'linux' ? 'os' : expect.any(String) } });

    // Navigation, redirects, webviews and new windows are refused; no permission is granted or reported granted.
    expect(out.navigation).toEqual({ willNavigate: true, willRedirect: true, willAttachWebview: true, windowOpen: { action: 'deny' } });
    expect(out.permissionRequest).toBe(false);
    expect(out.permissionCheck).toEqual([false, false, false, false]);
    // Quitting waits for the secret holders (clipboard included) to be wiped, then quits once.
    expect(out.quit).toEqual({ prevented: true, quitAfterWipe: 1 });
  });

  test('the keychain is judged by what safeStorage reports: basic_text on Linux is weak, no encryption is none', () => {
    test.skip(process.platform !== 'linux', 'getSelectedStorageBackend is Linux-only');
    const info = (env: Record<string, string>) => launch({ STUB_PACKAGED: '1', ...env }).ipc[0]!.answer as { value: { secretStorage: string } };
    expect(info({ STUB_STORAGE_BACKEND: 'basic_text' }).value.secretStorage).toBe('weak');
    expect(info({ STUB_STORAGE_BACKEND: 'kwallet6' }).value.secretStorage).toBe('os');
    expect(info({ STUB_ENCRYPTION: 'off' }).value.secretStorage).toBe('none');
  });

  test('VITE_DEV_SERVER_URL is honoured only unpackaged, and then by exact loopback origin', () => {
    const packaged = launch({ STUB_PACKAGED: '1', VITE_DEV_SERVER_URL: 'http://localhost:5173/' });
    expect(packaged.calls.filter((c) => c.what === 'loadURL').map((c) => c.detail)).toEqual(['app://bundle/index.html']);

    const dev = launch({ VITE_DEV_SERVER_URL: 'http://localhost:5173/' });
    expect(dev.calls.filter((c) => c.what === 'loadURL').map((c) => c.detail)).toEqual(['http://localhost:5173/']);
    expect((dev.calls.find((c) => c.what === 'BrowserWindow')!.detail as { webPreferences: { devTools: boolean } }).webPreferences.devTools).toBe(true);
    expect(dev.calls.filter((c) => c.what === 'Menu.setApplicationMenu')).toEqual([]);
    // A prefix is not an origin: localhost:5173.evil.com is another site.
    expect(dev.ipc.filter((c) => c.answer.ok).map((c) => c.url)).toEqual(['http://localhost:5173/']);

    const remote = launch({ VITE_DEV_SERVER_URL: 'https://example.com/' });
    expect(remote.calls.filter((c) => c.what === 'loadURL').map((c) => c.detail)).toEqual(['app://bundle/index.html']);
  });

  test('main.js --credential-process: the CLI helper runs before any window or lock, opens the key with the OS keychain, prints the cached MFA session', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helper-stub-'));
    const sealed = (text: string) => ({ protection: 'keychain', data: Buffer.from('stub-keychain:' + Buffer.from(text).toString('base64')).toString('base64') });
    const profile = 'jdoe-acme';
    writeFileSync(join(dir, `${profile}.json`), JSON.stringify({
      version: 1, profile, userName: 'jdoe', accountId: '123456789012', region: 'us-east-1', mfaSerial: 'arn:aws:iam::123456789012:mfa/jdoe',
      accessKeyId: 'AKIA' + 'STUB'.repeat(4), secretAccessKey: sealed('long-term-secret'), keyCreatedAt: new Date().toISOString(), sessionSeconds: 43200,
    }));
    const session = { AccessKeyId: 'ASIA' + 'STUB'.repeat(4), SecretAccessKey: 'session-secret', SessionToken: 'token', Expiration: new Date(Date.now() + 3600_000).toISOString() };
    writeFileSync(join(dir, `${profile}.session.json`), JSON.stringify({ version: 1, accessKeyId: 'AKIA' + 'STUB'.repeat(4), session: sealed(JSON.stringify(session)) }));
    const helper = (keychain: boolean) =>
      spawnSync(process.execPath, ['--import', `${stub}register.mjs`, `${stub}run-main.mjs`, `${root}dist-electron/main.js`, '--credential-process', '--data-dir', dir, '--profile', profile], {
        encoding: 'utf8',
        env: { ...process.env, STUB_ENCRYPTION: '', STUB_STORAGE_BACKEND: keychain ? 'gnome_libsecret' : 'basic_text' },
      });

    const ok = helper(true);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ Version: 1, ...session });
    const calls = JSON.parse(ok.stderr.trim().split('\n').at(-1)!) as Array<{ what: string; detail?: unknown }>;
    const asked = calls.map((c) => c.what);
    expect(asked).toEqual(expect.arrayContaining(['app.dock.hide', 'app.whenReady', 'safeStorage.decryptString', 'app.exit']));
    expect(asked).not.toContain('BrowserWindow');
    expect(asked).not.toContain('app.requestSingleInstanceLock');
    expect(asked).not.toContain('app.enableSandbox');
    expect(asked).not.toContain('ipcMain.handle');

    // Where Electron finds no real keychain, a keychain-sealed key stays closed: a clear error, nothing on stdout.
    const none = helper(false);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('only the app itself can open it');
  });

  test('preload.cjs is CommonJS and exposes window.api only, whose failures are plain data', () => {
    const out = run([`${stub}run-preload.cjs`, `${root}dist-electron/preload.cjs`]);
    expect(out.exposedNames).toEqual(['api']);
    expect(out.apiKeys).toEqual(['invoke', 'on']);
    expect(out.frozen).toBe(true);
    expect(out.info).toEqual({ version: '1', platform: 'p', endpointOverride: null, region: 'r' });
    expect(out.failure).toEqual({ code: 'aws.Throttling', params: { status: 400 }, retryable: true });
    expect(out.failureIsError).toBe(false);
    expect(out.unknown).toEqual({ code: 'ipc.unknownChannel', params: { channel: 'fs:readFile' } });
    // Everything goes over the one invoke channel; an unknown channel never leaves the preload.
    expect(out.sent.map((s: { channel: string; name: string }) => `${s.channel} ${s.name}`)).toEqual(['api:invoke app:info', 'api:invoke onboarding:cancel']);
    expect(out.listeners).toEqual(['api:event']);
  });

  test('what ships: main imports exactly the runtime dependencies, no bundle carries sandbox or evaluator code, index.html carries the CSP', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const main = readFileSync(`${root}dist-electron/main.js`, 'utf8');
    const bare = [...main.matchAll(/from "([^".][^"]*)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:') && s !== 'electron');
    const packages = [...new Set(bare.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)))];
    // Exactly: every runtime dependency is imported by main, and main imports nothing else.
    expect(packages.sort()).toEqual(Object.keys(pkg.dependencies).sort());
    // The sandboxed preload bundles everything; at run time it asks only for electron.
    const preload = readFileSync(`${root}dist-electron/preload.cjs`, 'utf8');
    expect([...new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))]).toEqual(['electron']);

    const bundles = ['dist-electron', 'dist/assets'].flatMap((d) =>
      readdirSync(`${root}${d}`).filter((f) => /\.(c|m)?js$/.test(f)).map((f) => `${root}${d}/${f}`),
    );
    expect(bundles.length).toBeGreaterThan(2);
    for (const f of bundles) expect(readFileSync(f, 'utf8'), f).not.toMatch(/@cloud-copilot|iam-simulate|startSandbox|test\/sandbox/);

    expect(readFileSync(`${root}dist/index.html`, 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });
});
