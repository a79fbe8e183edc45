import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import type { MatrixRow } from '../../../src/shared/ipc/channels/admin-accounts';
import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers } from '../../ipc/handler-types';
import { writePrivateFile } from '../../platform/private-file';
import type { AdminSession } from '../admin-session';
import { CellFixes } from './cell-fixes';
import { inAccount } from './in-account';
import { matrixCsv } from './matrix-csv';
import type { OrgDirectory } from './org-directory';
import { matrixRow, readinessMatrix, type MatrixAccount, type MatrixDeps } from './readiness-matrix';
import type { RoleSessions } from './role-sessions';
import { statusAcross } from './status-across';

/**
 * Admin → accounts: the organization's accounts, switching the account every screen acts in, and the
 * readiness and onboarding status of all of them at once. Role sessions live in RoleSessions (registered
 * with the lock); what is kept here is the last listing and matrix (no secrets).
 */
export function createAdminAccountsHandlers(deps: AppDeps, session: AdminSession, roles: RoleSessions, directory: OrgDirectory): FeatureHandlers<'admin:accounts'> {
  let matrix = new Map<string, MatrixRow>();
  const fixes = new CellFixes();
  session.onSignOut(() => {
    matrix = new Map();
    fixes.clear();
  });
  const accountsFor = (ids?: readonly string[]): Promise<MatrixAccount[]> => directory.listed(ids);

  const matrixDeps: MatrixDeps = {
    deps,
    scope: (accountId) => roles.scope(accountId),
    roleName: (accountId) => (accountId === session.home().identity.accountId ? null : roles.choiceFor(accountId).roleName),
  };

  return {
    'admin:accounts:list': async () => directory.list(),

    'admin:accounts:switch': async ({ accountId, roleName, externalId, mfaCode }) => {
      await directory.listed([accountId]);
      const got = await roles.obtain(accountId, { roleName, externalId }, mfaCode);
      if (got.kind === 'mfaCodeNeeded') return { status: 'mfaCodeNeeded' as const, accountId: got.accountId, roleName: got.roleName, mfaSerial: got.mfaSerial, deviceName: got.deviceName };
      const home = session.home();
      return { status: 'switched' as const, identity: session.use(got.context === home ? null : got.context) };
    },

    'admin:accounts:back': async () => session.use(null),

    'admin:accounts:readiness': async ({ accountIds, roleName, mfaCode }, ctx) => {
      if (roleName) roles.defaultRoleName = roleName;
      if (mfaCode) await roles.provideMfaCode(mfaCode);
      const accounts = await accountsFor(accountIds);
      const rows = await readinessMatrix(accounts, matrixDeps, (row) => {
        matrix.set(row.accountId, row);
        ctx.emit('admin:accounts:readinessRow', row);
      });
      return { rows, checkedAt: new Date(deps.clock.now()).toISOString() };
    },

    'admin:accounts:fixPlan': async ({ accountId, check }) => {
      const [account] = await accountsFor([accountId]);
      const scope = await roles.scope(accountId);
      return inAccount(account as MatrixAccount, () => fixes.plan(scope, accountId, check));
    },

    'admin:accounts:fixApply': async ({ planId }, ctx) => {
      const plan = fixes.take(planId);
      const [account] = await accountsFor([plan.accountId]);
      const scope = await roles.scope(plan.accountId);
      await inAccount(account as MatrixAccount, () => fixes.apply(scope, plan));
      const row = await matrixRow(account as MatrixAccount, matrixDeps);
      matrix.set(row.accountId, row);
      ctx.emit('admin:accounts:readinessRow', row);
      return { row };
    },

    'admin:accounts:exportReadiness': async ({ labels, dialogTitle, filterName }) => {
      const order = (await directory.accounts()).map((a) => a.accountId);
      const rows = order.map((id) => matrix.get(id)).filter((r): r is MatrixRow => !!r);
      if (rows.length === 0) throw new AppError('adminAccounts.nothingToExport');
      const stamp = new Date(deps.clock.now()).toISOString().slice(0, 10);
      const path = await deps.platform.dialogs.saveFile({
        title: dialogTitle,
        defaultPath: join(deps.platform.paths.home, `iam-readiness-accounts-${stamp}.csv`),
        filters: [{ name: filterName, extensions: ['csv'] }],
      });
      if (!path) return { saved: false, path: null, rows: 0 };
      try {
        await writePrivateFile(path, matrixCsv(rows, labels));
      } catch (e) {
        throw new AppError('adminAccounts.csvWriteFailed', { reason: (e as { code?: string }).code ?? 'unknown' }, { cause: e });
      }
      return { saved: true, path, rows: rows.length };
    },

    'admin:accounts:status': async ({ accountIds }) => ({
      accounts: await statusAcross(await accountsFor(accountIds), (id) => roles.scope(id), deps),
      listedAt: new Date(deps.clock.now()).toISOString(),
    }),
  };
}
