import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppPaths, ClipboardPort, Dialogs, ExternalLinks, PlatformPorts, SecretProtection, SecretStore } from './ports';

/**
 * Platform ports without Electron, for the e2e harness and `npm run preview`. Dialog answers are
 * scripted by the caller (a test queues the path a person would pick).
 */
export interface ScriptedDialogs extends Dialogs {
  queueOpen(path: string | null): void;
  queueSave(path: string | null): void;
  queueFolder(path: string | null): void;
}

export function createScriptedDialogs(): ScriptedDialogs {
  const open: (string | null)[] = [];
  const save: (string | null)[] = [];
  const folder: (string | null)[] = [];
  return {
    queueOpen: (p) => void open.push(p),
    queueSave: (p) => void save.push(p),
    queueFolder: (p) => void folder.push(p),
    openFile: async () => open.shift() ?? null,
    saveFile: async () => save.shift() ?? null,
    chooseFolder: async () => folder.shift() ?? null,
  };
}

/**
 * An in-process key, standing in for the OS keychain: ciphertext on disk is still not plain text.
 * `protection` plays a desktop whose keychain is weak or missing (tests of the passphrase path).
 */
export function createProcessSecretStore(protection: SecretProtection = 'os'): SecretStore {
  const key = randomBytes(32);
  return {
    protection: () => protection,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(cipher) {
      const d = createDecipheriv('aes-256-gcm', key, cipher.subarray(0, 12));
      d.setAuthTag(cipher.subarray(12, 28));
      return Buffer.concat([d.update(cipher.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

export interface RecordingLinks extends ExternalLinks {
  opened: string[];
}

export function createRecordingLinks(): RecordingLinks {
  const opened: string[] = [];
  return { opened, open: async (url) => void opened.push(url) };
}

export interface MemoryClipboard extends ClipboardPort {
  read(): string;
  /** Whether the current content was written as a concealed secret. */
  concealed(): boolean;
}

export function createMemoryClipboard(): MemoryClipboard {
  let text = '';
  let secret: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearSecret = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (secret !== null && text === secret) text = '';
    secret = null;
  };
  return {
    read: () => text,
    concealed: () => secret !== null && text === secret,
    writeText(value) {
      text = value;
    },
    writeSecret(value, clearAfterMs) {
      text = value;
      secret = value;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void clearSecret(), clearAfterMs);
      timer.unref?.();
    },
    holdsSecret: () => secret !== null,
    clearSecret,
  };
}

export interface NodePorts extends PlatformPorts {
  dialogs: ScriptedDialogs;
  links: RecordingLinks;
  clipboard: MemoryClipboard;
}

export function createNodePorts(paths?: Partial<AppPaths>, options: { secretProtection?: SecretProtection } = {}): NodePorts {
  return {
    secrets: createProcessSecretStore(options.secretProtection),
    dialogs: createScriptedDialogs(),
    links: createRecordingLinks(),
    clipboard: createMemoryClipboard(),
    paths: { userData: paths?.userData ?? join(tmpdir(), 'iam-onboarding-assistant'), home: paths?.home ?? homedir() },
  };
}
