import type { AppErrorShape } from '../../../src/shared/errors/app-error';
import { toAppError } from '../../aws/map-aws-error';
import type { OrgDirectory } from '../accounts/org-directory';
import type { RoleSessions } from '../accounts/role-sessions';
import type { AccountScope, AdminSession } from '../admin-session';
import { checkAgainstAccount } from './check-account';
import type { CsvValidation } from './csv-validate';

export interface AccountTargets {
  /** Each `account` cell of the file → the account id it names (cells that name none are problems). */
  byCell: Map<string, string>;
  /** Where the users go, each account once; empty without the column. */
  accounts: Array<{ accountId: string; name: string; users: number }>;
}

const clip = (s: string) => ([...s].length > 60 ? `${[...s].slice(0, 60).join('')}…` : s);

/**
 * The account-side checks of a bulk file, per account: without an `account` column, the account in use;
 * with one, each cell is resolved against the organization's accounts (id or name; an unknown or
 * ambiguous one is a problem of that cell) and every account the file names is checked in that account
 * (existing users, unknown groups, the MFA policy) through a role session — all before anything is created.
 * A user name appears once per file, whatever its account (the run's journal is keyed by name).
 */
export async function checkAccounts(
  file: CsvValidation,
  o: { session: AdminSession; roles: RoleSessions; directory: OrgDirectory },
): Promise<{ blockers: AppErrorShape[]; targets: AccountTargets }> {
  const active = o.session.account();
  if (file.accountRows.size === 0) {
    const r = await checkAgainstAccount(o.session.iam(), file, active.policyArn);
    return { blockers: r.blockers, targets: { byCell: new Map(), accounts: [] } };
  }
  const byCell = new Map<string, string>();
  const users = new Map<string, { name: string; users: number }>();
  const count = (accountId: string, name: string, n: number) => {
    const at = users.get(accountId) ?? { name, users: 0 };
    at.users += n;
    users.set(accountId, at);
  };
  let withCell = 0;
  for (const [cell, rows] of file.accountRows) {
    withCell += rows.count;
    const r = await o.directory.resolve(cell);
    if ('problem' in r) {
      for (const x of rows.first) file.problem({ line: x.line, userName: x.userName, code: r.problem, params: { account: clip(cell) } });
      file.problemCount += rows.count - rows.first.length;
      continue;
    }
    byCell.set(cell, r.accountId);
    count(r.accountId, r.name, rows.count);
  }
  if (withCell < file.rowCount) count(active.accountId, (await o.directory.accounts([active.accountId]))[0]?.name ?? active.accountId, file.rowCount - withCell);

  const blockers: AppErrorShape[] = [];
  for (const [accountId, info] of users) {
    const mine = (cell: string | null) => (cell === null ? accountId === active.accountId : byCell.get(cell) === accountId);
    let scope: AccountScope;
    try {
      scope = accountId === active.accountId ? o.session : await o.roles.scope(accountId);
    } catch (error) {
      // The role cannot be assumed (or wants MFA): the error names the account and the role.
      blockers.push(toAppError(error).toShape());
      continue;
    }
    const r = await checkAgainstAccount(scope.iam(), file, scope.account().policyArn, mine);
    for (const b of r.blockers) blockers.push(inAccountShape(b, accountId, info.name));
  }
  return { blockers, targets: { byCell, accounts: [...users].map(([accountId, v]) => ({ accountId, name: v.name, users: v.users })) } };
}

/** The scope of every account a run's users go to (role sessions made now, before anything is created). */
export async function scopesFor(accountIds: Iterable<string>, roles: RoleSessions): Promise<Map<string, AccountScope>> {
  const out = new Map<string, AccountScope>();
  for (const id of new Set(accountIds)) out.set(id, await roles.scope(id));
  return out;
}

/** A blocker found in one of the file's accounts, said with that account. */
function inAccountShape(b: AppErrorShape, accountId: string, name: string): AppErrorShape {
  if (b.code === 'adminBulk.policyMissing') return { code: 'adminBulk.policyMissingIn', params: { ...(b.params ?? {}), accountId, name } };
  if (b.code === 'admin.missingPermission') return { code: 'adminAccounts.missingPermissionIn', params: { permission: String(b.params?.permission ?? '?'), accountId, name } };
  return b;
}
