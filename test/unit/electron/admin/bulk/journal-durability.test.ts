import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkJournal } from '../../../../../electron/admin/bulk/journal';

/**
 * The journal is what a crash leaves: each line must be on the disk (written, then fsync'd)
 * before the call that returns, because the next AWS call follows at once. The file system calls
 * are watched through a pass-through mock of node:fs: the real calls run, in the order logged.
 */
const ops: Array<{ op: 'open' | 'write' | 'fsync' | 'close'; fd: number; text?: string; flags?: string; mode?: number }> = [];

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const watched = {
    openSync: (path: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
      const fd = real.openSync(path, flags, mode);
      ops.push({ op: 'open', fd, flags: String(flags), mode: Number(mode) });
      return fd;
    },
    writeSync: (fd: number, text: string) => {
      ops.push({ op: 'write', fd, text });
      return real.writeSync(fd, text);
    },
    fsyncSync: (fd: number) => {
      ops.push({ op: 'fsync', fd });
      real.fsyncSync(fd);
    },
    closeSync: (fd: number) => {
      ops.push({ op: 'close', fd });
      real.closeSync(fd);
    },
  };
  return { ...real, ...watched, default: { ...real, ...watched } };
});

const header = {
  runId: 'r1',
  createdAt: '2026-11-23T00:00:00.000Z',
  folder: '/tmp/x',
  accountId: '123456789012',
  accountAlias: null,
  partition: 'aws',
  attachTo: null,
  inviteValidDays: 7,
  users: [{ userName: 'a', email: null, groups: [], tags: {} }],
};
let path: string;
beforeEach(() => {
  ops.length = 0;
  path = join(mkdtempSync(join(tmpdir(), 'journal-')), 'journal.jsonl');
});
afterEach(() => vi.useRealTimers());

/** The last operations were: this line written to the journal, then that descriptor fsync'd. */
function expectSyncedLine(fd: number, line: Record<string, unknown>) {
  const [write, sync] = ops.slice(-2);
  expect(write).toMatchObject({ op: 'write', fd });
  expect(JSON.parse(write!.text!)).toEqual(line);
  expect(write!.text!.endsWith('\n')).toBe(true);
  expect(sync).toEqual({ op: 'fsync', fd });
}

describe('BulkJournal durability', () => {
  it('create: the header is written and fsync\'d before the file is closed, in a new 0600 file', () => {
    const j = BulkJournal.create(path, header);
    const [open, write, sync, close] = ops;
    expect(open).toMatchObject({ op: 'open', flags: 'wx', mode: 0o600 });
    expect(write).toMatchObject({ op: 'write', fd: open!.fd });
    expect(JSON.parse(write!.text!)).toEqual({ kind: 'run', ...header });
    expect(sync).toEqual({ op: 'fsync', fd: open!.fd });
    expect(close).toEqual({ op: 'close', fd: open!.fd });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    j.close();
  });

  it('every step line is written and fsync\'d before record() returns', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00.000Z'), toFake: ['Date'] });
    const j = BulkJournal.create(path, header);
    const fd = ops.find((o) => o.op === 'open' && o.flags === 'a')!.fd;
    j.record('a', 'createUser', 'started');
    expectSyncedLine(fd, { kind: 'step', t: '2026-11-23T10:00:00.000Z', userName: 'a', step: 'createUser', status: 'started' });
    j.record('a', 'createAccessKey', 'done', { data: { accessKeyId: 'AKIAEXAMPLE' } });
    expectSyncedLine(fd, { kind: 'step', t: '2026-11-23T10:00:00.000Z', userName: 'a', step: 'createAccessKey', status: 'done', data: { accessKeyId: 'AKIAEXAMPLE' } });
    j.record('a', 'writeInvite', 'failed', { error: 'adminBulk.diskFull' });
    expectSyncedLine(fd, { kind: 'step', t: '2026-11-23T10:00:00.000Z', userName: 'a', step: 'writeInvite', status: 'failed', error: 'adminBulk.diskFull' });
    j.close();
    expect(ops.at(-1)).toEqual({ op: 'close', fd });
  });

  it('a cancel and a finish are written and fsync\'d before they return, and are read back', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00.000Z'), toFake: ['Date'] });
    const j = BulkJournal.create(path, header);
    const fd = ops.find((o) => o.op === 'open' && o.flags === 'a')!.fd;
    expect(j.cancelled).toBe(false);
    j.markCancelled();
    expectSyncedLine(fd, { kind: 'cancelled', t: '2026-11-23T10:00:00.000Z' });
    expect(j.cancelled).toBe(true);
    expect(j.finished).toBe(false);
    j.markFinished();
    expectSyncedLine(fd, { kind: 'finished', t: '2026-11-23T10:00:00.000Z' });
    expect(j.finished).toBe(true);
    j.close();
    const again = BulkJournal.open(path);
    expect([again.cancelled, again.finished]).toEqual([true, true]);
    again.close();
  });

  it('never overwrites a journal: create() on an existing file fails and leaves it as it was', () => {
    BulkJournal.create(path, header).close();
    const before = readFileSync(path, 'utf8');
    expect(() => BulkJournal.create(path, { ...header, runId: 'r2' })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('appends to an existing journal on reopen (never truncates what a crash left)', () => {
    BulkJournal.create(path, header).close();
    const before = readFileSync(path, 'utf8');
    ops.length = 0;
    const j = BulkJournal.open(path);
    expect(ops).toEqual([expect.objectContaining({ op: 'open', flags: 'a', mode: 0o600 })]);
    j.record('a', 'createUser', 'started');
    j.close();
    expect(readFileSync(path, 'utf8').startsWith(before)).toBe(true);
  });
});

describe('BulkJournal replay', () => {
  const write = (lines: unknown[]) => writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  const step = (userName: string, s: string, status: string, extra: Record<string, unknown> = {}) => ({ kind: 'step', t: 'x', userName, step: s, status, ...extra });

  it('a step started again leaves "done" until it is done again, and moves to the end of the order', () => {
    write([
      { kind: 'run', ...header },
      step('a', 'createUser', 'started'),
      step('a', 'createUser', 'done'),
      step('a', 'createLoginProfile', 'done'),
      step('a', 'createUser', 'started'),
    ]);
    let j = BulkJournal.open(path);
    expect([...j.of('a').done]).toEqual(['createLoginProfile']);
    expect(j.of('a').inFlight).toBe('createUser');
    j.close();
    writeFileSync(path, JSON.stringify(step('a', 'createUser', 'done')) + '\n', { flag: 'a' });
    j = BulkJournal.open(path);
    expect([...j.of('a').done]).toEqual(['createLoginProfile', 'createUser']);
    expect(j.of('a').inFlight).toBeNull();
    j.close();
  });

  it('a failure is kept with its error (or "unknown"), ends the step in flight, and a restart clears it', () => {
    write([{ kind: 'run', ...header }, step('a', 'createUser', 'started'), step('a', 'createUser', 'failed', { error: 'adminUsers.userExists' }), step('b', 'createUser', 'failed')]);
    const j = BulkJournal.open(path);
    expect(j.of('a')).toEqual({ done: new Set(), inFlight: null, failed: { step: 'createUser', error: 'adminUsers.userExists' }, data: {} });
    expect(j.of('b').failed).toEqual({ step: 'createUser', error: 'unknown' });
    j.record('a', 'createUser', 'started');
    expect(j.of('a')).toMatchObject({ inFlight: 'createUser', failed: null });
    j.close();
  });

  it('data from successive lines is merged per user; users do not see each other\'s lines', () => {
    write([
      { kind: 'run', ...header },
      step('a', 'createLoginProfile', 'done', { data: { passwordSealed: 'S1' } }),
      step('a', 'createAccessKey', 'done', { data: { accessKeyId: 'K1' } }),
      step('b', 'createAccessKey', 'done', { data: { accessKeyId: 'K2' } }),
    ]);
    const j = BulkJournal.open(path);
    expect(j.of('a').data).toEqual({ passwordSealed: 'S1', accessKeyId: 'K1' });
    expect(j.of('b').data).toEqual({ accessKeyId: 'K2' });
    expect([...j.of('b').done]).toEqual(['createAccessKey']);
    j.close();
  });

  it('a user with no line yet has empty progress, the same object on every ask', () => {
    write([{ kind: 'run', ...header }]);
    const j = BulkJournal.open(path);
    const p = j.of('nobody');
    expect(p).toEqual({ done: new Set(), inFlight: null, failed: null, data: {} });
    p.done.add('x');
    expect(j.of('nobody').done.has('x')).toBe(true);
    expect([j.cancelled, j.finished]).toEqual([false, false]);
    j.close();
  });

  it('torn, foreign or malformed lines are skipped; the lines around them count', () => {
    write([
      { kind: 'run', ...header },
      '{"kind":"step","t":"x","userNa',
      { kind: 'step', t: 'x', userName: 'a', step: 'createUser', status: 'exploded' },
      { kind: 'other' },
      '42',
      step('a', 'createUser', 'done'),
      '',
      '{"kind":"cancell',
    ]);
    const j = BulkJournal.open(path);
    expect([...j.of('a').done]).toEqual(['createUser']);
    expect(j.cancelled).toBe(false);
    j.close();
  });

  it('a journal without a readable header is refused, not replayed as empty', () => {
    writeFileSync(path, '');
    expect(() => BulkJournal.open(path)).toThrow();
    write([step('a', 'createUser', 'done')]);
    expect(() => BulkJournal.open(path)).toThrow();
    write([{ ...header, kind: 'run', inviteValidDays: 0 }]);
    expect(() => BulkJournal.open(path)).toThrow();
  });
});
