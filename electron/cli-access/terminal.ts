import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { Terminal } from './credential-process';

/**
 * The user's terminal, opened directly: the AWS CLI pipes the helper's stdin, stdout and stderr,
 * so a question on any of them would never reach the person typing. Unix: /dev/tty; Windows: the
 * console's CONIN$ / CONOUT$.
 */
export function systemTerminal(platform: NodeJS.Platform = process.platform, stderr: (t: string) => void = (t) => void process.stderr.write(t)): Terminal {
  const inPath = platform === 'win32' ? '\\\\.\\CONIN$' : '/dev/tty';
  const outPath = platform === 'win32' ? '\\\\.\\CONOUT$' : '/dev/tty';
  const tryOpen = (path: string, flags: string): number | null => {
    try {
      return openSync(path, flags);
    } catch {
      return null;
    }
  };
  return {
    async ask(question) {
      const input = tryOpen(inPath, 'r');
      if (input === null) return null;
      const output = tryOpen(outPath, 'w');
      try {
        if (output !== null) writeSync(output, question);
        return readLine(input);
      } finally {
        closeSync(input);
        if (output !== null) closeSync(output);
      }
    },
    tell(line) {
      const fd = tryOpen(outPath, 'w');
      if (fd === null) return stderr(line + '\n');
      try {
        writeSync(fd, line + '\n');
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Reads up to a newline (or end of input), at most 256 bytes: a code is six digits. */
function readLine(fd: number): string | null {
  const buf = Buffer.alloc(1);
  let line = '';
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, 1, null);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0) return line.length ? line : null;
    const ch = buf.toString('latin1');
    if (ch === '\n') return line.replace(/\r$/, '');
    line += ch;
    if (line.length > 256) return line;
  }
}
