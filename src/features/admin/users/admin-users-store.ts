import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { CreateUserInput, ProvisionRun } from '../../../shared/ipc/channels/admin-users';
import { busyAction, toErrorShape } from '../../../app/error-shape';

interface Group {
  groupName: string;
  path: string;
}

interface AdminUsersState {
  groups: Group[] | null;
  groupsError: AppErrorShape | null;
  run: ProvisionRun | null;
  busy: boolean;
  /** An error before a run exists (name taken, unfinished run) or from saving/copying. */
  error: AppErrorShape | null;
  /** Shown once, right after the invite is saved; gone when the admin leaves. */
  password: string | null;
  passwordCopied: boolean;
  messageCopied: boolean;
  /** Subscribes to step progress; returns the unsubscribe. */
  listen(): () => void;
  loadGroups(): Promise<void>;
  /** Picks up a run left unfinished (the admin switched tabs mid-way). */
  loadCurrent(): Promise<void>;
  create(input: CreateUserInput): Promise<void>;
  retry(): Promise<void>;
  undo(): Promise<void>;
  saveInvite(dialogTitle: string, filterName: string): Promise<void>;
  copyPassword(): Promise<void>;
  copyMessage(text: string): Promise<void>;
  /** Leaves the result (or the undone run): main wipes the secrets. */
  leave(): Promise<void>;
}

export const useAdminUsersStore = defineStore<AdminUsersState>('admin/users', 'reset', (set, get) => {
  const act = busyAction(get, set);
  const runId = () => get().run?.runId ?? '';

  return {
    groups: null,
    groupsError: null,
    run: null,
    busy: false,
    error: null,
    password: null,
    passwordCopied: false,
    messageCopied: false,

    // A late event must not bring back a run the admin already left.
    listen: () =>
      api.on('admin:users:progress', (run) => {
        if (get().busy || get().run?.runId === run.runId) set({ run });
      }),

    async loadGroups() {
      set({ groups: null, groupsError: null });
      try {
        set({ groups: (await api.invoke('admin:users:listGroups', {})).groups });
      } catch (e) {
        set({ groupsError: toErrorShape(e), groups: [] });
      }
    },

    async loadCurrent() {
      const run = await api.invoke('admin:users:current', {}).catch(() => null);
      if (run && !get().run) set({ run });
    },

    create: (input) => act(async () => set({ run: await api.invoke('admin:users:create', input) })),
    retry: () => act(async () => set({ run: await api.invoke('admin:users:retry', { runId: runId() }) })),
    undo: () => act(async () => set({ run: await api.invoke('admin:users:undo', { runId: runId() }) })),

    saveInvite: (dialogTitle, filterName) =>
      act(async () => {
        const r = await api.invoke('admin:users:saveInvite', { runId: runId(), dialogTitle, filterName });
        set({ run: r.run, ...(r.temporaryPassword ? { password: r.temporaryPassword } : {}) });
      }),

    copyPassword: () =>
      act(async () => {
        await api.invoke('admin:users:copyPassword', { runId: runId() });
        set({ passwordCopied: true });
      }),

    copyMessage: (text) =>
      act(async () => {
        await api.invoke('admin:users:copyMessage', { runId: runId(), text });
        set({ messageCopied: true });
      }),

    async leave() {
      const id = get().run?.runId;
      set({ run: null, password: null, passwordCopied: false, messageCopied: false, error: null });
      if (id) await api.invoke('admin:users:dismiss', { runId: id }).catch(() => undefined);
    },
  };
});
