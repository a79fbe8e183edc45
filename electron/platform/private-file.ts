import { closeSync, fchmodSync, openSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Owner read/write only. */
export const PRIVATE_MODE = 0o600;

/**
 * Writes a file only its owner can read, also when it already exists: `mode` in writeFile applies
 * only to a new file, so an overwritten 0644 file would stay 0644. The mode is set on the open
 * handle *before* any byte is written, so the new content is never readable by others.
 */
export async function writePrivateFile(path: string, data: string | Uint8Array, flag: 'w' | 'a' = 'w'): Promise<void> {
  const handle = await open(path, flag, PRIVATE_MODE);
  try {
    await handle.chmod(PRIVATE_MODE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** The same, synchronous (the run key is written before the journal's first line). */
export function writePrivateFileSync(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', PRIVATE_MODE);
  try {
    fchmodSync(fd, PRIVATE_MODE);
    // On a descriptor, writeFileSync loops until every byte is written and leaves it open.
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}
