import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BulkJournal } from '../../../../../electron/admin/bulk/journal';
import { fakeAccessKeyId } from '../../../../support/fake-keys';

const header = { runId: 'r1', createdAt: '2026-11-23T00:00:00Z', folder: '/tmp/x', accountId: '123456789012', accountAlias: null, partition: 'aws', attachTo: null, inviteValidDays: 7, users: [{ userName: 'a', email: null, groups: [], tags: {} }] };

describe('BulkJournal', () => {
  it('replays what was done, what was in flight, and the non-secret data, across a reopen', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'j-')), 'run.journal');
    const j = BulkJournal.create(path, header);
    j.record('a', 'createUser', 'started');
    j.record('a', 'createUser', 'done');
    j.record('a', 'createAccessKey', 'started');
    j.record('a', 'createAccessKey', 'done', { data: { accessKeyId: fakeAccessKeyId('journal') } });
    j.record('a', 'writeInvite', 'started');
    j.close();
    appendFileSync(path, '{"kind":"step","t":"x","userNa'); // a torn write from a crash
    const again = BulkJournal.open(path);
    expect([...again.of('a').done]).toEqual(['createUser', 'createAccessKey']);
    expect(again.of('a').inFlight).toBe('writeInvite');
    expect(again.of('a').data).toEqual({ accessKeyId: fakeAccessKeyId('journal') });
    expect(again.header.users).toHaveLength(1);
    again.close();
  });

  it('refuses to overwrite an existing journal, and records a cancel', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'j-')), 'run.journal');
    BulkJournal.create(path, header).markCancelled();
    expect(() => BulkJournal.create(path, header)).toThrow(/exists/);
    expect(BulkJournal.open(path).cancelled).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toMatch(/password|secret/i);
  });
});
