import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProgress } from '../../../../../src/features/admin/bulk/apply-progress';
import type { BulkRun } from '../../../../../src/shared/ipc/channels/admin-bulk';
import { buildInviteExpiryPolicy } from '../../../../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { harness, users } from './bulk-harness';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => sandbox.stop());

/** IAM calls by action while `work` runs. */
async function callsDuring(work: () => Promise<void>): Promise<Record<string, number>> {
  const from = sandbox.requestLog.length;
  await work();
  const out: Record<string, number> = {};
  for (const e of sandbox.requestLog.slice(from)) if (e.service === 'iam') out[e.action] = (out[e.action] ?? 0) + 1;
  return out;
}

describe('bulk run: exactly the calls the job needs', () => {
  const N = 6;

  it('policy on each user, account without a password policy: 5 calls per user, each lookup once per run', async () => {
    sandbox.scenario.setPasswordPolicy(null);
    const h = harness(sandbox);
    const calls = await callsDuring(async () => {
      const runner = await h.start(users(N, 'five'), 4);
      await runner.idle();
      expect(runner.view()).toMatchObject({ done: N, failed: 0 });
    });
    expect(calls).toEqual({ CreateUser: N, PutUserPolicy: N, AttachUserPolicy: N, CreateLoginProfile: N, CreateAccessKey: N, GetAccountPasswordPolicy: 1, GetPolicy: 1 });
    // The window's tag came with CreateUser, its end is the same instant, and it is what the invite says.
    for (const u of users(N, 'five')) expectWindow(u.userName);
  });

  it('policy via a group: the group gets it once for the run; still 5 calls per user', async () => {
    sandbox.scenario.createGroup('new-hires');
    const h = harness(sandbox);
    const policyArn = sandbox.state.findPolicyByName('IamOnboardingEnforceMfa')!.arn;
    const calls = await callsDuring(async () => {
      const runner = await h.start(users(N, 'grp'), 4, crypto.randomUUID(), 'new-hires');
      await runner.idle();
      expect(runner.view()).toMatchObject({ done: N, failed: 0 });
    });
    expect(calls).toEqual({
      CreateUser: N,
      PutUserPolicy: N,
      AddUserToGroup: N,
      CreateLoginProfile: N,
      CreateAccessKey: N,
      GetAccountPasswordPolicy: 1,
      GetPolicy: 1,
      ListAttachedGroupPolicies: 1,
      AttachGroupPolicy: 1,
    });
    expect(sandbox.state.getGroup('new-hires')).toMatchObject({ attachedPolicyArns: [policyArn] });
    expect(sandbox.state.getGroup('new-hires')?.members).toHaveLength(N);
  });

  it('throttled with no initial burst: many calls refused, still exactly 5 answered calls per user (no listing after a throttle)', async () => {
    const h = harness(sandbox);
    const from = sandbox.requestLog.length;
    // 8 calls/s for the account, a bucket of 1: four workers collide all the time.
    sandbox.faults.accountThrottle(8, 1);
    try {
      const runner = await h.start(users(N, 'thr'), 4);
      await runner.idle();
      expect(runner.view()).toMatchObject({ done: N, failed: 0 });
    } finally {
      sandbox.faults.accountThrottle(null);
    }
    const log = sandbox.requestLog.slice(from).filter((e) => e.service === 'iam');
    const answered: Record<string, number> = {};
    for (const e of log) if (e.errorCode !== 'Throttling') answered[e.action] = (answered[e.action] ?? 0) + 1;
    expect(log.filter((e) => e.errorCode === 'Throttling').length).toBeGreaterThan(0);
    expect(answered).toEqual({ CreateUser: N, PutUserPolicy: N, AttachUserPolicy: N, CreateLoginProfile: N, CreateAccessKey: N, GetAccountPasswordPolicy: 1, GetPolicy: 1 });
    for (const u of users(N, 'thr')) {
      expect(sandbox.state.listAccessKeys(u.userName)).toHaveLength(1);
      expectWindow(u.userName);
    }
  });
});

/** The tag the user was born with and the expiry policy state the same instant. */
function expectWindow(userName: string): void {
  const u = sandbox.state.getUser(userName)!;
  const expiresAt = u.tags['iam-onboarding-window'];
  expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const expiry = sandbox.state.listUserPolicies(userName).find((p) => p.policyName === 'IamOnboardingInviteExpiry');
  expect(expiry!.document).toEqual(buildInviteExpiryPolicy(expiresAt!));
}

describe('bulk progress events carry deltas', () => {
  it('the first view plus every event rebuilds the final view; each user is sent only when it changed', async () => {
    const N = 8;
    const h = harness(sandbox);
    sandbox.scenario.newUser({ userName: 'delta05' }); // fails: already exists
    const runner = await h.start(users(N, 'delta'), 4);
    // What the screen got from `start` (the runner emitted its first event inside start()).
    let screen: BulkRun = { ...runner.view(), seq: 0, users: runner.view().users.map((u) => ({ ...u, status: 'pending' as const, step: null })) };
    await runner.idle();
    for (const e of h.views) {
      expect(e).not.toHaveProperty('users');
      const next = applyProgress(screen, e);
      expect(next, `event ${e.seq} follows ${screen.seq}`).not.toBeNull();
      screen = next!;
    }
    const final = runner.view();
    expect(screen.users).toEqual(final.users);
    expect({ ...screen, users: [] }).toEqual({ ...final, users: [], ratePerMinute: screen.ratePerMinute, secondsLeft: screen.secondsLeft });
    expect(final).toMatchObject({ done: N - 1, failed: 1 });
    // A user changes at most once per step (5), once as it starts and once as it ends: linear in users.
    const sent = h.views.reduce((n, e) => n + e.changed.length, 0);
    expect(sent).toBeLessThanOrEqual(N * 8);
    // A gap (a lost event) is detected, not papered over.
    expect(applyProgress({ ...final, seq: 1 }, { ...h.views.at(-1)!, seq: 3 })).toBeNull();
    expect(applyProgress(final, { ...h.views[0]!, seq: final.seq })).toBe(final);
  });
});
