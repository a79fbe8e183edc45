import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import { writePrivateFile } from '../../platform/private-file';
import type { BulkImport } from '../../../src/shared/ipc/channels/admin-bulk';
import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers, HandlerContext } from '../../ipc/handler-types';
import type { AccountScope, AdminSession } from '../admin-session';
import type { OrgDirectory } from '../accounts/org-directory';
import type { RoleSessions } from '../accounts/role-sessions';
import type { RunAccount } from '../users/provisioning-run';
import { checkAccounts, scopesFor } from './account-column';
import { checkAgainstAccount } from './check-account';
import { passwordSheet, writeSummaryCsv } from './bulk-output';
import { BulkRunner } from './bulk-runner';
import { inputFor, jobFromJournal, newJob } from './bulk-user';
import { importUsersCsv, type BulkRow } from './csv-import';
import { BulkJournal } from './journal';
import { listSavedRuns, makeRunDir, runPaths } from './run-files';
import { runIam } from './run-iam';
import { RunKey, type KeySealing } from './run-key';
import type { BulkRunHolder } from './run-holder';
import type { InviteGenerations } from '../users/invite-generations';

export function createAdminBulkHandlers(
  deps: AppDeps,
  session: AdminSession,
  generations: InviteGenerations,
  holder: BulkRunHolder,
  org: { roles: RoleSessions; directory: OrgDirectory },
): FeatureHandlers<'admin:bulk'> {
  /**
   * The last file checked: where it is and what it was (no rows are kept; the run reads the file again),
   * which account each `account` cell named, and whether the file has such cells.
   */
  let checked: { path: string; fingerprint: string; ready: boolean; byCell: Map<string, string>; accountId: string; withColumn: boolean } | null = null;
  let runner: BulkRunner | null = null;

  // Sign-out, idle lock or quitting stops the run like a crash: the journal has everything a
  // resume needs, and the run key leaves memory (its encrypted copy stays for the resume).
  const stop = () => {
    runner?.kill();
    runner = null;
    holder.detach();
  };
  session.onSignOut(stop);
  deps.lifecycle.hold('admin:bulk/runner', { holdsSecrets: () => runner !== null, wipe: stop });

  const account = (): RunAccount => session.account();

  const keySealing = (passphrase: string | null): KeySealing => {
    if (passphrase) return { kind: 'passphrase', passphrase };
    const protection = deps.platform.secrets.protection();
    if (protection !== 'os') throw new AppError('adminBulk.keychainWeak', { protection });
    return { kind: 'keychain', secrets: deps.platform.secrets };
  };

  const check = async (path: string): Promise<BulkImport> => {
    const acct = account();
    // A file that fails to import must not leave the previous one ready to start.
    checked = null;
    // Fingerprint first (a change during the check then shows at start). A file it cannot read is
    // read by the import, which says precisely why (a folder, no permission…).
    const fingerprint = await fileFingerprint(path).catch(async (e: unknown) => {
      await importUsersCsv(path, { keepRows: false });
      throw e;
    });
    const file = await importUsersCsv(path, { keepRows: false });
    const v = file.validation;
    const fromAccount = await checkAccounts(v, { session, ...org });
    const ready = v.problemCount === 0 && fromAccount.blockers.length === 0;
    // With an account column, each previewed row says where it goes (a blank cell: the account in use).
    const withColumn = v.accountRows.size > 0;
    const targetOf = (cell: string | null): string | null => (!withColumn ? null : cell ? (fromAccount.targets.byCell.get(cell) ?? null) : acct.accountId);
    checked = { path, fingerprint, ready, byCell: fromAccount.targets.byCell, accountId: acct.accountId, withColumn };
    // "Skip the invalid rows": possible when every problem is listed (their lines known) and none is the account's.
    // Not with an account column: the rows left would have to be checked again in each of their accounts.
    const listed = v.sorted();
    const validRowCount = !withColumn && fromAccount.blockers.length === 0 && listed.length === v.problemCount ? v.rowCount - new Set(listed.map((p) => p.line)).size : 0;
    return {
      fileName: basename(path),
      encoding: file.encoding,
      delimiter: file.delimiter,
      rowCount: v.rowCount,
      validRowCount,
      problems: listed,
      problemCount: v.problemCount,
      blockers: fromAccount.blockers,
      ready,
      preview: v.preview.map((r) => ({ line: r.line, userName: r.userName, email: r.email, groups: r.groups, tagCount: Object.keys(r.tags).length, account: r.account, accountId: targetOf(r.account) })),
      groups: [...v.groupRows.keys()].sort(),
      accounts: fromAccount.targets.accounts,
    };
  };

  /** The checked file's rows, read again; refused if the file changed since it was checked. */
  const checkedRows = async (c: { path: string; fingerprint: string }): Promise<BulkRow[]> => {
    if ((await fileFingerprint(c.path).catch(() => '')) !== c.fingerprint) throw new AppError('adminBulk.fileChanged');
    const file = await importUsersCsv(c.path, { keepRows: true });
    if (file.validation.problemCount > 0) throw new AppError('adminBulk.fileChanged');
    return file.rows;
  };

  /**
   * The rows without any problem, read again (the file must be the one checked): for "skip the
   * invalid rows and create the rest". The account is asked again, so a user created meanwhile is
   * left out too.
   */
  const rowsWithoutProblems = async (c: { path: string; fingerprint: string }, policyArn: string): Promise<BulkRow[]> => {
    if ((await fileFingerprint(c.path).catch(() => '')) !== c.fingerprint) throw new AppError('adminBulk.fileChanged');
    const file = await importUsersCsv(c.path, { keepRows: true });
    const v = file.validation;
    const fromAccount = await checkAgainstAccount(session.iam(), v, policyArn);
    const listed = v.sorted();
    if (fromAccount.blockers.length > 0 || listed.length !== v.problemCount) throw new AppError('adminBulk.notReady');
    const bad = new Set(listed.map((p) => p.line));
    return file.rows.filter((r) => !bad.has(r.line));
  };

  const current = (runId: string): BulkRunner => {
    if (!runner || runner.runId !== runId) throw new AppError('adminBulk.noSuchRun');
    if (session.requireIdentity().accountId !== runner.accountId) throw new AppError('adminBulk.otherAccount');
    return runner;
  };
  const assertNoActiveRun = () => {
    if (runner?.busy) throw new AppError('adminBulk.runActive');
  };

  const newRunner = (
    o: { journal: BulkJournal; key: RunKey; acct: RunAccount; jobs: BulkRunner['jobs']; concurrency: number; reissued?: number; others: Map<string, AccountScope> },
    ctx: HandlerContext,
  ) => {
    const { header } = o.journal;
    // The run's own account is the one in use now; switching accounts later does not move the run.
    const own = session.iam();
    const other = (accountId: string): AccountScope => {
      const scope = o.others.get(accountId);
      if (!scope) throw new AppError('adminBulk.otherAccount', { accountId });
      return scope;
    };
    const made = new BulkRunner(
      {
        iam: (signal, accountId) => runIam(accountId ? other(accountId).iam() : own, signal),
        journal: o.journal,
        key: o.key,
        account: o.acct,
        accountOf: (accountId) => other(accountId).account(),
        aws: deps.aws,
        folder: header.folder,
        inviteValidDays: header.inviteValidDays,
        concurrency: o.concurrency,
        clock: deps.clock,
        log: deps.log,
        writeSummary: (jobs) => writeSummaryCsv(header.folder, header.runId, jobs),
      },
      o.jobs,
      (view) => ctx.emit('admin:bulk:progress', view),
      o.reissued ?? 0,
    );
    // The hand-off (message, reveal, slips) reads the same run; later reissues on the status tab supersede it.
    holder.attach(made, { account: o.acct, createdAt: header.createdAt, inviteValidDays: header.inviteValidDays, stamp: generations.stamp(), accountOf: (id) => other(id).account() });
    return made;
  };

  return {
    'admin:bulk:import': async ({ dialogTitle, filterName }) => {
      session.requireIdentity();
      const path = await deps.platform.dialogs.openFile({ title: dialogTitle, filters: [{ name: filterName, extensions: ['csv', 'txt'] }] });
      return path ? check(path) : null;
    },

    'admin:bulk:reimport': async () => {
      if (!checked) throw new AppError('adminBulk.nothingImported');
      return check(checked.path);
    },

    'admin:bulk:start': async ({ dialogTitle, inviteValidDays, concurrency, attachTo, skipInvalidRows, keyPassphrase }, ctx) => {
      const acct = account();
      if (!checked || checked.accountId !== acct.accountId || (!checked.ready && (!skipInvalidRows || checked.withColumn))) throw new AppError('adminBulk.notReady');
      assertNoActiveRun();
      const rows = checked.ready ? await checkedRows(checked) : await rowsWithoutProblems(checked, acct.policyArn);
      if (rows.length === 0) throw new AppError('adminBulk.notReady');
      // Users the file sends to another account: that account's id (the run's own account: none).
      const byCell = checked.byCell;
      const accountOfRow = (cell: string | null): string | undefined => {
        const id = cell === null ? undefined : byCell.get(cell);
        if (cell !== null && !id) throw new AppError('adminBulk.fileChanged');
        return id === acct.accountId ? undefined : id;
      };
      const rowAccounts = rows.map((r) => accountOfRow(r.account));
      const others = await scopesFor(rowAccounts.filter((x): x is string => !!x), org.roles);
      const groups = new Set(rows.flatMap((r) => r.groups));
      if (attachTo && !groups.has(attachTo)) throw new AppError('adminBulk.attachGroupNotInFile', { group: attachTo });
      // Decided before anything is asked or written: without a real keychain the run key is sealed
      // to the admin's passphrase, or the run does not start (and leaves no empty run folder).
      const sealing = keySealing(keyPassphrase);
      const folder = await deps.platform.dialogs.chooseFolder({ title: dialogTitle });
      if (!folder) return null;
      const runId = randomUUID();
      const paths = makeRunDir(deps.platform.paths.userData, runId);
      let key: RunKey;
      try {
        key = await RunKey.create(paths, sealing);
      } catch (e) {
        rmSync(paths.dir, { recursive: true, force: true });
        throw e;
      }
      const journal = BulkJournal.create(paths.journal, {
        runId,
        createdAt: new Date(deps.clock.now()).toISOString(),
        folder,
        accountId: acct.accountId,
        accountAlias: acct.accountAlias,
        partition: acct.partition,
        attachTo,
        inviteValidDays,
        users: rows.map((r, i) => ({ userName: r.userName, email: r.email, groups: r.groups, tags: r.tags, ...(rowAccounts[i] ? { accountId: rowAccounts[i] } : {}) })),
      });
      const jobs = journal.header.users.map((u) => newJob(inputFor(u, attachTo, inviteValidDays), u.accountId ?? null));
      runner?.kill();
      runner = newRunner({ journal, key, acct, jobs, concurrency, others }, ctx);
      checked = null;
      runner.start();
      deps.log.info('adminBulk.started', { runId, users: jobs.length, concurrency });
      return runner.view();
    },

    'admin:bulk:pause': async ({ runId }) => {
      const r = current(runId);
      r.pause();
      return r.view();
    },
    'admin:bulk:resume': async ({ runId }) => {
      const r = current(runId);
      r.start();
      return r.view();
    },
    'admin:bulk:cancel': async ({ runId }) => {
      const r = current(runId);
      r.cancel();
      return r.view();
    },
    'admin:bulk:current': async () => runner?.view() ?? null,

    'admin:bulk:savedRuns': async () => {
      const accountId = session.identity?.accountId ?? null;
      const runs = listSavedRuns(deps.platform.paths.userData).filter((r) => r.runId !== runner?.runId);
      return {
        runs: runs.map((r) => ({
          ...r,
          sameAccount: r.accountId === accountId,
          needsPassphrase: RunKey.needsPassphrase(runPaths(deps.platform.paths.userData, r.runId)),
        })),
      };
    },

    'admin:bulk:resumeSaved': async ({ runId, keyPassphrase, forgetPasswords }, ctx) => {
      const acct = account();
      if (runner?.runId === runId) {
        runner.start();
        return runner.view();
      }
      assertNoActiveRun();
      const paths = runPaths(deps.platform.paths.userData, runId);
      const journal = openJournal(paths.journal);
      if (journal.header.accountId !== acct.accountId) {
        journal.close();
        throw new AppError('adminBulk.otherAccount', { accountId: journal.header.accountId });
      }
      let key: RunKey;
      let others: Map<string, AccountScope>;
      try {
        // Role sessions in the other accounts the run's users go to, made again (a lock wiped them).
        others = await scopesFor(journal.header.users.flatMap((u) => (u.accountId ? [u.accountId] : [])), org.roles);
        key = await RunKey.load(paths, { secrets: deps.platform.secrets, passphrase: keyPassphrase, forget: forgetPasswords });
      } catch (e) {
        journal.close();
        throw e;
      }
      const { attachTo, inviteValidDays } = journal.header;
      let reissued = 0;
      const jobs = [];
      for (const u of journal.header.users) {
        const r = await jobFromJournal(inputFor(u, attachTo, inviteValidDays), journal.of(u.userName), key, u.accountId ?? null);
        if (r.reissued) reissued++;
        jobs.push(r.job);
      }
      runner?.kill();
      runner = newRunner({ journal, key, acct, jobs, concurrency: 4, reissued, others }, ctx);
      runner.start();
      deps.log.info('adminBulk.resumed', { runId, users: jobs.length, reissued, keyReplaced: key.replaced });
      return runner.view();
    },

    'admin:bulk:exportPasswords': async ({ runId, passphrase, dialogTitle, filterName }) => {
      const r = current(runId);
      const entries: Array<[string, string]> = [];
      let superseded = 0;
      for (const u of r.view().users) {
        if (u.status !== 'done' || !u.hasPassword) continue;
        // A password replaced by a newer invite would be handed out wrong: left out, and counted.
        const f = holder.facts;
        if (f && generations.supersededSince(f.account.accountId, u.userName, f.stamp)) superseded++;
        else entries.push([u.userName, await r.password(u.userName)]);
      }
      if (entries.length === 0) throw new AppError('adminBulk.noPasswords');
      const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
      const path = await deps.platform.dialogs.saveFile({
        title: dialogTitle,
        defaultPath: join(deps.platform.paths.home, `passwords-${day}.csv.age`),
        filters: [{ name: filterName, extensions: ['age'] }],
      });
      if (!path) return { saved: false, path: null, count: 0, superseded };
      await writePrivateFile(path, await passwordSheet(entries, passphrase));
      deps.log.info('adminBulk.passwordSheetSaved', { runId, count: entries.length });
      return { saved: true, path, count: entries.length, superseded };
    },

    'admin:bulk:finish': async ({ runId }) => {
      const paths = runPaths(deps.platform.paths.userData, runId);
      if (runner?.runId === runId) {
        if (runner.busy) throw new AppError('adminBulk.runActive');
        runner.kill();
        runner = null;
        holder.detach();
      }
      const journal = openJournal(paths.journal);
      try {
        journal.markFinished();
      } finally {
        journal.close();
      }
      RunKey.destroy(paths);
      deps.log.info('adminBulk.finished', { runId });
      return { finished: true as const };
    },
  };
}

/** SHA-256 of the file's bytes: the run creates exactly the users that were checked. */
async function fileFingerprint(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    throw new AppError('adminBulk.fileUnreadable', { fileName: basename(path) }, { cause: e });
  }
  return h.digest('hex');
}

function openJournal(path: string): BulkJournal {
  try {
    return BulkJournal.open(path);
  } catch (e) {
    throw new AppError('adminBulk.journalUnreadable', {}, { cause: e });
  }
}
