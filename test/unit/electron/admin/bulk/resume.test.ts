import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { inputFor, jobFromJournal, newJob, WRITE_INVITE } from '../../../../../electron/admin/bulk/bulk-user';
import { BulkJournal, type JournalHeader, type UserProgress } from '../../../../../electron/admin/bulk/journal';
import { inviteIsCurrent, listSavedRuns, makeRunDir, runPaths } from '../../../../../electron/admin/bulk/run-files';
import { RunKey } from '../../../../../electron/admin/bulk/run-key';
import { createProcessSecretStore } from '../../../../../electron/platform/node-ports';

/**
 * Resume: what a user's journal lines turn into after a restart. The run key is real (age X25519
 * in a process keychain), so "the sealed password opens" and "it does not" are both what they say.
 */
let dir: string;
let key: RunKey;
let sealed: string;
const PASSWORD = 'Kettle-Morning-Cobalt-7!';
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'resume-'));
  key = await RunKey.create({ key: join(dir, 'run-key.bin'), sealedKey: join(dir, 'run-key.age') }, { kind: 'keychain', secrets: createProcessSecretStore() });
  sealed = await key.seal(PASSWORD);
});

const userRow = { userName: 'kim', email: null, groups: ['dev'], tags: { team: 'a' } };
const input = inputFor(userRow, null, 7);
const progress = (p: Partial<UserProgress> & { done?: Set<string> }): UserProgress => ({ done: new Set(), inFlight: null, failed: null, data: {}, ...p });
const ALL = newJob(input).steps.map((s) => s.id);

describe('inputFor: a journal row back into a create-user input', () => {
  it('the policy on the user, tags as key/value pairs, groups as listed', () => {
    expect(input).toEqual({ userName: 'kim', groups: ['dev'], tags: [{ key: 'team', value: 'a' }], attachPolicyTo: { kind: 'user' }, inviteValidDays: 7 });
  });

  it('the policy via a group: the group joins the user\'s groups once', () => {
    expect(inputFor(userRow, 'mfa-required', 3)).toMatchObject({ groups: ['dev', 'mfa-required'], attachPolicyTo: { kind: 'group', groupName: 'mfa-required' }, inviteValidDays: 3 });
    expect(inputFor({ ...userRow, groups: ['mfa-required'] }, 'mfa-required', 3).groups).toEqual(['mfa-required']);
  });
});

describe('inviteIsCurrent: the invite was written after the password and the key it carries', () => {
  it('in the order a run does them: current', () => {
    expect(inviteIsCurrent(new Set([...ALL, WRITE_INVITE]))).toBe(true);
  });

  it('what else was redone after the invite does not matter, nor which of password and key came first', () => {
    // createUser redone on a resume (its effect unknown) moves to the end of the order.
    expect(inviteIsCurrent(new Set(['createLoginProfile', 'createAccessKey', WRITE_INVITE, 'createUser']))).toBe(true);
    expect(inviteIsCurrent(new Set(['createAccessKey', 'createLoginProfile', WRITE_INVITE]))).toBe(true);
  });

  it('no invite, or a password or key (re)made after it: not current', () => {
    expect(inviteIsCurrent(new Set(ALL))).toBe(false);
    expect(inviteIsCurrent(new Set(['createUser', 'createLoginProfile', WRITE_INVITE, 'createAccessKey']))).toBe(false);
    expect(inviteIsCurrent(new Set(['createUser', 'createAccessKey', WRITE_INVITE, 'createLoginProfile']))).toBe(false);
  });

  it('a password or key being made again (started, so no longer done): not current', () => {
    expect(inviteIsCurrent(new Set(['createUser', 'createAccessKey', WRITE_INVITE]))).toBe(false);
    expect(inviteIsCurrent(new Set(['createUser', 'createLoginProfile', WRITE_INVITE]))).toBe(false);
    expect(inviteIsCurrent(new Set([WRITE_INVITE]))).toBe(false);
  });
});

describe('jobFromJournal', () => {
  it('a user whose invite was written after its password and key, and whose password opens: done, nothing to redo', async () => {
    const p = progress({ done: new Set([...ALL, WRITE_INVITE]), data: { passwordSealed: sealed, accessKeyId: 'AKIAKIM', inviteFile: 'kim.invite.age' } });
    const { job, reissued } = await jobFromJournal(input, p, key);
    expect(reissued).toBe(false);
    expect(job).toMatchObject({ status: 'done', inviteWritten: true, sealed, inviteFile: 'kim.invite.age', secrets: { password: null, secretAccessKey: null, accessKeyId: 'AKIAKIM' } });
    expect(job.steps.map((s) => [s.id, s.status, s.effect])).toEqual(ALL.map((id) => [id, 'done', 'yes']));
  });

  it('done, but the journal lost the file name and key id: null rather than made up', async () => {
    const { job } = await jobFromJournal(input, progress({ done: new Set([...ALL, WRITE_INVITE]), data: { passwordSealed: sealed } }), key);
    expect(job).toMatchObject({ status: 'done', inviteFile: null, secrets: { accessKeyId: null } });
  });

  it('stopped after the password: earlier steps are kept, the password comes back from its sealed copy, and a new key replaces whatever key exists', async () => {
    const p = progress({ done: new Set(['createUser', 'createLoginProfile', 'attachPolicy']), inFlight: 'addToGroup:dev', data: { passwordSealed: sealed } });
    const { job, reissued } = await jobFromJournal(input, p, key);
    expect(reissued).toBe(false);
    expect(job).toMatchObject({ status: 'pending', inviteWritten: false, sealed, secrets: { password: PASSWORD, secretAccessKey: null, accessKeyId: null } });
    expect(job.error).toBeUndefined();
    expect(Object.fromEntries(job.steps.map((s) => [s.id, [s.status, s.effect]]))).toMatchObject({
      createUser: ['done', 'yes'],
      createLoginProfile: ['done', 'yes'],
      attachPolicy: ['done', 'yes'],
      // Started, no answer journaled: it may have happened, so it runs as a retry that checks first.
      'addToGroup:dev': ['pending', 'maybe'],
      // Never started: no key of this run can exist, so it is simply made.
      createAccessKey: ['pending', 'none'],
    });
  });

  it('a key created and journaled, invite not written: the key is made again (its secret is gone), removing the one made before', async () => {
    const p = progress({ done: new Set(ALL), data: { passwordSealed: sealed, accessKeyId: 'AKIAOLD' } });
    const { job } = await jobFromJournal(input, p, key);
    const accessKey = job.steps.find((s) => s.kind === 'createAccessKey')!;
    expect(accessKey).toMatchObject({ status: 'pending', effect: 'yes' });
    expect(job.secrets).toEqual({ password: PASSWORD, secretAccessKey: null, accessKeyId: null });
  });

  it('a password sealed to a key the keychain lost: a new password (the profile step runs again) and the user counts as reissued', async () => {
    const other = await RunKey.create({ key: join(dir, 'other.bin'), sealedKey: join(dir, 'other.age') }, { kind: 'keychain', secrets: createProcessSecretStore() });
    const foreign = await other.seal('Another-Password-1!');
    for (const done of [new Set(['createUser', 'createLoginProfile']), new Set([...ALL, WRITE_INVITE])]) {
      const { job, reissued } = await jobFromJournal(input, progress({ done, data: { passwordSealed: foreign } }), key);
      expect(reissued).toBe(true);
      expect(job.status).toBe('pending');
      expect(job.sealed).toBeNull();
      expect(job.secrets.password).toBeNull();
      expect(job.steps.find((s) => s.kind === 'createLoginProfile')).toMatchObject({ status: 'pending', effect: 'yes' });
      expect(job.steps.find((s) => s.kind === 'createUser')).toMatchObject({ status: 'done', effect: 'yes' });
    }
  });

  it('a profile done without its sealed copy in the journal: reissued, like a lost key', async () => {
    const { job, reissued } = await jobFromJournal(input, progress({ done: new Set(['createUser', 'createLoginProfile']) }), key);
    expect(reissued).toBe(true);
    expect(job.steps.find((s) => s.kind === 'createLoginProfile')!.status).toBe('pending');
  });

  it('a sealed copy from a profile that is being made again (started, not done) is not used', async () => {
    const p = progress({ done: new Set(['createUser']), inFlight: 'createLoginProfile', data: { passwordSealed: sealed } });
    const { job, reissued } = await jobFromJournal(input, p, key);
    expect(reissued).toBe(false);
    expect(job.secrets.password).toBeNull();
    expect(job.sealed).toBeNull();
    expect(job.steps.find((s) => s.kind === 'createLoginProfile')).toMatchObject({ status: 'pending', effect: 'maybe' });
  });

  it('a user that failed: the failed step is retried as one that may have acted, and the error is shown until then', async () => {
    const p = progress({ done: new Set(['createUser']), failed: { step: 'createLoginProfile', error: 'adminUsers.passwordPolicy' } });
    const { job } = await jobFromJournal(input, p, key);
    expect(job.error).toEqual({ code: 'adminUsers.passwordPolicy' });
    expect(job.status).toBe('pending');
    expect(job.steps.find((s) => s.kind === 'createLoginProfile')).toMatchObject({ status: 'pending', effect: 'maybe' });
    expect(job.steps.find((s) => s.kind === 'attachPolicy')).toMatchObject({ status: 'pending', effect: 'none' });
  });

  it('nothing journaled yet: a fresh job', async () => {
    const { job, reissued } = await jobFromJournal(input, progress({}), key);
    expect(reissued).toBe(false);
    expect(job.status).toBe('pending');
    expect(job.steps.map((s) => [s.status, s.effect])).toEqual(job.steps.map(() => ['pending', 'none']));
  });
});

describe('run files', () => {
  const header = (runId: string, createdAt: string, users: string[]): Omit<JournalHeader, 'kind'> => ({
    runId,
    createdAt,
    folder: '/tmp/out',
    accountId: '123456789012',
    accountAlias: null,
    partition: 'aws',
    attachTo: null,
    inviteValidDays: 7,
    users: users.map((userName) => ({ userName, email: null, groups: [], tags: {} })),
  });

  it('a run lives in userData/bulk-runs/<runId>/, a folder only the user can open', () => {
    const paths = makeRunDir(dir, 'run-1');
    expect(paths).toMatchObject({ dir: join(dir, 'bulk-runs', 'run-1'), journal: join(dir, 'bulk-runs', 'run-1', 'journal.jsonl'), key: join(dir, 'bulk-runs', 'run-1', 'run-key.bin') });
    expect(runPaths(dir, 'run-1')).toEqual(paths);
    expect(statSync(paths.dir).mode & 0o777).toBe(0o700);
  });

  it('listing runs leaves no journal open', () => {
    for (const id of ['r1', 'r2']) BulkJournal.create(makeRunDir(dir, id).journal, header(id, '2026-11-20T00:00:00.000Z', ['a'])).close();
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 5; i++) expect(listSavedRuns(dir)).toHaveLength(2);
    expect(open()).toBe(before);
  });

  it('newest first, whatever the order of the run ids on disk', () => {
    for (const [id, at] of [['a', '2026-11-21'], ['b', '2026-11-23'], ['c', '2026-11-22']]) BulkJournal.create(makeRunDir(dir, id!).journal, header(id!, `${at}T00:00:00.000Z`, ['x'])).close();
    expect(listSavedRuns(dir).map((r) => r.runId)).toEqual(['b', 'c', 'a']);
  });

  it('lists unfinished runs newest first, with what is done, failed and cancelled; skips finished, unreadable and journal-less runs', () => {
    expect(listSavedRuns(dir)).toEqual([]);
    const older = BulkJournal.create(makeRunDir(dir, 'older').journal, header('older', '2026-11-20T00:00:00.000Z', ['a', 'b', 'c']));
    for (const s of ['createUser', 'createLoginProfile', 'createAccessKey', WRITE_INVITE]) older.record('a', s, 'done');
    older.record('b', 'createUser', 'failed', { error: 'x' });
    older.record('c', WRITE_INVITE, 'done'); // an invite without password and key: not a finished user
    older.markCancelled();
    older.close();
    BulkJournal.create(makeRunDir(dir, 'newer').journal, header('newer', '2026-11-22T00:00:00.000Z', ['d'])).close();
    const finished = BulkJournal.create(makeRunDir(dir, 'finished').journal, header('finished', '2026-11-23T00:00:00.000Z', ['e']));
    finished.markFinished();
    finished.close();
    writeFileSync(makeRunDir(dir, 'garbled').journal, 'not json\n');
    mkdirSync(join(dir, 'bulk-runs', 'empty'));

    expect(listSavedRuns(dir)).toEqual([
      { runId: 'newer', createdAt: '2026-11-22T00:00:00.000Z', accountId: '123456789012', total: 1, done: 0, failed: 0, cancelled: false },
      { runId: 'older', createdAt: '2026-11-20T00:00:00.000Z', accountId: '123456789012', total: 3, done: 1, failed: 1, cancelled: true },
    ]);
    // An unreadable journal is left alone, not deleted or rewritten.
    expect(statSync(runPaths(dir, 'garbled').journal).size).toBe('not json\n'.length);
  });

  it('a run resumed after a crash mid-line is still listed', () => {
    const j = BulkJournal.create(makeRunDir(dir, 'torn').journal, header('torn', '2026-11-21T00:00:00.000Z', ['a']));
    j.record('a', 'createUser', 'done');
    j.close();
    appendFileSync(runPaths(dir, 'torn').journal, '{"kind":"step","t":"x","us');
    expect(listSavedRuns(dir).map((r) => r.runId)).toEqual(['torn']);
  });
});
