import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile, writePrivateFileSync } from '../../../../electron/platform/private-file';

describe('writePrivateFile', () => {
  it('leaves a new or overwritten file readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'private-file-'));
    for (const [name, write] of [
      ['async', (p: string) => writePrivateFile(p, 'secret sheet')],
      ['sync', async (p: string) => writePrivateFileSync(p, 'secret sheet')],
    ] as const) {
      const fresh = join(dir, `${name}-new`);
      await write(fresh);
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const old = join(dir, `${name}-old`);
      writeFileSync(old, 'a longer earlier content', { mode: 0o644 });
      await write(old);
      expect(statSync(old).mode & 0o777).toBe(0o600);
      expect(readFileSync(old, 'utf8')).toBe('secret sheet');
    }
  });
});
