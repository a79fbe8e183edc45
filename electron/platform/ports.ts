/**
 * What the domain code needs from the desktop, as small interfaces. `electron-ports.ts` implements
 * them with Electron; tests and `npm run preview` use `node-ports.ts`.
 */

/**
 * How well the OS protects what SecretStore.encrypt returns:
 * - `os`: a real keychain (macOS Keychain, Windows DPAPI, GNOME libsecret, KWallet);
 * - `weak`: Linux without a keyring (safeStorage's `basic_text` backend encrypts with a hard-coded
 *   password: anyone who can read the file can decrypt it);
 * - `none`: no encryption at all.
 */
export type SecretProtection = 'os' | 'weak' | 'none';

/** OS-backed encryption for anything that must persist (Electron safeStorage). */
export interface SecretStore {
  protection(): SecretProtection;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  openFile(options: { title?: string; filters?: FileFilter[] }): Promise<string | null>;
  saveFile(options: { title?: string; defaultPath?: string; filters?: FileFilter[] }): Promise<string | null>;
  chooseFolder(options: { title?: string }): Promise<string | null>;
}

export interface ExternalLinks {
  /** Opens an allow-listed https URL in the system browser. */
  open(url: string): Promise<void>;
}

export interface ClipboardPort {
  /** Plain text that is no secret (the message to send with an invite). */
  writeText(text: string): void;
  /**
   * A secret (a temporary password): marked concealed / kept out of clipboard history where the
   * desktop allows it, and cleared after `clearAfterMs` if it is still the clipboard's content.
   */
  writeSecret(text: string, clearAfterMs: number): void;
  /** A secret we wrote may still be on the clipboard. */
  holdsSecret(): boolean;
  /** Clears the clipboard if it still holds the secret we wrote (idle lock, quit). */
  clearSecret(): Promise<void>;
}

export interface AppPaths {
  /** Per-user app data (journal, cached SSO client registration). */
  userData: string;
  /** The user's home, where ~/.aws lives (overridable by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
  home: string;
}

export interface PlatformPorts {
  secrets: SecretStore;
  dialogs: Dialogs;
  links: ExternalLinks;
  clipboard: ClipboardPort;
  paths: AppPaths;
}
