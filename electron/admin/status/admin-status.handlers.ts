import { DeleteAccessKeyCommand, ResyncMFADeviceCommand, type User } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import { writePrivateFile } from '../../platform/private-file';
import type { InviteIssued, UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { PASSWORD_CLIPBOARD_CLEAR_MS } from '../../../src/shared/admin-limits';
import { INVITE_FILE_EXTENSION, inviteFileName } from '../../../src/shared/invites/invite-schema';
import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers } from '../../ipc/handler-types';
import type { AdminSession } from '../admin-session';
import { namingMissingPermission, tagAction, type ActionTagged } from '../iam-call';
import { awsErrorName, isAccessDenied, isNoSuchEntity } from '../../aws/aws-error';
import type { CredentialReportService } from '../credential-report/report-service';
import { REPORT_REFRESH_MS } from '../credential-report/report-service';
import type { InviteGenerations } from '../users/invite-generations';
import type { RunAccount } from '../users/provisioning-run';
import { listFromAccountSources, readLive } from './account-status';
import { mfaDeviceNameFor } from '../../../src/shared/iam-names/iam-names';
import { openOnboardingWindow, windowExpiry } from '../onboarding-window';
import { reissueInvite, removeMfaDevices } from './reissue-invite';
import { statusCsv } from './status-csv';
import type { DirectoryUser } from './user-directory';
import { readAllStatuses, readUserStatus, UserVanished } from './user-status';

export function createAdminStatusHandlers(
  deps: AppDeps,
  session: AdminSession,
  reports: CredentialReportService,
  generations: InviteGenerations,
): FeatureHandlers<'admin:status'> {
  /** The last listing (no secrets): the CSV export and the checks on confirmed devices use it. */
  let rows = new Map<string, UserStatusRow>();
  /** Users read one by one since the report was generated (server ms of the read): newer than the report. */
  let overlay = new Map<string, { row: UserStatusRow; atMs: number }>();
  let directory = new Map<string, DirectoryUser>();
  let lastReport: { passwordLastUsed: (userName: string) => Date | undefined } | null = null;
  /** What the overlay and directory were read as: another sign-in starts afresh (it may be allowed less). */
  let readAs: unknown = null;
  const forThisSignIn = () => {
    const who = session.requireIdentity();
    if (readAs === who) return;
    readAs = who;
    overlay = new Map();
    directory = new Map();
    lastReport = null;
  };
  /** The last temporary password, for "copy" until the admin closes the result. */
  let held: { userName: string; password: string } | null = null;
  const wipe = () => {
    held = null;
  };
  // The last listing is one account's: another account (switcher) or sign-out starts afresh.
  session.onSwitch(() => {
    rows = new Map();
  });
  session.onSignOut(() => {
    wipe();
    rows = new Map();
    overlay = new Map();
    directory = new Map();
    lastReport = null;
  });
  deps.lifecycle.hold('admin:status/heldPassword', { holdsSecrets: () => held !== null, wipe });

  const account = (): RunAccount => session.account();

  /** The user as AWS has it now; gone → a clear message (the table is stale). */
  const live = async (userName: string): Promise<UserStatusRow> => {
    try {
      const row = await readUserStatus(session.iam(), { UserName: userName } as User, deps.serverClock.now());
      // Tags and groups are only for the table; the actions need the rest.
      const needed = row.missingPermissions.filter((p) => p !== 'iam:ListUserTags' && p !== 'iam:ListGroupsForUser');
      if (needed.length > 0) throw new AppError('admin.missingPermission', { permission: needed.join(', ') });
      // `rows` keeps what the admin saw (and confirmed): a retry after a half-done reset still matches it.
      return row;
    } catch (error) {
      if (error instanceof UserVanished) throw new AppError('adminStatus.userGone', { userName });
      throw error;
    }
  };

  /** AccessDenied names the permission; NoSuchEntity on a user-level call means the user was deleted meanwhile. */
  const act = async <T>(userName: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await namingMissingPermission(run);
    } catch (error) {
      if (isNoSuchEntity(error)) throw new AppError('adminStatus.userGone', { userName }, { cause: error });
      throw error;
    }
  };

  const askPath = (userName: string, dialogTitle: string, filterName: string) =>
    deps.platform.dialogs.saveFile({
      title: dialogTitle,
      defaultPath: join(deps.platform.paths.home, inviteFileName(userName)),
      filters: [{ name: filterName, extensions: [INVITE_FILE_EXTENSION.split('.').pop()!] }],
    });

  const notSaved = (userName: string): InviteIssued => ({
    saved: false,
    userName,
    savedPath: null,
    expiresAt: null,
    deletedKeyIds: [],
    newAccessKeyId: null,
    removedMfaDevices: [],
  });

  const listed = (list: UserStatusRow[]) => {
    rows = new Map(list.map((r) => [r.userName, r]));
    return { users: list, listedAt: new Date(deps.clock.now()).toISOString() };
  };

  /** Without the account-wide sources: every user read one by one (4-6 calls each). */
  const listUserByUser = async (missing: string) => ({
    ...listed(await readAllStatuses(session.iam(), deps.serverClock.now())),
    report: null,
    reportUnavailable: missing,
    notRead: 0,
  });

  /** Only AccessDenied sends the listing the slow way; anything else is a failure to show. */
  const deniedAction = (error: unknown): string | null => (isAccessDenied(error) ? ((error as ActionTagged).$action ?? 'iam:GetCredentialReport') : null);

  return {
    'admin:status:list': async () =>
      namingMissingPermission(async () => {
        forThisSignIn();
        const iam = session.iam();
        let report;
        try {
          report = await reports.get();
        } catch (error) {
          const missing = deniedAction(error);
          if (!missing) throw error;
          return listUserByUser(missing);
        }
        const generatedMs = report.generatedAt.getTime();
        for (const [k, v] of overlay) if (v.atMs < generatedMs) overlay.delete(k);
        let listing;
        try {
          listing = await listFromAccountSources(iam, report, new Map([...overlay].map(([k, v]) => [k, v.row])), deps.serverClock.now());
        } catch (error) {
          const missing = deniedAction(error);
          if (!missing) throw error;
          return listUserByUser(missing);
        }
        directory = listing.directory;
        const byName = report.byName;
        lastReport = { passwordLastUsed: (n) => byName.get(n.toLowerCase())?.passwordLastUsed ?? undefined };
        return {
          ...listed(listing.rows),
          report: { generatedAt: report.generatedAt.toISOString(), nextAt: new Date(generatedMs + REPORT_REFRESH_MS).toISOString() },
          reportUnavailable: null,
          notRead: listing.notRead,
        };
      }),

    'admin:status:detail': async ({ userName }) =>
      act(userName, async () => {
        forThisSignIn();
        const at = deps.serverClock.now();
        try {
          const row = await readLive(session.iam(), directory.get(userName.toLowerCase()), userName, lastReport?.passwordLastUsed(userName), at);
          overlay.set(userName.toLowerCase(), { row, atMs: at });
          rows.set(row.userName, row);
          return row;
        } catch (error) {
          if (error instanceof UserVanished) throw new AppError('adminStatus.userGone', { userName });
          throw error;
        }
      }),

    'admin:status:resendInvite': async ({ userName, deleteKeyIds, validDays, dialogTitle, filterName }) =>
      act(userName, async () => {
        const user = await live(userName);
        // A user with an MFA device has finished (or nearly): a lost phone is "reset MFA", not a resend.
        if ((user.mfaDevices ?? []).length > 0) throw new AppError('adminStatus.hasMfa', { userName });
        const path = await askPath(userName, dialogTitle, filterName);
        if (!path) return notSaved(userName);
        held = null;
        // From the first change on, every earlier invite of this user is stale (even if this one fails part-way).
        generations.reissued(account().accountId, userName);
        const done = await reissueInvite(deps, session.iam(), { live: user, confirmedKeyIds: deleteKeyIds, account: account(), validDays, path });
        held = { userName, password: done.password };
        deps.log.info('adminStatus.inviteResent', { userName });
        return { ...notSaved(userName), saved: true, savedPath: path, expiresAt: done.expiresAt, deletedKeyIds: done.deletedKeyIds, newAccessKeyId: done.newAccessKeyId, temporaryPassword: done.password };
      }),

    'admin:status:resetMfa': async ({ userName, serialNumbers, deleteKeyIds, validDays, dialogTitle, filterName }) =>
      act(userName, async () => {
        // Only devices this user had when the admin looked: a renderer cannot name someone else's.
        const known = new Set((rows.get(userName)?.mfaDevices ?? []).map((d) => d.serialNumber));
        if (!serialNumbers.every((s) => known.has(s))) throw new AppError('adminStatus.staleList');
        const path = await askPath(userName, dialogTitle, filterName);
        if (!path) return notSaved(userName);
        held = null;
        generations.reissued(account().accountId, userName);
        const iam = session.iam();
        const removed = await removeMfaDevices(iam, await live(userName), serialNumbers);
        const done = await reissueInvite(deps, iam, { live: await live(userName), confirmedKeyIds: deleteKeyIds, replace: 'everyConfirmed', account: account(), validDays, path });
        held = { userName, password: done.password };
        deps.log.info('adminStatus.mfaReset', { userName, devices: removed.length });
        return { ...notSaved(userName), saved: true, savedPath: path, expiresAt: done.expiresAt, deletedKeyIds: done.deletedKeyIds, newAccessKeyId: done.newAccessKeyId, removedMfaDevices: removed, temporaryPassword: done.password };
      }),

    'admin:status:removeBootstrapKeys': async ({ userName, accessKeyIds }) =>
      act(userName, async () => {
        const user = await live(userName);
        const keys = user.accessKeys ?? [];
        const deletedKeyIds: string[] = [];
        const keptKeyIds: string[] = [];
        for (const id of accessKeyIds) {
          const key = keys.find((k) => k.accessKeyId === id);
          // Already gone counts as removed; a key used since the admin looked is no longer a bootstrap key.
          if (key && !key.bootstrap) {
            keptKeyIds.push(id);
            continue;
          }
          if (key) {
            try {
              await tagAction('iam:DeleteAccessKey', session.iam().send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: id })));
            } catch (error) {
              if (!isNoSuchEntity(error)) throw error;
            }
          }
          deletedKeyIds.push(id);
        }
        return { deletedKeyIds, keptKeyIds };
      }),

    'admin:status:resync': async ({ userName, serialNumber, code1, code2 }) =>
      act(userName, async () => {
        // Re-checked here, not only in the renderer: AWS would only say "invalid code".
        if (code1 === code2) throw new AppError('adminStatus.sameCodeTwice');
        try {
          await tagAction(
            'iam:ResyncMFADevice',
            session.iam().send(new ResyncMFADeviceCommand({ UserName: userName, SerialNumber: serialNumber, AuthenticationCode1: code1, AuthenticationCode2: code2 })),
          );
        } catch (error) {
          if (awsErrorName(error).replace(/Exception$/, '') === 'InvalidAuthenticationCode') throw new AppError('adminStatus.invalidCodes', undefined, { cause: error });
          if (isNoSuchEntity(error)) throw new AppError('adminStatus.deviceGone', { userName }, { cause: error });
          throw error;
        }
        deps.log.info('adminStatus.resynced', { userName });
        return { resynced: true as const };
      }),

    'admin:status:askMfaSetup': async ({ userName, validDays }) =>
      act(userName, async () => {
        const user = await live(userName);
        if ((user.mfaDevices ?? []).length > 0) throw new AppError('adminStatus.hasMfa', { userName });
        const expiresAt = windowExpiry(deps.serverClock.now(), validDays);
        await openOnboardingWindow(session.iam(), userName, expiresAt);
        deps.log.info('adminStatus.mfaSetupAsked', { userName });
        return { userName, expiresAt, deviceName: mfaDeviceNameFor(userName) };
      }),

    'admin:status:copyPassword': async ({ userName }) => {
      if (!held || held.userName !== userName) throw new AppError('adminStatus.passwordGone');
      deps.platform.clipboard.writeSecret(held.password, PASSWORD_CLIPBOARD_CLEAR_MS);
      return { copied: true as const, clearAfterMs: PASSWORD_CLIPBOARD_CLEAR_MS };
    },

    'admin:status:dismiss': async () => {
      wipe();
      return { dismissed: true as const };
    },

    'admin:status:exportCsv': async ({ userNames, labels, dialogTitle, filterName }) => {
      const list = userNames.map((n) => rows.get(n)).filter((r): r is UserStatusRow => !!r);
      const stamp = new Date(deps.clock.now()).toISOString().slice(0, 10);
      const path = await deps.platform.dialogs.saveFile({
        title: dialogTitle,
        defaultPath: join(deps.platform.paths.home, `iam-onboarding-status-${stamp}.csv`),
        filters: [{ name: filterName, extensions: ['csv'] }],
      });
      if (!path) return { saved: false, path: null, rows: 0 };
      try {
        await writePrivateFile(path, statusCsv(list, labels));
      } catch (e) {
        throw new AppError('adminStatus.csvWriteFailed', { reason: (e as { code?: string }).code ?? 'unknown' }, { cause: e });
      }
      return { saved: true, path, rows: list.length };
    },
  };
}
