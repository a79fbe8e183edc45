/**
 * Electron main: lifecycle, the one window with secure defaults, and IPC registration.
 * Everything else lives behind composeApp() so it can be tested without Electron.
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeApp } from './app/compose';
import { CREDENTIAL_PROCESS_FLAG, runCredentialProcess } from './cli-access/credential-process';
import { helperDeps } from './cli-access/helper-deps';
import { registerIpc } from './ipc/register-ipc';
import { createLogger } from './logging/logger';
import { createElectronCliVault, createElectronPorts } from './platform/electron-ports';
import { CONTENT_SECURITY_POLICY } from './security/csp';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererIndex = join(here, '../dist/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const devServerUrl = process.env.VITE_DEV_SERVER_URL;

let mainWindow: BrowserWindow | null = null;

if (process.argv.includes(CREDENTIAL_PROCESS_FLAG)) {
  // The AWS CLI's credential_process helper (cli-access/): no window and no single-instance lock
  // (the app may well be open); only the OS keychain, once Electron is ready.
  app.dock?.hide();
  void app
    .whenReady()
    .then(() => runCredentialProcess(process.argv, helperDeps(createElectronCliVault())))
    .then((code) => app.exit(code), () => app.exit(1));
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.enableSandbox();
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
}

const isOwnPage = (url: string): boolean =>
  devServerUrl ? url.startsWith(devServerUrl) : url.split(/[?#]/)[0] === rendererUrl;

function start(): void {
  const log = createLogger();
  const { handlers } = composeApp({
    platform: createElectronPorts(() => mainWindow),
    log,
    env: process.env,
    info: { version: app.getVersion(), platform: process.platform },
    // The profile's credential_process runs this very executable with the helper flag.
    cliHelper: {
      command: app.isPackaged ? [process.execPath, CREDENTIAL_PROCESS_FLAG] : [process.execPath, app.getAppPath(), CREDENTIAL_PROCESS_FLAG],
      vault: createElectronCliVault(),
    },
  });
  registerIpc(handlers, (url, isMainFrame) => isMainFrame && isOwnPage(url), log);

  // Strict CSP on every response, no permission is ever granted, nothing remote is loaded.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  mainWindow = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 760,
    minHeight: 560,
    show: false,
    title: 'IAM Onboarding Assistant',
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
      // Middle-click would open links in new windows; we never want that.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.on('will-attach-webview', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  mainWindow.on('closed', () => (mainWindow = null));

  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(rendererIndex);
}
