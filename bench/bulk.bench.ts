/**
 * Bulk provisioning against the sandbox with the account throttled to R IAM calls/s (and a small
 * per-call latency standing in for the network): users/s as a fraction of the ceiling
 * R / (calls per user), zero failures and zero duplicates; the same number of users by a plain
 * sequential loop over the same steps; and peak memory while importing a 500- vs 5,000-row CSV.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importUsersCsv } from '../electron/admin/bulk/csv-import';
import { runIam } from '../electron/admin/bulk/run-iam';
import { buildInvitePayload, writeInviteFile } from '../electron/admin/users/invite-file';
import { doStep, planSteps, type RunSecrets } from '../electron/admin/users/provision-steps';
import { encryptInvite } from '../electron/invites/invite-codec';
import { inviteFileName } from '../src/shared/invites/invite-schema';
import { startSandbox } from '../test/sandbox/index';
import { harness, users } from '../test/unit/electron/admin/bulk/bulk-harness';

const USERS = 200;
const RATE = 16; // IAM calls per second for the whole account
const LATENCY_MS = 25;
const CONCURRENCY = 4;

export async function run(): Promise<void> {
  const sandbox = await startSandbox();
  try {
    sandbox.faults.set('*', { latencyMs: LATENCY_MS });
    const h = harness(sandbox, {});

    // Parallel: the app's runner.
    sandbox.faults.accountThrottle(RATE, RATE);
    const from = sandbox.requestLog.length;
    const t0 = performance.now();
    const runner = await h.start(users(USERS, 'par'), CONCURRENCY);
    await runner.idle();
    const parSec = (performance.now() - t0) / 1000;
    const log = sandbox.requestLog.slice(from).filter((e) => e.service === 'iam');
    const answered = log.filter((e) => e.errorCode !== 'Throttling');
    const throttled = log.length - answered.length;
    const callsPerUser = answered.length / USERS;
    const v = runner.view();
    const parNames = users(USERS, 'par').map((u) => u.userName);
    const dupKeys = parNames.filter((n) => sandbox.state.listAccessKeys(n).length !== 1).length;
    const present = new Set(sandbox.state.listUsers().map((u) => u.userName));
    const missing = parNames.filter((n) => !present.has(n)).length;
    const ceiling = RATE / callsPerUser;
    const parRate = USERS / parSec;

    // Sequential: the same steps, one user after the other, same client and lookups cache.
    sandbox.faults.accountThrottle(RATE, RATE);
    const signal = new AbortController().signal;
    const iam = runIam(h.client, signal);
    const account = { accountId: sandbox.accountId, accountAlias: null, partition: 'aws', consoleUrl: 'https://x.signin.aws.amazon.com/console', policyArn: sandbox.state.findPolicyByName('IamOnboardingEnforceMfa')!.arn };
    const seqFolder = mkdtempSync(join(tmpdir(), 'bulk-seq-'));
    const t1 = performance.now();
    for (const u of users(USERS, 'seq')) {
      const input = { userName: u.userName, groups: [], tags: [{ key: 'team', value: 'qa' }], attachPolicyTo: { kind: 'user' as const }, inviteValidDays: 7 };
      const secrets: RunSecrets = { password: null, secretAccessKey: null, accessKeyId: null };
      for (const step of planSteps(input)) await doStep(step, { iam, input, policyArn: account.policyArn, secrets, nowMs: Date.now });
      const payload = buildInvitePayload({ account, aws: { region: sandbox.region, endpointOverride: () => sandbox.url }, userName: u.userName, accessKeyId: secrets.accessKeyId!, secretAccessKey: secrets.secretAccessKey!, issuedAtMs: Date.now(), expiresAt: secrets.expiresAt! });
      await writeInviteFile(join(seqFolder, inviteFileName(u.userName)), await encryptInvite(payload, secrets.password!));
    }
    const seqSec = (performance.now() - t1) / 1000;
    sandbox.faults.clear();

    const mem500 = await importPeak(500);
    const mem5000 = await importPeak(5000);

    console.log(`account throttle R = ${RATE} IAM calls/s, latency ${LATENCY_MS} ms/call, ${USERS} users, concurrency ${CONCURRENCY}`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| IAM calls per user (answered) | ${callsPerUser.toFixed(2)} (+${throttled} throttled answers) |`);
    console.log(`| ceiling R / calls per user | ${ceiling.toFixed(2)} users/s |`);
    console.log(`| parallel runner | ${parRate.toFixed(2)} users/s (${parSec.toFixed(1)} s) = **${(parRate / ceiling).toFixed(2)} of ceiling** (target >= 0.9) |`);
    console.log(`| failures / users missing / users without exactly 1 key | ${v.failed} / ${missing} / ${dupKeys} |`);
    console.log(`| sequential loop | ${(USERS / seqSec).toFixed(2)} users/s (${seqSec.toFixed(1)} s) |`);
    console.log(`| parallel : sequential | ${(seqSec / parSec).toFixed(2)}x |`);
    console.log(`| CSV import 500 rows: peak rss / heapUsed over baseline | ${mb(mem500.rss)} / ${mb(mem500.heap)} MB (${mem500.ms} ms) |`);
    console.log(`| CSV import 5,000 rows: peak rss / heapUsed over baseline | ${mb(mem5000.rss)} / ${mb(mem5000.heap)} MB (${mem5000.ms} ms) |`);
  } finally {
    await sandbox.stop();
  }
}

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

/** Peak main-process memory while importing an n-row CSV, sampled every 2 ms, above the level before. */
async function importPeak(n: number): Promise<{ rss: number; heap: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bulk-mem-'));
  const file = join(dir, 'users.csv');
  const rows = Array.from({ length: n }, (_, i) => `user.${i},user${i}@example.com,developers|team-platform,team=platform|cost=${i}`);
  writeFileSync(file, ['userName,email,groups,tags', ...rows].join('\n'));
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
  };
  const timer = setInterval(sample, 2);
  const t = performance.now();
  const r = await importUsersCsv(file);
  sample();
  clearInterval(timer);
  if (r.rows.length !== n) throw new Error('import lost rows');
  return { rss, heap, ms: Math.round(performance.now() - t) };
}
