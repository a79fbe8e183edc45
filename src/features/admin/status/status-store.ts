import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import { INVITE_DAYS_DEFAULT as INVITE_VALID_DAYS_DEFAULT } from '../../../shared/admin-limits';
import type { InviteIssued, UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { bootstrapKeyIds, DEFAULT_SORT, keyIds, keysReplacedBy, NO_FILTER, nextSort, type SortKey, type StatusFilter, type StatusSort } from './filter';
import { toErrorShape } from '../../../app/error-shape';

export type ActionKind = 'resend' | 'resetMfa' | 'removeKeys' | 'resync' | 'askMfa';
type Csv = ChannelInput<'admin:status:exportCsv'>;

/** What the selected user's panel shows: the action being confirmed or run, and its outcome. */
export interface ActionState {
  kind: ActionKind | null;
  busy: boolean;
  error: AppErrorShape | null;
  issued: InviteIssued | null;
  removed: ChannelOutput<'admin:status:removeBootstrapKeys'> | null;
  resynced: boolean;
  asked: ChannelOutput<'admin:status:askMfaSetup'> | null;
}

const IDLE: ActionState = { kind: null, busy: false, error: null, issued: null, removed: null, resynced: false, asked: null };

type Listing = ChannelOutput<'admin:status:list'>;

interface StatusState {
  users: UserStatusRow[] | null;
  listedAt: string | null;
  report: Listing['report'];
  reportUnavailable: string | null;
  notRead: number;
  /** The selected user is being read live (the panel's detail). */
  reading: boolean;
  loading: boolean;
  error: AppErrorShape | null;
  filter: StatusFilter;
  sort: StatusSort;
  selected: string | null;
  action: ActionState;
  validDays: number;
  passwordCopied: boolean;
  csv: { error: AppErrorShape | null; saved: ChannelOutput<'admin:status:exportCsv'> | null };
  load(): Promise<void>;
  /** Reads one user now and puts the answer in its row (key ids, device serials). */
  readUser(userName: string): Promise<void>;
  setFilter(patch: Partial<StatusFilter>): void;
  /** Sorts by `key`; the sorted column again reverses it. */
  sortBy(key: SortKey): void;
  select(userName: string | null): void;
  start(kind: ActionKind | null): void;
  setValidDays(days: number): void;
  resend(dialog: { dialogTitle: string; filterName: string }): Promise<void>;
  resetMfa(dialog: { dialogTitle: string; filterName: string }): Promise<void>;
  removeKeys(): Promise<void>;
  askMfa(): Promise<void>;
  resync(serialNumber: string, code1: string, code2: string): Promise<boolean>;
  copyPassword(): Promise<void>;
  closeResult(): Promise<void>;
  exportCsv(input: Omit<Csv, 'userNames'>, userNames: string[]): Promise<void>;
}

export const useStatusStore = defineStore<StatusState>('admin/status', 'reset', (set, get) => {
  const row = () => get().users?.find((u) => u.userName === get().selected) ?? null;
  /** Runs an action for the selected user; a vanished user refreshes the table. */
  const run = async (fn: (user: UserStatusRow) => Promise<Partial<ActionState>>, refresh = true) => {
    const user = row();
    if (!user || get().action.busy) return false;
    set((s) => ({ action: { ...s.action, busy: true, error: null } }));
    try {
      const done = await fn(user);
      set((s) => ({ action: { ...s.action, ...done, busy: false } }));
      // Only this user changed: read it again rather than the whole account.
      if (refresh) void get().readUser(user.userName);
      return true;
    } catch (e) {
      set((s) => ({ action: { ...s.action, busy: false, error: toErrorShape(e) } }));
      if ((toErrorShape(e)).code === 'adminStatus.userGone') void get().load();
      return false;
    }
  };
  const invite = (issued: InviteIssued): Partial<ActionState> => ({ issued });

  return {
    users: null,
    listedAt: null,
    report: null,
    reportUnavailable: null,
    notRead: 0,
    reading: false,
    loading: false,
    error: null,
    filter: NO_FILTER,
    sort: DEFAULT_SORT,
    selected: null,
    action: IDLE,
    validDays: INVITE_VALID_DAYS_DEFAULT,
    passwordCopied: false,
    csv: { error: null, saved: null },
    async load() {
      set({ loading: true, error: null });
      try {
        const out = await api.invoke('admin:status:list', {});
        set({ users: out.users, listedAt: out.listedAt, report: out.report, reportUnavailable: out.reportUnavailable, notRead: out.notRead, loading: false });
      } catch (e) {
        set({ loading: false, error: toErrorShape(e) });
      }
    },
    async readUser(userName) {
      set({ reading: true });
      try {
        const row = await api.invoke('admin:status:detail', { userName });
        set((s) => ({ reading: false, users: s.users?.map((u) => (u.userName === row.userName ? row : u)) ?? null }));
      } catch (e) {
        set((s) => ({ reading: false, action: { ...s.action, error: toErrorShape(e) } }));
        if (toErrorShape(e).code === 'adminStatus.userGone') void get().load();
      }
    },
    setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
    sortBy: (key) => set((s) => ({ sort: nextSort(s.sort, key) })),
    select(userName) {
      void get().closeResult();
      set({ selected: userName, action: IDLE });
      // The listing's report rows have no key ids or device serials; the actions need them.
      if (userName) void get().readUser(userName);
    },
    start: (kind) => set({ action: { ...IDLE, kind } }),
    setValidDays: (validDays) => set({ validDays }),
    async resend(dialog) {
      await run(async (u) =>
        invite(await api.invoke('admin:status:resendInvite', { userName: u.userName, deleteKeyIds: bootstrapKeyIds(u), validDays: get().validDays, ...dialog })),
      );
    },
    async resetMfa(dialog) {
      await run(async (u) =>
        invite(
          await api.invoke('admin:status:resetMfa', {
            userName: u.userName,
            serialNumbers: (u.mfaDevices ?? []).map((d) => d.serialNumber),
            deleteKeyIds: keyIds(keysReplacedBy('resetMfa', u)),
            validDays: get().validDays,
            ...dialog,
          }),
        ),
      );
    },
    async removeKeys() {
      await run(async (u) => ({ removed: await api.invoke('admin:status:removeBootstrapKeys', { userName: u.userName, accessKeyIds: bootstrapKeyIds(u) }) }));
    },
    async askMfa() {
      await run(async (u) => ({ asked: await api.invoke('admin:status:askMfaSetup', { userName: u.userName, validDays: get().validDays }) }));
    },
    async resync(serialNumber, code1, code2) {
      return run(async (u) => {
        await api.invoke('admin:status:resync', { userName: u.userName, serialNumber, code1, code2 });
        return { resynced: true };
      }, false);
    },
    async copyPassword() {
      const userName = get().action.issued?.userName;
      if (!userName) return;
      try {
        await api.invoke('admin:status:copyPassword', { userName });
        set({ passwordCopied: true });
      } catch (e) {
        set((s) => ({ action: { ...s.action, error: toErrorShape(e) } }));
      }
    },
    async closeResult() {
      // The password leaves the screen and main's memory together.
      set((s) => ({ action: { ...s.action, issued: s.action.issued ? { ...s.action.issued, temporaryPassword: undefined } : null }, passwordCopied: false }));
      await api.invoke('admin:status:dismiss', {}).catch(() => undefined);
      set({ action: IDLE });
    },
    async exportCsv(input, userNames) {
      set({ csv: { error: null, saved: null } });
      try {
        set({ csv: { error: null, saved: await api.invoke('admin:status:exportCsv', { ...input, userNames }) } });
      } catch (e) {
        set({ csv: { error: toErrorShape(e), saved: null } });
      }
    },
  };
});
