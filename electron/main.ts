/**
 * Electron main: lifecycle, the one window with secure defaults, the app:// protocol, and IPC
 * registration. Everything else lives behind composeApp() so it can be tested without Electron.
 *
 * Modes chosen from the command line that never open a window go first in `main()`, each in its
 * own function, before anything of the windowed app is set up.
 */
import { app, BrowserWindow, Menu, protocol, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeApp } from './app/compose';
import { CREDENTIAL_PROCESS_FLAG, runCredentialProcess } from './cli-access/credential-process';
import { helperDeps } from './cli-access/helper-deps';
import { registerIpc } from './ipc/register-ipc';
import { createLogger } from './logging/logger';
import { createElectronCliVault, createElectronPorts } from './platform/electron-ports';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { createAppProtocolHandler } from './shell/app-protocol';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, devServerOrigin, entryUrl, isOwnPage } from './shell/renderer-origin';

const here = fileURLToPath(new URL('.', import.meta.url));
/** The built renderer inside the package (app.asar/dist); served only through app://bundle. */
const rendererRoot = join(here, '../dist');
const appIcon = join(here, '../assets/icons/512x512.png');

main();

function main(): void {
  if (process.argv.includes(CREDENTIAL_PROCESS_FLAG)) runCredentialHelper();
  else runWindowedApp();
}

/**
 * The AWS CLI's credential_process helper (cli-access/): no window, no protocol and no
 * single-instance lock (the app may well be open); only the OS keychain, once Electron is ready.
 */
function runCredentialHelper(): void {
  app.dock?.hide();
  void app
    .whenReady()
    .then(() => runCredentialProcess(process.argv, helperDeps(createElectronCliVault())))
    .then((code) => app.exit(code), () => app.exit(1));
}

function runWindowedApp(): void {
  // Must happen before `ready`, and only once (Electron's protocol docs).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.enableSandbox();
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    mainWindow = start(() => mainWindow);
    mainWindow.on('closed', () => (mainWindow = null));
  });
}

function start(getWindow: () => BrowserWindow | null): BrowserWindow {
  const packaged = app.isPackaged;
  const devOrigin = devServerOrigin(process.env.VITE_DEV_SERVER_URL, packaged);
  const log = createLogger();
  const platform = createElectronPorts(getWindow);
  const { deps, handlers } = composeApp({
    platform,
    log,
    env: process.env,
    info: { version: app.getVersion(), platform: process.platform },
    // The profile's credential_process runs this very executable with the helper flag.
    cliHelper: {
      command: app.isPackaged ? [process.execPath, CREDENTIAL_PROCESS_FLAG] : [process.execPath, app.getAppPath(), CREDENTIAL_PROCESS_FLAG],
      vault: createElectronCliVault(),
    },
  });
  registerIpc(handlers, (url, isMainFrame) => isMainFrame && isOwnPage(url, devOrigin), log);
  // Nothing secret outlives the app: held secrets are wiped and a password we copied is cleared
  // from the clipboard (asynchronous), then the quit goes on.
  let wiped = false;
  app.on('will-quit', (event) => {
    if (wiped) return;
    event.preventDefault();
    void deps.lifecycle.lock('quit').finally(() => {
      wiped = true;
      deps.lifecycle.dispose();
      app.quit();
    });
  });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
  // The app:// answers carry the CSP themselves; this covers the dev server (http).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No permission is ever granted, neither when asked nor when checked.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // No default menu (it carries View → Toggle Developer Tools) in a packaged build.
  if (packaged) Menu.setApplicationMenu(null);

  const win = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 760,
    minHeight: 560,
    show: false,
    title: 'IAM Onboarding Assistant',
    icon: appIcon,
    webPreferences: {
      preload: join(here, 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK — reviewed: the preload exposes only window.api (createApi over one invoke channel), no ipcRenderer, no Node
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !packaged,
      // Middle-click would open links in new windows; we never want that.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(entryUrl(devOrigin));
  return win;
}
