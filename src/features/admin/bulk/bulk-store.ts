import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { BulkImport, BulkRun } from '../../../shared/ipc/channels/admin-bulk';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { busyAction } from '../../../app/error-shape';
import { applyProgress } from './apply-progress';

export type SavedRun = ChannelOutput<'admin:bulk:savedRuns'>['runs'][number];
export interface StartOptions {
  inviteValidDays: number;
  /** Leave out the rows listed as problems and create the rest. */
  skipInvalidRows: boolean;
  concurrency: number;
  attachTo: string | null;
  /** Where the OS keychain is weak or missing: the run key is sealed to it. */
  keyPassphrase: string | null;
}

interface BulkState {
  saved: SavedRun[];
  checked: BulkImport | null;
  run: BulkRun | null;
  busy: boolean;
  error: AppErrorShape | null;
  exported: { path: string; count: number; superseded: number } | null;
  finished: boolean;
  listen(): () => void;
  load(): Promise<void>;
  importFile(dialogTitle: string, filterName: string): Promise<void>;
  reimport(): Promise<void>;
  start(o: StartOptions, dialogTitle: string): Promise<void>;
  control(action: 'pause' | 'resume' | 'cancel'): Promise<void>;
  resumeSaved(runId: string, key?: { keyPassphrase: string | null; forgetPasswords: boolean }): Promise<void>;
  discardSaved(runId: string): Promise<void>;
  exportPasswords(passphrase: string, dialogTitle: string, filterName: string): Promise<void>;
  finish(): Promise<void>;
}

export const useBulkStore = defineStore<BulkState>('admin/bulk', 'reset', (set, get) => {
  const act = busyAction(get, set);
  const runId = () => get().run?.runId ?? '';
  const loadSaved = async () => set({ saved: (await api.invoke('admin:bulk:savedRuns', {})).runs });
  /** A file that could not be read replaces the last one: its message must not sit next to another file's users. */
  const forgetOnFailure = async <T,>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      set({ checked: null });
      throw e;
    }
  };
  let resyncing = false;
  const resync = async () => {
    if (resyncing) return;
    resyncing = true;
    try {
      const run = await api.invoke('admin:bulk:current', {});
      if (run) set({ run });
    } catch {
      // the next event tries again
    } finally {
      resyncing = false;
    }
  };

  return {
    saved: [],
    checked: null,
    run: null,
    busy: false,
    error: null,
    exported: null,
    finished: false,

    listen: () =>
      api.on('admin:bulk:progress', (p) => {
        const run = get().run;
        const next = run && run.runId === p.runId ? applyProgress(run, p) : null;
        if (next) {
          if (next !== run) set({ run: next });
          return;
        }
        // No view yet, another run, or a missed event: ask for the whole run once.
        if (!run || run.runId === p.runId) void resync();
      }),

    load: () =>
      act(async () => {
        const run = await api.invoke('admin:bulk:current', {});
        set({ run, finished: false });
        await loadSaved();
      }),

    importFile: (dialogTitle, filterName) =>
      act(async () => {
        const checked = await forgetOnFailure(api.invoke('admin:bulk:import', { dialogTitle, filterName }));
        if (checked) set({ checked });
      }),
    reimport: () => act(async () => set({ checked: await forgetOnFailure(api.invoke('admin:bulk:reimport', {})) })),

    start: (o, dialogTitle) =>
      act(async () => {
        const run = await api.invoke('admin:bulk:start', { ...o, dialogTitle });
        if (run) set({ run, checked: null, exported: null, finished: false });
      }),

    control: (action) => act(async () => set({ run: await api.invoke(`admin:bulk:${action}`, { runId: runId() }) })),

    resumeSaved: (id, key) =>
      act(async () => {
        set({ run: await api.invoke('admin:bulk:resumeSaved', { runId: id, ...key }), checked: null, finished: false });
        await loadSaved();
      }),
    discardSaved: (id) =>
      act(async () => {
        await api.invoke('admin:bulk:finish', { runId: id });
        await loadSaved();
      }),

    exportPasswords: (passphrase, dialogTitle, filterName) =>
      act(async () => {
        const r = await api.invoke('admin:bulk:exportPasswords', { runId: runId(), passphrase, dialogTitle, filterName });
        if (r.saved && r.path) set({ exported: { path: r.path, count: r.count, superseded: r.superseded } });
      }),

    finish: () =>
      act(async () => {
        await api.invoke('admin:bulk:finish', { runId: runId() });
        set({ run: null, finished: true, exported: null });
        await loadSaved();
      }),
  };
});
