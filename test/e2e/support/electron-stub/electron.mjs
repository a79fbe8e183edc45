// A stand-in for the `electron` module, for loading the built main bundle under plain Node where no
// Electron binary exists. It records what the shell asks of Electron and keeps the handlers the
// shell installs (protocol, IPC, navigation, permissions) so a test can call them the way Electron
// would; it implements nothing else.
export const calls = [];
export const installed = { protocol: {}, ipc: {}, webContents: {}, permissionRequest: null, permissionCheck: null, windowOpen: null, app: {} };
const record = (what, detail) => calls.push({ what, detail });
globalThis.__electronStub = { calls, installed };

let ready = false;
let exited;
/** Resolves with the code main passes to app.exit() (the credential_process helper ends that way). */
export const exitCode = new Promise((resolve) => (exited = resolve));

export const app = {
  isPackaged: process.env.STUB_PACKAGED === '1',
  requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), true),
  enableSandbox: () => record('app.enableSandbox'),
  whenReady: () =>
    (record('app.whenReady'), Promise.resolve()).then(() => {
      ready = true;
      record('app.ready');
    }),
  on: (event, handler) => {
    record('app.on', event);
    installed.app[event] = handler;
  },
  getVersion: () => '0.0.0-stub',
  getPath: () => process.env.STUB_USER_DATA ?? '/tmp',
  getAppPath: () => '/opt/stub-app',
  quit: () => record('app.quit'),
  exit: (code) => {
    record('app.exit', code);
    exited(code);
  },
  dock: { hide: () => record('app.dock.hide') },
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    // Electron: only before `ready`, and only once.
    if (ready) throw new Error('registerSchemesAsPrivileged after ready');
    record('protocol.registerSchemesAsPrivileged', schemes);
  },
  handle: (scheme, handler) => {
    if (!ready) throw new Error('protocol.handle before ready');
    record('protocol.handle', scheme);
    installed.protocol[scheme] = handler;
  },
};

export const Menu = { setApplicationMenu: (menu) => record('Menu.setApplicationMenu', menu) };

class WebContents {
  on(event, handler) {
    record('webContents.on', event);
    installed.webContents[event] = handler;
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler');
    installed.windowOpen = handler;
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

export const ipcMain = {
  handle: (channel, handler) => {
    record('ipcMain.handle', channel);
    installed.ipc[channel] = handler;
  },
};
export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: () => record('session.csp') },
    setPermissionRequestHandler: (handler) => {
      record('session.setPermissionRequestHandler');
      installed.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler) => {
      record('session.setPermissionCheckHandler');
      installed.permissionCheck = handler;
    },
  },
};
export const dialog = {};
export const shell = {};
export const clipboard = {};
export class ClipboardItem {}
// The keychain as a desktop would report it (STUB_STORAGE_BACKEND: basic_text = Linux without a keyring),
// with a reversible stand-in for its encryption.
const STUB_PREFIX = 'stub-keychain:';
export const safeStorage = {
  isEncryptionAvailable: () => process.env.STUB_ENCRYPTION !== 'off',
  getSelectedStorageBackend: () => process.env.STUB_STORAGE_BACKEND || 'gnome_libsecret',
  encryptString: (text) => (record('safeStorage.encryptString'), Buffer.from(STUB_PREFIX + Buffer.from(text).toString('base64'))),
  decryptString: (buf) => {
    record('safeStorage.decryptString');
    const s = buf.toString();
    if (!s.startsWith(STUB_PREFIX)) throw new Error('not sealed by this keychain');
    return Buffer.from(s.slice(STUB_PREFIX.length), 'base64').toString();
  },
};
