// A stand-in for the `electron` module, for loading the built main bundle under plain Node where no
// Electron binary exists. It records what the shell asks of Electron; it implements nothing else.
export const calls = [];
const record = (what, detail) => calls.push({ what, detail });
globalThis.__electronStubCalls = calls;

export const app = {
  requestSingleInstanceLock: () => true,
  enableSandbox: () => record('app.enableSandbox'),
  whenReady: () => Promise.resolve(),
  on: (event) => record('app.on', event),
  getVersion: () => '0.0.0-stub',
  getPath: () => process.env.STUB_USER_DATA ?? '/tmp',
  quit: () => record('app.quit'),
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
export const safeStorage = {};
