import { beforeEach, describe, expect, it, vi } from 'vitest';

// The recording Electron stand-in the e2e tests load main with: it keeps the handler registerIpc
// installs, so it can be called the way Electron calls it.
// A computed path: the stand-in is plain JavaScript, without declarations.
const STUB = '../../../e2e/support/electron-stub/electron.mjs';
vi.mock('electron', async () => (await import(/* @vite-ignore */ STUB)) as object);

const { installed } = (await import(/* @vite-ignore */ STUB)) as {
  installed: { ipc: Record<string, (event: unknown, channel: unknown, payload: unknown) => Promise<unknown>> };
};
const { registerIpc } = await import('../../../../electron/ipc/register-ipc');
const { channels } = await import('../../../../src/shared/ipc/contract');
const { composeApp } = await import('../../../../electron/app/compose');
const { createLogger } = await import('../../../../electron/logging/logger');
const { createNodePorts } = await import('../../../../electron/platform/node-ports');
const { isOwnPage } = await import('../../../../electron/shell/renderer-origin');
const { INVOKE_CHANNEL, EVENT_CHANNEL } = await import('../../../../electron/ipc/transport');

const lines: string[] = [];
const log = createLogger((l) => lines.push(l));

/** A WebContents as Electron hands it to an ipcMain.handle listener: the main frame, and what it was sent. */
function webContents(url: string, o: { destroyed?: boolean } = {}) {
  const sent: unknown[][] = [];
  const mainFrame = { url };
  return { mainFrame, sent, isDestroyed: () => !!o.destroyed, send: (...args: unknown[]) => void sent.push(args) };
}

const trusted = vi.fn((url: string, isMainFrame: boolean) => isMainFrame && isOwnPage(url, null));

beforeEach(() => {
  lines.length = 0;
  trusted.mockClear();
  const { handlers } = composeApp({ platform: createNodePorts(), log, env: {}, info: { version: '9.9.9', platform: 'test' } });
  registerIpc(handlers, trusted, log);
});

const call = (event: unknown, channel: unknown, payload: unknown = {}) => installed.ipc[INVOKE_CHANNEL]!(event, channel, payload);

describe('registerIpc: the one ipcMain handler, and who may call it', () => {
  it('installs exactly one invoke channel; a call from our own top frame is dispatched', async () => {
    expect(Object.keys(installed.ipc)).toEqual([INVOKE_CHANNEL]);
    const sender = webContents('app://bundle/index.html');
    expect(await call({ sender, senderFrame: sender.mainFrame }, 'app:info', {})).toMatchObject({ ok: true, value: { version: '9.9.9', platform: 'test' } });
    expect(trusted).toHaveBeenCalledWith('app://bundle/index.html', true);
  });

  it('refuses a call from a subframe, another page, or a frame already gone, without running anything', async () => {
    const sender = webContents('app://bundle/index.html');
    const iframe = { url: 'app://bundle/index.html' };
    const attempts = [
      { sender, senderFrame: iframe },
      { sender: webContents('https://evil.example/'), senderFrame: { url: 'https://evil.example/' } },
      { sender, senderFrame: null },
    ];
    for (const event of attempts) {
      expect(await call(event, 'app:openExternal', { url: 'https://console.aws.amazon.com/' })).toEqual({ ok: false, error: { code: 'ipc.untrustedSender' } });
    }
    // The subframe was judged as a subframe (isMainFrame false), the other page by its URL.
    expect(trusted.mock.calls).toEqual([
      ['app://bundle/index.html', false],
      ['https://evil.example/', false],
    ]);
    const warnings = lines.filter((l) => l.includes('ipc.untrustedSender'));
    expect(warnings).toHaveLength(3);
    expect(warnings[1]).toContain('https://evil.example/');
  });

  it('a main frame that is not ours is refused too (the check is the URL as well as the frame)', async () => {
    const sender = webContents('https://evil.example/');
    expect(await call({ sender, senderFrame: sender.mainFrame }, 'app:info', {})).toEqual({ ok: false, error: { code: 'ipc.untrustedSender' } });
    expect(trusted).toHaveBeenCalledWith('https://evil.example/', true);
  });

  it('logs at most 200 characters of a refused URL', async () => {
    const long = `https://evil.example/${'x'.repeat(500)}`;
    const sender = webContents(long);
    await call({ sender, senderFrame: sender.mainFrame }, 'app:info', {});
    const line = lines.find((l) => l.includes('ipc.untrustedSender'))!;
    expect(line).toContain(long.slice(0, 200));
    expect(line).not.toContain(long.slice(0, 201));
  });

  it('events go back to the calling page on the event channel, only contract events, never to a destroyed page', async () => {
    const { handlers } = composeApp({ platform: createNodePorts(), log, env: {}, info: { version: '1', platform: 'p' } });
    handlers['app:info'] = async (_input, ctx) => {
      ctx.emit('app:locked', { reason: 'idle' });
      ctx.emit('no:such-event' as never, {} as never);
      return { version: '1', platform: 'p', endpointOverride: null, region: 'r', secretStorage: 'os' };
    };
    registerIpc(handlers, trusted, log);
    const live = webContents('app://bundle/index.html');
    await call({ sender: live, senderFrame: live.mainFrame }, 'app:info', {});
    expect(live.sent).toEqual([[EVENT_CHANNEL, 'app:locked', { reason: 'idle' }]]);
    const gone = webContents('app://bundle/index.html', { destroyed: true });
    await call({ sender: gone, senderFrame: gone.mainFrame }, 'app:info', {});
    expect(gone.sent).toEqual([]);
  });

  it('the handler table answers every channel of the contract, each with a function of its own feature', () => {
    const { handlers } = composeApp({ platform: createNodePorts(), log, env: {}, info: { version: '1', platform: 'p' } });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(channels).sort());
    for (const prefix of ['app:', 'onboarding:', 'admin:', 'resync:']) {
      expect(Object.keys(handlers).some((c) => c.startsWith(prefix)), prefix).toBe(true);
    }
    for (const [name, fn] of Object.entries(handlers)) expect(typeof fn, name).toBe('function');
  });
});
