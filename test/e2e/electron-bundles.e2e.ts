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
const run = (args: string[]) => JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, STUB_USER_DATA: '/tmp' } }));

test.describe('Electron bundles (dist-electron)', () => {
  test('main.js loads, registers the one IPC channel, and opens one locked-down window on the built renderer', () => {
    const calls = run(['--import', `${stub}register.mjs`, `${stub}run-main.mjs`, `${root}dist-electron/main.js`]) as Array<{ what: string; detail?: unknown }>;
    const of = (what: string) => calls.filter((c) => c.what === what).map((c) => c.detail);
    expect(of('app.enableSandbox')).toHaveLength(1);
    expect(of('ipcMain.handle')).toEqual(['api:invoke']);
    expect(of('session.csp')).toHaveLength(1);
    expect(of('session.permission')).toEqual([false]);
    const windows = of('BrowserWindow') as Array<{ webPreferences: Record<string, unknown> }>;
    expect(windows).toHaveLength(1);
    expect(windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(existsSync(String(windows[0]!.webPreferences.preload))).toBe(true);
    expect(of('webContents.on')).toEqual(expect.arrayContaining(['will-navigate', 'will-attach-webview']));
    expect(of('webContents.windowOpen')).toEqual([{ action: 'deny' }]);
    const [page] = of('loadFile') as string[];
    expect(page).toMatch(/dist\/index\.html$/);
    expect(existsSync(page!)).toBe(true);
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
        env: { ...process.env, STUB_KEYCHAIN: keychain ? '1' : '' },
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

  test('what ships: main imports only runtime dependencies, no bundle carries sandbox or evaluator code, index.html carries the CSP', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const main = readFileSync(`${root}dist-electron/main.js`, 'utf8');
    const bare = [...main.matchAll(/from "([^".][^"]*)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('node:') && s !== 'electron');
    const packages = [...new Set(bare.map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)))];
    expect(packages.length).toBeGreaterThan(3);
    expect(packages.filter((p) => !(p in pkg.dependencies))).toEqual([]);

    const bundles = ['dist-electron', 'dist/assets'].flatMap((d) =>
      readdirSync(`${root}${d}`).filter((f) => /\.(c|m)?js$/.test(f)).map((f) => `${root}${d}/${f}`),
    );
    expect(bundles.length).toBeGreaterThan(2);
    for (const f of bundles) expect(readFileSync(f, 'utf8'), f).not.toMatch(/@cloud-copilot|iam-simulate|startSandbox|test\/sandbox/);

    expect(readFileSync(`${root}dist/index.html`, 'utf8')).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
  });
});
