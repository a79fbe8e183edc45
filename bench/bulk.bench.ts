/**
 * Bulk provisioning, each figure from fresh processes (median, min–max), the sandbox in its own process:
 * - throttled: the account limited to R IAM calls/s with no initial burst; efficiency = users/s ÷ (R / 4),
 *   4 being the calls the job needs per user (CreateUser, CreateLoginProfile, AttachUserPolicy, CreateAccessKey);
 * - side by side on an unthrottled endpoint: the app vs a shell loop of the same four AWS CLI commands;
 * - 10,000 users unthrottled: time, peak RSS, journal size, progress bytes sent to the screen.
 */
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { runPaths } from '../electron/admin/bulk/run-files';
import { harness, users } from '../test/unit/electron/admin/bulk/bulk-harness';
import { startSandboxProcess, type RemoteSandbox } from './support/processes';
import { repeat, row } from './support/repeat';
import { show } from './support/stats';

const RATE = 16;
const THROTTLED_USERS = 80;
const APP_USERS = 200;
const CLI_USERS = 8;
export const BIG = Number(process.env.BENCH_BULK_USERS ?? 10_000);
const CONCURRENCY = 4;
const run = promisify(execFile);

const control = (sb: RemoteSandbox, path: string, body: unknown) =>
  fetch(`${sb.url}/__sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function appRun(sb: RemoteSandbox, n: number, prefix: string, onBytes?: (b: number) => void) {
  const h = harness(sb, { onEvent: (e) => onBytes?.(Buffer.byteLength(JSON.stringify(e))) });
  const t0 = performance.now();
  const runner = await h.start(users(n, prefix), CONCURRENCY);
  await runner.idle();
  const seconds = (performance.now() - t0) / 1000;
  const v = runner.view();
  if (v.done !== n || v.failed !== 0) throw new Error(`bulk run: ${v.done} done, ${v.failed} failed of ${n}`);
  return { seconds, h, runId: v.runId };
}

async function iamCalls(sb: RemoteSandbox): Promise<Array<{ action: string; errorCode?: string; service: string }>> {
  return (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as Array<{ action: string; errorCode?: string; service: string }>;
}

export const measures = {
  async throttled() {
    const sb = await startSandboxProcess();
    try {
      // A bucket of 1: no burst to start with, so the run cannot beat the rate by spending saved tokens.
      await control(sb, 'faults/account-throttle', { ratePerSec: RATE, burst: 1 });
      await fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
      const { seconds } = await appRun(sb, THROTTLED_USERS, 'thr');
      const log = (await iamCalls(sb)).filter((e) => e.service === 'iam');
      const answered = log.filter((e) => e.errorCode !== 'Throttling').length;
      const usersPerSec = THROTTLED_USERS / seconds;
      return { usersPerSec, callsPerUser: answered / THROTTLED_USERS, throttledAnswers: log.length - answered, efficiency: usersPerSec / (RATE / 4) };
    } finally {
      await sb.stop();
    }
  },

  async sideBySide() {
    const sb = await startSandboxProcess();
    try {
      const { seconds } = await appRun(sb, APP_USERS, 'app');
      const env = { ...process.env, AWS_ACCESS_KEY_ID: sb.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey, AWS_DEFAULT_REGION: sb.region, AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true' };
      const script = `set -e
for i in $(seq 1 ${CLI_USERS}); do
  u=cli.user$i
  aws --endpoint-url "$URL" iam create-user --user-name "$u" >/dev/null
  aws --endpoint-url "$URL" iam create-login-profile --user-name "$u" --password "Tmp-Passw0rd!$i-xyzXYZ" --password-reset-required >/dev/null
  aws --endpoint-url "$URL" iam attach-user-policy --user-name "$u" --policy-arn "$POLICY" >/dev/null
  aws --endpoint-url "$URL" iam create-access-key --user-name "$u" >/dev/null
done`;
      const t0 = performance.now();
      await run('bash', ['-c', script], { env: { ...env, URL: sb.url, POLICY: sb.policyArn } });
      const cliSeconds = (performance.now() - t0) / 1000;
      const app = APP_USERS / seconds;
      const cli = CLI_USERS / cliSeconds;
      return { appUsersPerSec: app, cliUsersPerSec: cli, ratio: app / cli };
    } finally {
      await sb.stop();
    }
  },

  async tenThousand() {
    const sb = await startSandboxProcess();
    try {
      let progressBytes = 0;
      let events = 0;
      const { seconds, h, runId } = await appRun(sb, BIG, 'big', (b) => {
        progressBytes += b;
        events++;
      });
      const journal = statSync(runPaths(h.userData, runId).journal).size;
      const invites = readdirSync(h.folder).filter((f) => f.endsWith('.invite.age')).length;
      if (invites !== BIG) throw new Error(`${invites} invites for ${BIG} users`);
      return {
        seconds,
        usersPerSec: BIG / seconds,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        journalMb: journal / 1024 / 1024,
        progressMb: progressBytes / 1024 / 1024,
        progressEvents: events,
        progressBytesPerUser: progressBytes / BIG,
      };
    } finally {
      await sb.stop();
    }
  },
};

export async function report(): Promise<void> {
  const t = await repeat('bulk.bench.ts', 'throttled');
  console.log(`Throttled: account limited to ${RATE} IAM calls/s (bucket of 1: no initial burst), ${THROTTLED_USERS} users, concurrency ${CONCURRENCY}, sandbox in its own process.`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  row('IAM calls per user (answered; the job needs 4)', show(t.callsPerUser!, 2));
  row('throttled answers (retried, not failed)', show(t.throttledAnswers!, 0));
  row('users/s', show(t.usersPerSec!, 2));
  row(`**efficiency** = users/s ÷ (${RATE} / 4)`, show(t.efficiency!, 2));

  const s = await repeat('bulk.bench.ts', 'sideBySide');
  console.log(`\nSide by side, unthrottled sandbox, same run: the app (${APP_USERS} users, concurrency ${CONCURRENCY}, invites encrypted) vs a bash loop of \`aws iam create-user / create-login-profile / attach-user-policy / create-access-key\` (AWS CLI v1, ${CLI_USERS} users: each command starts a Python process, so a few users already take tens of seconds).`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  row('app users/s', show(s.appUsersPerSec!, 2));
  row('CLI loop users/s', show(s.cliUsersPerSec!, 3));
  row('**app ÷ CLI loop** (goal ≥ 20×)', show(s.ratio!, 1));

  const bigRuns = Number(process.env.BENCH_BIG_RUNS ?? process.env.BENCH_RUNS ?? 3);
  if (bigRuns === 0) return void console.log(`\n${BIG.toLocaleString('en-US')}-user run skipped (BENCH_BIG_RUNS=0).`);
  const b = await repeat('bulk.bench.ts', 'tenThousand', bigRuns);
  console.log(`\n${BIG.toLocaleString('en-US')} users, unthrottled sandbox (own process), concurrency ${CONCURRENCY}, an age invite per user:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  row('time (s)', show(b.seconds!, 0));
  row('users/s', show(b.usersPerSec!, 1));
  row('peak RSS of the app process (MB)', show(b.peakRssMb!, 0));
  row('journal size (MB)', show(b.journalMb!, 1));
  row('progress events / total progress bytes (MB)', `${show(b.progressEvents!, 0)} / ${show(b.progressMb!, 2)}`);
  row('progress bytes per user', show(b.progressBytesPerUser!, 0));
}
