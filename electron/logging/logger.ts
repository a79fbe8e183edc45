import { redact } from './redact';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

/**
 * The only logger in the main process. Every line passes through `redact`, which removes
 * anything shaped like a secret (access keys, session tokens, passwords, TOTP seeds), so a
 * careless field cannot put a credential into a log file.
 */
export function createLogger(sink: LogSink = (l) => process.stderr.write(l + '\n')): Logger {
  const write = (level: string, event: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...(fields ? redact(fields) as object : {}) });
    sink(line);
  };
  return {
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
