import { app, clipboard, dialog, safeStorage, shell, type BrowserWindow } from 'electron';
import { homedir } from 'node:os';
import { keychainVault, plainVault, type CliVault } from '../cli-access/cli-vault';
import type { PlatformPorts } from './ports';

/**
 * The OS keychain for the command-line profile's secrets, when there really is one: on Linux
 * without a keyring safeStorage falls back to 'basic_text' (a fixed key), which is no better than
 * plain text, and we say so instead. Call after app ready.
 */
export function createElectronCliVault(): CliVault {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text' || backend === 'unknown') return plainVault;
  return keychainVault({
    isAvailable: () => true,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  });
}

export function createElectronPorts(getWindow: () => BrowserWindow | null): PlatformPorts {
  return {
    secrets: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(cipher),
    },
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
    clipboard: {
      writeText(text, clearAfterMs) {
        void clipboard.writeText(text);
        if (clearAfterMs) {
          // Only clear if the user has not copied something else since.
          setTimeout(() => {
            void Promise.resolve(clipboard.readText()).then((current) => {
              if (current === text) clipboard.clear();
            });
          }, clearAfterMs);
        }
      },
    },
    paths: { userData: app.getPath('userData'), home: homedir() },
  };
}
