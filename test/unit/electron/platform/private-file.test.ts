import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrivateFile, writePrivateFileSync } from '../../../../electron/platform/private-file';

const dir = mkdtempSync(join(tmpdir(), 'private-file-'));
const writers = [
  ['async', (p: string, data: string | Uint8Array) => writePrivateFile(p, data)],
  ['sync', async (p: string, data: string | Uint8Array) => writePrivateFileSync(p, data)],
] as const;
/** This process's open file descriptors (Linux), to show a writer leaves none behind. */
const openFds = (): number => readdirSync('/proc/self/fd').length;

describe('writePrivateFile', () => {
  it('leaves a new or overwritten file readable by its owner only', async () => {
    for (const [name, write] of writers) {
      const fresh = join(dir, `${name}-new`);
      await write(fresh, 'secret sheet');
      expect(statSync(fresh).mode & 0o777).toBe(0o600);
      const old = join(dir, `${name}-old`);
      writeFileSync(old, 'a longer earlier content', { mode: 0o644 });
      await write(old, 'secret sheet');
      expect(statSync(old).mode & 0o777).toBe(0o600);
      expect(readFileSync(old, 'utf8')).toBe('secret sheet');
    }
  });

  it('writes every byte of a large binary or non-ASCII text, exactly', async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    for (const [name, write] of writers) {
      const bin = join(dir, `${name}-bin`);
      await write(bin, bytes);
      expect(Buffer.compare(readFileSync(bin), Buffer.from(bytes))).toBe(0);
      const text = join(dir, `${name}-text`);
      await write(text, '비밀번호 시트 ✓');
      expect(readFileSync(text, 'utf8')).toBe('비밀번호 시트 ✓');
    }
  });

  it('appends with the async writer when asked, still owner-only', async () => {
    const log = join(dir, 'append');
    writeFileSync(log, 'one\n', { mode: 0o644 });
    await writePrivateFile(log, 'two\n', 'a');
    expect(readFileSync(log, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(log).mode & 0o777).toBe(0o600);
  });

  it('closes its file descriptor; an open that fails leaves none either', async () => {
    for (const [name, write] of writers) {
      const before = openFds();
      for (let i = 0; i < 20; i++) await write(join(dir, `${name}-fd`), `run ${i}`);
      expect(openFds(), `${name}: descriptors left open`).toBe(before);
      // A directory opens for writing nowhere: the error surfaces and nothing stays open.
      await expect(write(join(dir), 'x')).rejects.toThrow();
      expect(openFds()).toBe(before);
    }
  });
});
