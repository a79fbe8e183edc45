import { app, clipboard, ClipboardItem, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { keychainVault, plainVault, type CliVault } from '../cli-access/cli-vault';
import { concealedFormats } from './concealed-clipboard';
import type { ClipboardPort, PlatformPorts, SecretStore } from './ports';

/** Electron's safeStorage, with how well the OS really protects what it encrypts. */
function electronSecretStore(): SecretStore {
  return {
    protection() {
      if (!safeStorage.isEncryptionAvailable()) return 'none';
      // basic_text: Chromium's fallback with a hard-coded password; unknown: asked before ready.
      if (process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return 'weak';
      return 'os';
    },
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  };
}

/**
 * The OS keychain for the command-line profile's secrets, when there really is one: without a
 * keyring (safeStorage's 'basic_text', a fixed key) it is no better than plain text, and we say so
 * instead. Call after app ready.
 */
export function createElectronCliVault(): CliVault {
  const store = electronSecretStore();
  return store.protection() === 'os' ? keychainVault(store) : plainVault;
}

export function createElectronPorts(getWindow: () => BrowserWindow | null): PlatformPorts {
  return {
    secrets: electronSecretStore(),
    dialogs: {
      async openFile({ title, filters }) {
        const win = getWindow();
        const options = { title, filters, properties: ['openFile' as const] };
        const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async saveFile({ title, defaultPath, filters }) {
        const win = getWindow();
        const options = { title, defaultPath, filters };
        const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return r.canceled ? null : (r.filePath ?? null);
      },
      async chooseFolder({ title }) {
        const win = getWindow();
        const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
        const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
    },
    links: { open: (url) => shell.openExternal(url) }, // eng-disable OPEN_EXTERNAL_JS_CHECK — only reached through app:openExternal and the SSO flow, both after isAllowedExternalUrl (https AWS hosts)
    clipboard: electronClipboard(),
    paths: { userData: app.getPath('userData'), home: homedir() },
  };
}

/** The system clipboard; a secret goes with the platform's "concealed" formats in one atomic write. */
function electronClipboard(): ClipboardPort {
  let secret: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearSecret = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const ours = secret;
    secret = null;
    // Only if the user has not copied something else since.
    if (ours !== null && (await clipboard.readText().catch(() => ours)) === ours) clipboard.clear();
  };
  return {
    writeText: (text) => void clipboard.writeText(text),
    writeSecret(text, clearAfterMs) {
      secret = text;
      void clipboard
        .write([new ClipboardItem({ 'text/plain': text, ...concealedFormats(process.platform) })])
        .catch(() => clipboard.writeText(text));
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void clearSecret(), clearAfterMs);
    },
    holdsSecret: () => secret !== null,
    clearSecret,
  };
}
