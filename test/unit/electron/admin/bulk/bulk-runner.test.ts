import { buildInviteExpiryPolicy } from '../../../../../src/shared/mfa-policy/onboarding-window';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BulkJournal } from '../../../../../electron/admin/bulk/journal';
import { runPaths } from '../../../../../electron/admin/bulk/run-files';
import { decryptInvite } from '../../../../../electron/invites/invite-codec';
import { createProcessSecretStore } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { harness, until, users } from './bulk-harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});
afterEach(() => sandbox.faults.clear());

const keysOf = (name: string) => sandbox.state.listAccessKeys(name);

/** Every invite opens with the password the run gives out and holds the user's only key. */
async function expectInvitesOpen(h: ReturnType<typeof harness>, runner: { password(u: string): Promise<string> }, names: string[]) {
  for (const name of names) {
    const pw = await runner.password(name);
    expect(sandbox.state.checkPassword(name, pw)).toBe(true);
    const invite = await decryptInvite(new Uint8Array(readFileSync(join(h.folder, `${name}.invite.age`))), pw, Date.now());
    expect(keysOf(name).map((k) => k.accessKeyId)).toEqual([invite.accessKeyId]);
    // The invite states the instant AWS enforces: the window tag and the expiry policy agree with it.
    const window = sandbox.state.getUser(name)?.tags['iam-onboarding-window'];
    expect(Date.parse(window ?? '')).toBe(Date.parse(invite.expiresAt));
    expect(sandbox.state.listUserPolicies(name).map((p) => p.document)).toEqual([buildInviteExpiryPolicy(window!)]);
  }
}

describe('BulkRunner against the sandbox', () => {
  it('provisions every user with at most `concurrency` calls in flight, journals each step, writes invites and a summary', async () => {
    const h = harness(sandbox);
    sandbox.faults.set('*', { latencyMs: 15 });
    const list = users(8, 'conc');
    const runner = await h.start(list, 3);
    await runner.idle();
    const v = runner.view();
    expect(v).toMatchObject({ phase: 'done', total: 8, done: 8, failed: 0, remaining: 0 });
    expect(h.maxInFlight()).toBeLessThanOrEqual(3);
    expect(h.maxInFlight()).toBeGreaterThan(1);
    for (const u of list) {
      expect(sandbox.state.getUser(u.userName)?.tags).toMatchObject({ team: 'qa' });
      expect(sandbox.state.getLoginProfile(u.userName)?.passwordResetRequired).toBe(true);
      expect(sandbox.state.listAttachedUserPolicies(u.userName)).toHaveLength(1);
    }
    await expectInvitesOpen(h, runner, list.map((u) => u.userName));
    expect(statSync(join(h.folder, 'conc01.invite.age')).mode & 0o777).toBe(0o600);
    const summary = readFileSync(v.summaryFile!, 'utf8');
    expect(summary).toContain('"conc08","created","conc08.invite.age",""');
    // The password policy and the MFA policy are asked once per run, not once per user.
    const journal = readFileSync(runPaths(h.userData, v.runId).journal, 'utf8');
    expect(journal.split('\n').filter((l) => l.includes('"status":"done"'))).toHaveLength(8 * 6);
    for (const u of list) expect(journal).not.toContain(await runner.password(u.userName));
  });

  it('does not fail users when throttling outlives the SDK retries: it backs off and retries the step', async () => {
    const h = harness(sandbox, { maxAttempts: 1 });
    sandbox.faults.accountThrottle(8, 2);
    const list = users(6, 'thr');
    const before = sandbox.requestLog.length;
    const runner = await h.start(list, 4);
    await runner.idle();
    expect(runner.view()).toMatchObject({ phase: 'done', done: 6, failed: 0 });
    expect(sandbox.requestLog.slice(before).filter((e) => e.errorCode === 'Throttling').length).toBeGreaterThan(0);
    for (const u of list) expect(keysOf(u.userName)).toHaveLength(1);
  });

  it('pause finishes the steps in flight and starts none; resume continues; cancel stops and is journaled', async () => {
    const h = harness(sandbox);
    sandbox.faults.set('*', { latencyMs: 30 });
    const list = users(8, 'pz');
    const runner = await h.start(list, 2);
    await until(() => runner.view().done >= 1);
    runner.pause();
    await until(() => runner.view().phase === 'paused');
    const quiet = sandbox.requestLog.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(sandbox.requestLog.length).toBe(quiet);
    expect(h.views.some((v) => v.phase === 'pausing' || v.phase === 'paused')).toBe(true);
    const doneWhilePaused = runner.view().done;
    expect(doneWhilePaused).toBeLessThan(8);

    runner.start();
    await until(() => runner.view().done >= doneWhilePaused + 1);
    runner.cancel();
    await runner.idle();
    const v = runner.view();
    expect(v.phase).toBe('cancelled');
    expect(v.done).toBeLessThan(8);
    expect(BulkJournal.open(runPaths(h.userData, v.runId).journal).cancelled).toBe(true);
    const summary = readFileSync(v.summaryFile!, 'utf8');
    expect(summary).toMatch(/"not started"|"incomplete"/);
    // Every user the summary calls created exists; no user that was never started does.
    for (const u of v.users) {
      if (u.status === 'done') expect(sandbox.state.getUser(u.userName)).toBeDefined();
    }
  });

  it('replays the journal after a kill mid-run: each user once, one key each, invites open; passwords stay sealed', async () => {
    const h = harness(sandbox, { maxAttempts: 1 });
    sandbox.faults.set('CreateAccessKey', { latencyMs: 40 });
    const list = users(10, 'kill');
    const runner = await h.start(list, 4);
    const runId = runner.runId;
    await until(() => runner.view().done >= 3);
    // Lost answers on top: keys are created, their secrets never arrive.
    sandbox.faults.set('CreateAccessKey', { latencyMs: 40, drop: { times: 3, after: true } });
    await until(() => sandbox.requestLog.filter((e) => e.action === 'CreateAccessKey').length >= 8);
    runner.kill();
    await new Promise((r) => setTimeout(r, 150)); // calls already at the server land, as at a crash
    const journal = BulkJournal.open(runPaths(h.userData, runId).journal);
    const inFlight = list.filter((u) => journal.of(u.userName).inFlight !== null);
    expect(inFlight.length).toBeGreaterThan(0);
    const finished = list.filter((u) => journal.of(u.userName).done.has('writeInvite')).map((u) => `${u.userName}.invite.age`);
    const before = new Map(finished.map((f) => [f, readFileSync(join(h.folder, f))]));
    journal.close();
    sandbox.faults.clear();

    const resumed = await h.resume(runId);
    await resumed.idle();
    expect(resumed.view()).toMatchObject({ phase: 'done', done: 10, failed: 0, passwordsReissued: 0 });
    const names = list.map((u) => u.userName);
    expect(sandbox.state.listUsers().filter((u) => names.includes(u.userName))).toHaveLength(10);
    await expectInvitesOpen(h, resumed, names);
    // Users whose invite was journaled keep it (and their password) untouched.
    expect(before.size).toBeGreaterThan(0);
    for (const [f, bytes] of before) expect(readFileSync(join(h.folder, f)).equals(bytes), f).toBe(true);
    // Nothing under userData holds a password in plain text.
    const dir = runPaths(h.userData, runId).dir;
    const blob = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    for (const n of names) expect(blob).not.toContain(await resumed.password(n));
  });

  it('stopped between CreateUser and its expiry: nobody can sign in meanwhile, and the resume writes the date the tag carries', async () => {
    const h = harness(sandbox, { maxAttempts: 1 });
    // PutUserPolicy answers 503 without running, longer than the run's own retries: the users fail there.
    sandbox.faults.set('PutUserPolicy', { error5xx: { times: 1_000 } });
    const list = users(3, 'gap');
    const first = await h.start(list, 3);
    await first.idle();
    expect(first.view()).toMatchObject({ done: 0, failed: 3 });
    for (const u of list) {
      // The window's tag, but no credential and no policy: the tag alone opens nothing.
      expect(sandbox.state.getUser(u.userName)?.tags['iam-onboarding-window']).toBeDefined();
      expect({ profile: sandbox.state.getLoginProfile(u.userName), keys: keysOf(u.userName), inline: sandbox.state.listUserPolicies(u.userName) }).toEqual({
        profile: undefined,
        keys: [],
        inline: [],
      });
    }
    first.kill();
    sandbox.faults.clear();
    // A second later a fresh date would differ (they are to the second): the journal's is reused.
    await new Promise((r) => setTimeout(r, 1_100));
    const resumed = await h.resume(first.runId);
    await resumed.idle();
    expect(resumed.view()).toMatchObject({ done: 3, failed: 0 });
    await expectInvitesOpen(h, resumed, list.map((u) => u.userName));
  });

  it('a keychain that cannot open the run key: users get a new password and key, and new invites', async () => {
    const h = harness(sandbox);
    const list = users(3, 'kc');
    const first = await h.start(list, 3);
    await first.idle();
    first.kill();
    const resumed = await h.resume(first.runId, createProcessSecretStore());
    await resumed.idle();
    expect(resumed.view()).toMatchObject({ done: 3, passwordsReissued: 3 });
    await expectInvitesOpen(h, resumed, list.map((u) => u.userName));
  });
});
