import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import { PASSWORD_CLIPBOARD_CLEAR_MS } from '../../../src/shared/admin-limits';
import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers } from '../../ipc/handler-types';
import type { AdminSession } from '../admin-session';
import type { InviteGenerations } from '../users/invite-generations';
import { openPasswordSheet, SHEET_MAX_BYTES } from './password-sheet';
import type { BulkRunHolder } from './run-holder';
import { csvTemplate } from './csv-template';

interface Sheet {
  fileName: string;
  entries: Map<string, string>;
}

/** A source of temporary passwords: this session's bulk run, or a sheet the admin opened. */
interface Source {
  password(userName: string): Promise<string>;
  superseded(userName: string): boolean;
}

export function createHandoffHandlers(deps: AppDeps, session: AdminSession, generations: InviteGenerations, runs: BulkRunHolder): FeatureHandlers<'admin:handoff'> {
  const sheets = new Map<string, Sheet>();
  // Opened sheets are secrets in memory: gone on sign-out, idle lock, quit and flow end.
  const wipe = () => sheets.clear();
  session.onSignOut(wipe);
  deps.lifecycle.hold('admin:handoff/openedSheets', { holdsSecrets: () => sheets.size > 0, wipe });
  // The hand-off reaches this session's bulk run (its key unseals every password) through the holder;
  // the bulk handlers detach it on their own wipe too, this makes the lock's coverage explicit.
  deps.lifecycle.hold('admin:handoff/run', { holdsSecrets: () => runs.runner !== null, wipe: () => runs.detach() });

  const runSource = (id: string) => {
    const { runner, facts } = runs;
    if (!runner || !facts || runner.runId !== id) return null;
    if (session.requireIdentity().accountId !== facts.account.accountId) throw new AppError('adminBulk.otherAccount');
    return { runner, facts };
  };

  const sourceOf = (id: string): Source => {
    session.requireIdentity();
    const sheet = sheets.get(id);
    if (sheet) {
      return {
        password: async (u) => {
          const pw = sheet.entries.get(u);
          if (pw === undefined) throw new AppError('adminBulk.noPassword', { userName: u });
          return pw;
        },
        // A sheet is a file from an earlier session: the app cannot know what was reissued since.
        superseded: () => false,
      };
    }
    const run = runSource(id);
    if (!run) throw new AppError('adminBulk.noSuchRun');
    // A user the file sent to another account was reissued (or not) in that account.
    const accountOfUser = new Map(run.runner.view().users.map((u) => [u.userName, u.accountId ?? run.facts.account.accountId]));
    return {
      password: (u) => run.runner.password(u),
      superseded: (u) => generations.supersededSince(accountOfUser.get(u) ?? run.facts.account.accountId, u, run.facts.stamp),
    };
  };

  /** The password, unless a newer invite replaced it (then it no longer signs anyone in). */
  const currentPassword = async (src: Source, userName: string): Promise<string> => {
    if (src.superseded(userName)) throw new AppError('adminBulk.passwordSuperseded', { userName });
    return src.password(userName);
  };

  return {
    'admin:handoff:facts': async ({ source }) => {
      const run = runSource(source);
      if (!run) throw new AppError('adminBulk.noSuchRun');
      const { account, createdAt, inviteValidDays, stamp, accountOf } = run.facts;
      // Users the file's `account` column sent elsewhere: their message and slip name their own account.
      const own = (accountId: string | null) => {
        if (!accountId || accountId === account.accountId || !accountOf) return null;
        const a = accountOf(accountId);
        return { accountId: a.accountId, accountAlias: a.accountAlias, consoleUrl: a.consoleUrl };
      };
      return {
        accountId: account.accountId,
        accountAlias: account.accountAlias,
        consoleUrl: account.consoleUrl,
        expiresAt: new Date(Date.parse(createdAt) + inviteValidDays * 86_400_000).toISOString(),
        users: run.runner.view().users.map((u) => ({
          userName: u.userName,
          inviteFile: u.inviteFile,
          superseded: generations.supersededSince(u.accountId ?? account.accountId, u.userName, stamp),
          account: own(u.accountId),
        })),
      };
    },

    'admin:handoff:reveal': async ({ source, userName }) => {
      const password = await currentPassword(sourceOf(source), userName);
      deps.log.info('adminHandoff.revealed', { userName });
      return { password };
    },

    'admin:handoff:copyPassword': async ({ source, userName }) => {
      deps.platform.clipboard.writeSecret(await currentPassword(sourceOf(source), userName), PASSWORD_CLIPBOARD_CLEAR_MS);
      return { copied: true as const, clearAfterMs: PASSWORD_CLIPBOARD_CLEAR_MS };
    },

    'admin:handoff:slips': async ({ source, userNames }) => {
      const src = sourceOf(source);
      const slips: Array<{ userName: string; password: string }> = [];
      const superseded: string[] = [];
      for (const u of userNames) {
        if (src.superseded(u)) superseded.push(u);
        else slips.push({ userName: u, password: await src.password(u) });
      }
      deps.log.info('adminHandoff.slips', { count: slips.length });
      return { slips, superseded };
    },

    'admin:handoff:copyMessage': async ({ source, userName, text }) => {
      // The message travels by mail or chat; the password must take another channel.
      const src = sourceOf(source);
      const pw = await src.password(userName).catch(() => null);
      if (pw && text.includes(pw)) throw new AppError('adminUsers.messageHasSecret');
      deps.platform.clipboard.writeText(text);
      return { copied: true as const };
    },

    'admin:handoff:openSheet': async ({ passphrase, dialogTitle, filterName }) => {
      session.requireIdentity();
      const path = await deps.platform.dialogs.openFile({ title: dialogTitle, filters: [{ name: filterName, extensions: ['age'] }] });
      if (!path) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (e) {
        throw new AppError('adminBulk.sheetUnreadable', { file: basename(path) }, { cause: e });
      }
      if (bytes.length > SHEET_MAX_BYTES) throw new AppError('adminBulk.notASheet');
      const entries = await openPasswordSheet(new Uint8Array(bytes), passphrase);
      const sheetId = randomUUID();
      sheets.set(sheetId, { fileName: basename(path), entries });
      deps.log.info('adminHandoff.sheetOpened', { users: entries.size });
      return { sheetId, fileName: basename(path), users: [...entries.keys()] };
    },

    'admin:handoff:closeSheet': async ({ source }) => {
      sheets.delete(source);
      return { closed: true as const };
    },

    'admin:handoff:saveTemplate': async ({ language, dialogTitle, filterName }) => {
      const path = await deps.platform.dialogs.saveFile({
        title: dialogTitle,
        defaultPath: join(deps.platform.paths.home, language === 'ko' ? '사용자-목록.csv' : 'users.csv'),
        filters: [{ name: filterName, extensions: ['csv'] }],
      });
      if (!path) return { saved: false, path: null };
      await writeFile(path, csvTemplate(language), 'utf8');
      return { saved: true, path };
    },
  };
}
