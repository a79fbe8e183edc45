/**
 * Bulk provisioning, each figure from fresh processes (median, min–max), the sandbox in its own process.
 * The yardstick is the job's own minimum, 5 IAM calls per user (CreateUser with the window's tag,
 * PutUserPolicy for the invite's expiry, AttachUserPolicy, CreateLoginProfile, CreateAccessKey: no
 * IAM call does two of these), never the app's own count.
 * - throttled: the account limited to R IAM calls/s with no initial burst (a bucket of one);
 *   efficiency = users/s ÷ (R / 5): 1.0 is every call slot used for a needed call;
 * - side by side on an unthrottled endpoint, in the same run: the app vs the AWS CLI doing the same
 *   five calls per user, 4 users at a time like the app (see cliLoop);
 * - a large run unthrottled (10,000 users with BENCH_BULK_USERS=10000; 500 by default so that
 *   `npm run bench` stays near 10 minutes): time, IAM calls per user, peak RSS, journal size,
 *   progress bytes sent to the screen.
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
import { keyRow, repeat, row, RUNS } from './support/repeat';
import { show } from './support/stats';

const RATE = 16;
/** The calls one user needs; the bench's yardstick, not the app's own count. */
const CALLS_PER_USER = 5;
const THROTTLED_USERS = 40;
const APP_USERS = 100;
const CLI_USERS = 4;
/** The figure is 10,000 users (~25 min a run on a loaded 2-core machine): BENCH_BULK_USERS=10000. */
export const BIG = Number(process.env.BENCH_BULK_USERS ?? 500);
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

/**
 * The same job as the app's, with the AWS CLI: the same five calls per user (same tags, the same
 * expiry policy document, the same MFA policy), against the same sandbox process over loopback,
 * 4 users at a time (xargs -P 4, the app's concurrency), each command a CLI process as in an
 * admin's shell script. The CLI does less than the app: no password generated, no invite
 * encrypted, no journal; its output goes to /dev/null.
 */
async function cliLoop(sb: RemoteSandbox): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const expiresAt = windowExpiry(Date.now(), 7);
  writeFileSync(join(dir, 'expiry.json'), JSON.stringify(buildInviteExpiryPolicy(expiresAt)));
  const user = `set -e
u=cli.user$1
aws() { "$AWS" --endpoint-url "$URL" "$@" >/dev/null; }
aws iam create-user --user-name "$u" --tags Key=team,Value=qa "Key=${ONBOARDING_WINDOW_TAG},Value=${expiresAt}"
aws iam put-user-policy --user-name "$u" --policy-name ${INVITE_EXPIRY_POLICY_NAME} --policy-document "file://$DIR/expiry.json"
aws iam attach-user-policy --user-name "$u" --policy-arn "$POLICY"
aws iam create-login-profile --user-name "$u" --password "Tmp-Passw0rd!$1-xyzXYZ" --password-reset-required
aws iam create-access-key --user-name "$u"
`;
  writeFileSync(join(dir, 'user.sh'), user);
  const script = `seq 1 ${CLI_USERS} | xargs -P ${CONCURRENCY} -n 1 bash "$DIR/user.sh"`;
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
      await clearLog(sb);
      const { seconds, h, runId, progressBytes, progressEvents } = await appRun(sb, BIG, 'big');
      const journal = statSync(runPaths(h.userData, runId).journal).size;
      const log = await iamLog(sb);
      const errors = log.filter((e) => e.errorCode).map((e) => `${e.action}: ${e.errorCode}`);
      process.stderr.write(`  AWS error answers: ${errors.join(', ') || 'none'}\n`);
      return {
        seconds,
        callsPerUser: log.length / BIG,
        failedCalls: log.filter((e) => e.errorCode).length,
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
    `\nSide by side, unthrottled sandbox (own process, loopback), same run: the app (${APP_USERS} users, concurrency ${CONCURRENCY}, invites encrypted, journal fsync'd) vs \`aws iam create-user --tags … / put-user-policy / attach-user-policy / create-login-profile / create-access-key\` (${AWS_CLI} ${version.trim().split(' ')[0]}, ${CLI_USERS} users, ${CONCURRENCY} at a time with xargs -P; each command a CLI process).`,
  );
  console.log('\n| measure | median (min–max) |\n|---|---|');
  row('app users/s', show(s.appUsersPerSec!, 2));
  row('CLI loop users/s', show(s.cliUsersPerSec!, 3));
  keyRow(`**bulk, app ÷ AWS CLI loop**, unthrottled, same job (5 calls/user), same run (goal ≥ 20×)`, show(s.ratio!, 1));
  row(`progress bytes per user (${APP_USERS} users)`, show(s.progressBytesPerUser!, 0));

  const bigRuns = Number(process.env.BENCH_BIG_RUNS ?? RUNS);
  if (bigRuns === 0) return void console.log(`\n${BIG.toLocaleString('en-US')}-user run skipped (BENCH_BIG_RUNS=0).`);
  const b = await repeat('bulk.bench.ts', 'tenThousand', bigRuns);
  const n = BIG.toLocaleString('en-US');
  console.log(`\n${n} users, unthrottled sandbox (own process), concurrency ${CONCURRENCY}, an age invite per user:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow(`bulk of ${n} users, unthrottled: time (s)`, show(b.seconds!, 0));
  row('users/s', show(b.usersPerSec!, 1));
  keyRow(`bulk of ${n} users: IAM calls per user (the job needs ${CALLS_PER_USER}) / error answers (the run's one GetAccountPasswordPolicy: NoSuchEntity, no policy in the account)`, `${show(b.callsPerUser!, 2)} / ${show(b.failedCalls!, 0)}`);
  keyRow(`bulk of ${n} users: peak RSS of the app process (MB)`, show(b.peakRssMb!, 0));
  keyRow(`bulk of ${n} users: journal size (MB)`, show(b.journalMb!, 2));
  keyRow(`bulk of ${n} users: progress events / total progress bytes (MB)`, `${show(b.progressEvents!, 0)} / ${show(b.progressMb!, 2)}`);
  keyRow(`bulk, progress bytes per user: ${APP_USERS} users → ${n} users (linear when equal)`, `${show(s.progressBytesPerUser!, 0)} → ${show(b.progressBytesPerUser!, 0)}`);
}
