// Loads the built main bundle against the stub, then plays Electron's part: requests to the app://
// protocol, IPC calls from various senders, navigation and new-window attempts, permission
// questions. Prints what main asked of Electron and how each of these was answered, as JSON.
//
// With `--credential-process …` after the bundle it runs as the AWS CLI would run the packaged
// app's helper: stdout is then the helper's own, what main asked of Electron goes to stderr as the
// last line, and the exit code is the one main passed to app.exit().
import { exitCode } from 'electron';
const [main, ...probeUrls] = process.argv.slice(2);
await import(main);
if (process.argv.includes('--credential-process')) {
  const code = await exitCode;
  process.stderr.write('\n' + JSON.stringify(globalThis.__electronStub.calls) + '\n');
  process.exit(code);
}
await new Promise((r) => setTimeout(r, 200));
const { calls, installed } = globalThis.__electronStub;

const protocol = [];
for (const spec of probeUrls) {
  const [method, url] = spec.includes(' ') ? spec.split(' ') : ['GET', spec];
  const handler = installed.protocol.app;
  const res = await handler(new Request(url, { method }));
  const body = res.status === 200 ? Buffer.from(await res.arrayBuffer()) : Buffer.alloc(0);
  protocol.push({ method, url, status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), size: body.length, head: body.subarray(0, 200).toString('utf8') });
}

// IPC: the same call from our page, a subframe of it, and pages of other origins.
const frame = (url) => ({ url });
const invoke = async (url, { mainFrame = true } = {}) => {
  const f = frame(url);
  const sender = { mainFrame: mainFrame ? f : frame('app://bundle/index.html'), isDestroyed: () => false, send: () => {} };
  return installed.ipc['api:invoke']({ senderFrame: f, sender }, 'app:info', {});
};
const senders = ['app://bundle/index.html', 'app://bundle/', 'app://evil/index.html', 'app://bundle.evil/index.html', 'file:///index.html', 'http://localhost:5173/', 'http://localhost:5173.evil.com/', 'https://example.com/'];
const ipc = [];
for (const url of senders) ipc.push({ url, mainFrame: true, answer: await invoke(url) });
ipc.push({ url: 'app://bundle/index.html', mainFrame: false, answer: await invoke('app://bundle/index.html', { mainFrame: false }) });
const noFrame = await installed.ipc['api:invoke']({ senderFrame: null, sender: { mainFrame: null } }, 'app:info', {});

const prevented = (event, url) => {
  let stopped = false;
  installed.webContents[event]?.({ url, preventDefault: () => (stopped = true) }, url);
  return stopped;
};
const navigation = {
  willNavigate: prevented('will-navigate', 'https://example.com/'),
  willRedirect: prevented('will-redirect', 'https://example.com/'),
  willAttachWebview: prevented('will-attach-webview', 'https://example.com/'),
  windowOpen: installed.windowOpen?.({ url: 'https://example.com/' }),
};
const permissionRequest = await new Promise((r) => installed.permissionRequest(null, 'media', r, {}));
const permissionCheck = ['media', 'clipboard-read', 'geolocation', 'notifications'].map((p) => installed.permissionCheck(null, p, 'app://bundle', {}));

// Quitting: main holds the quit until every secret holder is wiped (the clipboard is asynchronous), then quits.
const quitEvent = { prevented: false, preventDefault() { this.prevented = true; } };
const quitsBefore = calls.filter((c) => c.what === 'app.quit').length;
installed.app['will-quit']?.(quitEvent);
await new Promise((r) => setTimeout(r, 50));
const quit = { prevented: quitEvent.prevented, quitAfterWipe: calls.filter((c) => c.what === 'app.quit').length - quitsBefore };

process.stdout.write(JSON.stringify({ calls, protocol, ipc, noFrame, navigation, permissionRequest, permissionCheck, quit }));
process.exit(0);
