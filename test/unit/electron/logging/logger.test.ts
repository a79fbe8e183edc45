import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../../electron/logging/logger';
import { REDACTED } from '../../../../electron/logging/redact';

afterEach(() => vi.restoreAllMocks());

describe('createLogger: one JSON line per event, redacted', () => {
  it('writes each level as its own line with the time, level, event and redacted fields', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info('bulk.started', { users: 3 });
    log.warn('bulk.summaryFailed', { error: 'disk full' });
    log.error('signIn.failed', { password: 'Temp-Pass-123!' });
    log.info('app.ready');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map(({ t: _t, ...rest }) => rest)).toEqual([
      { level: 'info', event: 'bulk.started', users: 3 },
      { level: 'warn', event: 'bulk.summaryFailed', error: 'disk full' },
      { level: 'error', event: 'signIn.failed', password: REDACTED },
      { level: 'info', event: 'app.ready' },
    ]);
    for (const p of parsed) expect(new Date(p.t as string).toISOString()).toBe(p.t);
    // Whoever reads the log sees that something was there and was removed.
    expect(lines[2]).toContain('"password":"[redacted]"');
  });

  it('by default writes to stderr, one newline-terminated line per event', () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    createLogger().warn('app.started', { secretAccessKey: 'x' });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\{.*\}\n$/);
    expect(JSON.parse(writes[0]!)).toMatchObject({ level: 'warn', event: 'app.started', secretAccessKey: REDACTED });
  });
});
