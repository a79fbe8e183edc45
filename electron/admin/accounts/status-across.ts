import type { z } from 'zod';
import { USER_STATUSES, type UserStatus } from '../../../src/shared/admin-limits';
import type { accountStatusSchema } from '../../../src/shared/ipc/channels/admin-accounts';
import type { UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import type { AppDeps } from '../../app/app-deps';
import { isAccessDenied } from '../../aws/aws-error';
import { toAppError } from '../../aws/map-aws-error';
import type { AccountScope } from '../admin-session';
import { loadCredentialReport } from '../credential-report/report-service';
import { mapLimit } from '../iam-call';
import { listFromAccountSources } from '../status/account-status';
import { readAllStatuses } from '../status/user-status';
import { namedInAccount } from './in-account';
import { MATRIX_CONCURRENCY, type MatrixAccount } from './readiness-matrix';

export type AccountStatus = z.output<typeof accountStatusSchema>;

/** Users listed per account in "not done yet"; the counts cover everyone. */
export const PENDING_PER_ACCOUNT = 200;

const zero = (): Record<UserStatus, number> => Object.fromEntries(USER_STATUSES.map((s) => [s, 0])) as Record<UserStatus, number>;

/** One account's onboarding, from the same account-wide sources as its status screen (user by user without them). */
export async function accountStatus(account: MatrixAccount, scope: () => Promise<AccountScope>, deps: Pick<AppDeps, 'serverClock'>): Promise<AccountStatus> {
  const base = { accountId: account.accountId, name: account.name };
  try {
    const s = await scope();
    const iam = s.iam();
    const now = deps.serverClock.now();
    let rows: UserStatusRow[];
    try {
      rows = (await listFromAccountSources(iam, await loadCredentialReport(iam, deps), new Map(), now)).rows;
    } catch (error) {
      if (!isAccessDenied(error)) throw error;
      rows = await readAllStatuses(iam, now);
    }
    const counts = zero();
    for (const r of rows) counts[r.status]++;
    const pending = rows
      .filter((r) => r.status === 'waitingFirstSignIn' || r.status === 'passwordChangedNoMfa')
      .slice(0, PENDING_PER_ACCOUNT)
      .map((r) => ({ userName: r.userName, status: r.status, inviteExpired: r.onboardingWindow?.expired ?? false }));
    return { ...base, alias: s.account().accountAlias, error: null, counts, pending, users: rows.length };
  } catch (error) {
    return { ...base, alias: null, error: toAppError(namedInAccount(error, account)).toShape(), counts: zero(), pending: [], users: 0 };
  }
}

export function statusAcross(accounts: readonly MatrixAccount[], scope: (accountId: string) => Promise<AccountScope>, deps: Pick<AppDeps, 'serverClock'>): Promise<AccountStatus[]> {
  return mapLimit(accounts, MATRIX_CONCURRENCY, (a) => accountStatus(a, () => scope(a.accountId), deps));
}
