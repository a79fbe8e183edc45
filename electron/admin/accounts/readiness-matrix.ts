import type { MatrixRow } from '../../../src/shared/ipc/channels/admin-accounts';
import type { AppDeps } from '../../app/app-deps';
import { awsErrorName } from '../../aws/aws-error';
import { toAppError } from '../../aws/map-aws-error';
import type { AccountScope } from '../admin-session';
import { loadCredentialReport } from '../credential-report/report-service';
import { mapLimit } from '../iam-call';
import { namedInAccount } from './in-account';
import { runReadiness, type ReadinessCheck } from '../readiness/readiness';

/** Accounts checked at once: each has its own IAM quota, but the admin's machine and link are one. */
export const MATRIX_CONCURRENCY = 4;
/** Times an account's throttled checks are run again, after 1, 2, 4 s (with jitter). */
export const THROTTLE_RETRIES = 3;

const THROTTLED = /^(Throttling|ThrottlingException|TooManyRequests|RequestLimitExceeded|SlowDown)$/;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface MatrixAccount {
  accountId: string;
  name: string;
}

export interface MatrixDeps {
  deps: Pick<AppDeps, 'serverClock' | 'clock'>;
  /** The scope in that account (a role session made or reused), or why there is none. */
  scope(accountId: string): Promise<AccountScope>;
  roleName(accountId: string): string | null;
  wait?: (ms: number) => Promise<void>;
}

/**
 * One account's readiness checks, in that account. IAM throttles per account: the SDK's adaptive retry
 * (its own client per account) absorbs most of it; a check still throttled after that is run again
 * here after a pause, up to three times, without holding up the other accounts.
 */
export async function matrixRow(account: MatrixAccount, m: MatrixDeps): Promise<MatrixRow> {
  const wait = m.wait ?? sleep;
  const base = { accountId: account.accountId, name: account.name, roleName: m.roleName(account.accountId), throttledRetries: 0 };
  const pause = (retry: number) => wait(1000 * 2 ** retry * (0.75 + Math.random() / 2));
  let retries = 0;
  let scope: AccountScope;
  // Getting into the account (AssumeRole, then who it is) is throttled like any call there: retried the same way.
  for (;;) {
    try {
      scope = await m.scope(account.accountId);
      break;
    } catch (error) {
      if (retries < THROTTLE_RETRIES && isThrottling(error)) {
        await pause(retries++);
        continue;
      }
      return { ...base, throttledRetries: retries, alias: null, error: toAppError(namedInAccount(error, account)).toShape(), checks: [], checkedAt: new Date(m.deps.clock.now()).toISOString() };
    }
  }
  const a = scope.account();
  const run = () =>
    runReadiness(scope.iam(), {
      policyArn: a.policyArn,
      partition: a.partition,
      nowMs: m.deps.serverClock.now(),
      report: () => loadCredentialReport(scope.iam(), m.deps, wait),
    });
  let checks: ReadinessCheck[] = await run();
  while (retries < THROTTLE_RETRIES && checks.some(throttled)) {
    await pause(retries++);
    const again = await run();
    checks = checks.map((c) => (throttled(c) ? (again.find((x) => x.id === c.id) ?? c) : c));
  }
  return { ...base, alias: a.accountAlias, error: null, checks, throttledRetries: retries, checkedAt: new Date(m.deps.clock.now()).toISOString() };
}

/** AWS's throttling answer, as the SDK throws it or as an AppError naming AWS's code (a refused AssumeRole). */
const isThrottling = (error: unknown): boolean => {
  const code = (error as { params?: { code?: unknown } } | null)?.params?.code;
  return THROTTLED.test(awsErrorName(error)) || (typeof code === 'string' && THROTTLED.test(code));
};

const throttled = (c: ReadinessCheck): boolean => c.status === 'unknown' && THROTTLED.test(c.errorCode ?? '');

/** Every account's row, MATRIX_CONCURRENCY at a time; `onRow` hears each as soon as it is done. */
export async function readinessMatrix(accounts: readonly MatrixAccount[], m: MatrixDeps, onRow: (row: MatrixRow) => void): Promise<MatrixRow[]> {
  return mapLimit(accounts, MATRIX_CONCURRENCY, async (account) => {
    const row = await matrixRow(account, m);
    onRow(row);
    return row;
  });
}
