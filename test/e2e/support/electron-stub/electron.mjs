// A stand-in for the `electron` module, for loading the built main bundle under plain Node where no
// Electron binary exists. It records what the shell asks of Electron; it implements nothing else.
export const calls = [];
const record = (what, detail) => calls.push({ what, detail });
globalThis.__electronStubCalls = calls;

let exited;
/** Resolves with the code main passes to app.exit() (the credential_process helper ends that way). */
export const exitCode = new Promise((resolve) => (exited = resolve));

export const app = {
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  enableSandbox: () => record('app.enableSandbox'),
  whenReady: () => (record('app.whenReady'), Promise.resolve()),
  on: (event) => record('app.on', event),
  getVersion: () => '0.0.0-stub',
  getPath: () => process.env.STUB_USER_DATA ?? '/tmp',
  getAppPath: () => '/opt/stub-app',
  isPackaged: true,
  quit: () => record('app.quit'),
  exit: (code) => {
    record('app.exit', code);
    exited(code);
  },
  dock: { hide: () => record('app.dock.hide') },
};

class WebContents {
  on(event) {
    record('webContents.on', event);
  }
  setWindowOpenHandler(handler) {
    record('webContents.windowOpen', handler({ url: 'https://example.com/' }));
  }
}

export class BrowserWindow {
  constructor(options) {
    record('BrowserWindow', options);
    this.webContents = new WebContents();
  }
  once() {}
  on() {}
  show() {}
  loadFile(path) {
    record('loadFile', path);
    return Promise.resolve();
  }
  loadURL(url) {
    record('loadURL', url);
    return Promise.resolve();
  }
  static getAllWindows() {
    return [];
  }
}

export const ipcMain = { handle: (channel) => record('ipcMain.handle', channel) };
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => record('session.csp') },
    setPermissionRequestHandler: (handler) => handler(null, 'media', (granted) => record('session.permission', granted)),
  },
};
export const dialog = {};
export const shell = {};
export const clipboard = {};
// A reversible stand-in for the OS keychain (STUB_KEYCHAIN=1), or none.
const STUB_PREFIX = 'stub-keychain:';
export const safeStorage = {
  isEncryptionAvailable: () => process.env.STUB_KEYCHAIN === '1',
  getSelectedStorageBackend: () => (process.env.STUB_KEYCHAIN === '1' ? 'gnome_libsecret' : 'basic_text'),
  encryptString: (text) => (record('safeStorage.encryptString'), Buffer.from(STUB_PREFIX + Buffer.from(text).toString('base64'))),
  decryptString: (buf) => {
    record('safeStorage.decryptString');
    const s = buf.toString();
    if (!s.startsWith(STUB_PREFIX)) throw new Error('not sealed by this keychain');
    return Buffer.from(s.slice(STUB_PREFIX.length), 'base64').toString();
  },
};
