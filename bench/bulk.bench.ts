/**
 * Bulk provisioning, each figure from fresh processes (median, min–max), the sandbox in its own process:
 * - throttled: the account limited to R IAM calls/s with no initial burst (a bucket of one);
 *   efficiency = users/s ÷ (R / 5), 5 being the calls the job needs per user (CreateUser with the
 *   window's tag, PutUserPolicy, AttachUserPolicy, CreateLoginProfile, CreateAccessKey);
 * - side by side on an unthrottled endpoint, in the same run: the app vs a shell loop of the same
 *   five AWS CLI commands;
 * - 10,000 users unthrottled: time, peak RSS, journal size, progress bytes sent to the screen.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runPaths } from '../electron/admin/bulk/run-files';
import { windowExpiry } from '../electron/admin/onboarding-window';
import { buildInviteExpiryPolicy, INVITE_EXPIRY_POLICY_NAME, ONBOARDING_WINDOW_TAG } from '../src/shared/mfa-policy/onboarding-window';
import { harness, users } from '../test/unit/electron/admin/bulk/bulk-harness';
import { startSandboxProcess, type RemoteSandbox } from './support/processes';
import { keyRow, repeat, row } from './support/repeat';
import { show } from './support/stats';

const RATE = 16;
/** The calls one user needs; the bench's yardstick, not the app's own count. */
const CALLS_PER_USER = 5;
const THROTTLED_USERS = 80;
const APP_USERS = 200;
const CLI_USERS = 8;
export const BIG = Number(process.env.BENCH_BULK_USERS ?? 10_000);
const CONCURRENCY = 4;
const run = promisify(execFile);
/** The Debian AWS CLI v2 when installed (the brief's), else whatever `aws` is on the PATH. */
const AWS_CLI = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const JOB = ['CreateUser', 'PutUserPolicy', 'AttachUserPolicy', 'CreateLoginProfile', 'CreateAccessKey'];

const control = (sb: RemoteSandbox, path: string, body: unknown) =>
  fetch(`${sb.url}/__sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

type LogEntry = { action: string; errorCode?: string; service: string };
const iamLog = async (sb: RemoteSandbox): Promise<LogEntry[]> =>
  ((await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as LogEntry[]).filter((e) => e.service === 'iam');
const clearLog = (sb: RemoteSandbox) => fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });

async function appRun(sb: RemoteSandbox, n: number, prefix: string) {
  let progressBytes = 0;
  let progressEvents = 0;
  const h = harness(sb, {
    onEvent: (e) => {
      progressBytes += Buffer.byteLength(JSON.stringify(e));
      progressEvents++;
    },
  });
  const t0 = performance.now();
  const runner = await h.start(users(n, prefix), CONCURRENCY);
  await runner.idle();
  const seconds = (performance.now() - t0) / 1000;
  const v = runner.view();
  if (v.done !== n || v.failed !== 0) throw new Error(`bulk run: ${v.done} done, ${v.failed} failed of ${n}`);
  const invites = readdirSync(h.folder).filter((f) => f.endsWith('.invite.age')).length;
  if (invites !== n) throw new Error(`${invites} invites for ${n} users`);
  return { seconds, h, runId: v.runId, progressBytes, progressEvents };
}

/** The same job as the app's, one AWS CLI process per command, as an admin's shell loop would do it. */
async function cliLoop(sb: RemoteSandbox): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const expiresAt = windowExpiry(Date.now(), 7);
  writeFileSync(join(dir, 'expiry.json'), JSON.stringify(buildInviteExpiryPolicy(expiresAt)));
  const script = `set -e
for i in $(seq 1 ${CLI_USERS}); do
  u=cli.user$i
  "$AWS" --endpoint-url "$URL" iam create-user --user-name "$u" --tags Key=team,Value=qa "Key=${ONBOARDING_WINDOW_TAG},Value=${expiresAt}" >/dev/null
  "$AWS" --endpoint-url "$URL" iam put-user-policy --user-name "$u" --policy-name ${INVITE_EXPIRY_POLICY_NAME} --policy-document "file://$DIR/expiry.json" >/dev/null
  "$AWS" --endpoint-url "$URL" iam attach-user-policy --user-name "$u" --policy-arn "$POLICY" >/dev/null
  "$AWS" --endpoint-url "$URL" iam create-login-profile --user-name "$u" --password "Tmp-Passw0rd!$i-xyzXYZ" --password-reset-required >/dev/null
  "$AWS" --endpoint-url "$URL" iam create-access-key --user-name "$u" >/dev/null
done`;
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: sb.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey,
    AWS_DEFAULT_REGION: sb.region,
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS: AWS_CLI,
    URL: sb.url,
    POLICY: sb.policyArn,
    DIR: dir,
  };
  const t0 = performance.now();
  await run('bash', ['-c', script], { env });
  return (performance.now() - t0) / 1000;
}

export const measures = {
  async throttled() {
    const sb = await startSandboxProcess();
    try {
      // A bucket of 1: no burst to start with, so the run cannot beat the rate by spending saved tokens.
      await control(sb, 'faults/account-throttle', { ratePerSec: RATE, burst: 1 });
      await clearLog(sb);
      const { seconds } = await appRun(sb, THROTTLED_USERS, 'thr');
      const log = await iamLog(sb);
      const answered = log.filter((e) => e.errorCode !== 'Throttling').length;
      const usersPerSec = THROTTLED_USERS / seconds;
      return { usersPerSec, callsPerUser: answered / THROTTLED_USERS, throttledAnswers: log.length - answered, efficiency: usersPerSec / (RATE / CALLS_PER_USER), seconds };
    } finally {
      await sb.stop();
    }
  },

  async sideBySide() {
    const sb = await startSandboxProcess();
    try {
      const app = await appRun(sb, APP_USERS, 'app');
      await clearLog(sb);
      const cliSeconds = await cliLoop(sb);
      // The loop did the whole job: each of the five calls answered once per user, no error.
      const log = await iamLog(sb);
      for (const action of JOB) {
        const ok = log.filter((e) => e.action === action && !e.errorCode).length;
        if (ok !== CLI_USERS) throw new Error(`CLI loop: ${ok} × ${action} for ${CLI_USERS} users (${log.filter((e) => e.errorCode).map((e) => e.errorCode).join(', ')})`);
      }
      const appUsersPerSec = APP_USERS / app.seconds;
      const cliUsersPerSec = CLI_USERS / cliSeconds;
      return { appUsersPerSec, cliUsersPerSec, ratio: appUsersPerSec / cliUsersPerSec, progressBytesPerUser: app.progressBytes / APP_USERS };
    } finally {
      await sb.stop();
    }
  },

  async tenThousand() {
    const sb = await startSandboxProcess();
    try {
      const { seconds, h, runId, progressBytes, progressEvents } = await appRun(sb, BIG, 'big');
      const journal = statSync(runPaths(h.userData, runId).journal).size;
      return {
        seconds,
        usersPerSec: BIG / seconds,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        journalMb: journal / 1024 / 1024,
        progressMb: progressBytes / 1024 / 1024,
        progressEvents,
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
  keyRow(`bulk, IAM calls per user, answered, under the throttle (the job needs ${CALLS_PER_USER})`, show(t.callsPerUser!, 2));
  row('throttled answers (retried, not failed)', show(t.throttledAnswers!, 0));
  row('users/s', show(t.usersPerSec!, 2));
  row('run time (s)', show(t.seconds!, 1));
  keyRow(`**bulk efficiency**, ${RATE} calls/s with no initial burst, ${THROTTLED_USERS} users: users/s ÷ (${RATE} / ${CALLS_PER_USER})`, show(t.efficiency!, 2));

  const { stdout: version } = await run(AWS_CLI, ['--version']).catch(() => ({ stdout: 'unknown' }));
  const s = await repeat('bulk.bench.ts', 'sideBySide');
  console.log(
    `\nSide by side, unthrottled sandbox (own process), same run: the app (${APP_USERS} users, concurrency ${CONCURRENCY}, invites encrypted) vs a bash loop of \`aws iam create-user --tags … / put-user-policy / attach-user-policy / create-login-profile / create-access-key\` (${version.trim().split(' ')[0]}, ${CLI_USERS} users: each command starts a CLI process).`,
  );
  console.log('\n| measure | median (min–max) |\n|---|---|');
  row('app users/s', show(s.appUsersPerSec!, 2));
  row('CLI loop users/s', show(s.cliUsersPerSec!, 3));
  keyRow(`**bulk, app ÷ AWS CLI loop**, unthrottled, same job (5 calls/user), same run (goal ≥ 20×)`, show(s.ratio!, 1));
  row(`progress bytes per user (${APP_USERS} users)`, show(s.progressBytesPerUser!, 0));

  const bigRuns = Number(process.env.BENCH_BIG_RUNS ?? process.env.BENCH_RUNS ?? 3);
  if (bigRuns === 0) return void console.log(`\n${BIG.toLocaleString('en-US')}-user run skipped (BENCH_BIG_RUNS=0).`);
  const b = await repeat('bulk.bench.ts', 'tenThousand', bigRuns);
  const n = BIG.toLocaleString('en-US');
  console.log(`\n${n} users, unthrottled sandbox (own process), concurrency ${CONCURRENCY}, an age invite per user:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow(`bulk of ${n} users, unthrottled: time (s)`, show(b.seconds!, 0));
  row('users/s', show(b.usersPerSec!, 1));
  keyRow(`bulk of ${n} users: peak RSS of the app process (MB)`, show(b.peakRssMb!, 0));
  keyRow(`bulk of ${n} users: journal size (MB)`, show(b.journalMb!, 2));
  keyRow(`bulk of ${n} users: progress events / total progress bytes (MB)`, `${show(b.progressEvents!, 0)} / ${show(b.progressMb!, 2)}`);
  keyRow(`bulk, progress bytes per user: ${APP_USERS} users → ${n} users (linear when equal)`, `${show(s.progressBytesPerUser!, 0)} → ${show(b.progressBytesPerUser!, 0)}`);
}
