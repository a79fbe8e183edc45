import type { SecretStore } from '../platform/ports';

/**
 * How the command-line profile's secrets (the long-term key's secret, the cached MFA session) are
 * kept on disk: encrypted by the OS keychain (Electron safeStorage: Keychain, DPAPI, libsecret /
 * kwallet), or — where there is none — in plain text in a file only the user can read, which the
 * app says on the finish screen and the README says too.
 */
export interface CliVault {
  readonly protection: 'keychain' | 'plain';
  seal(text: string): string;
  open(sealed: string): string;
}

export const plainVault: CliVault = {
  protection: 'plain',
  seal: (text) => text,
  open: (sealed) => sealed,
};

/** The OS keychain behind the app's SecretStore port, when it really is one. */
export function keychainVault(store: SecretStore): CliVault {
  return {
    protection: 'keychain',
    seal: (text) => store.encrypt(text).toString('base64'),
    open: (sealed) => store.decrypt(Buffer.from(sealed, 'base64')),
  };
}
