import { api } from '../../../app/api';
import { defineStore } from '../../../app/define-store';
import { busyAction } from '../../../app/error-shape';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';

type Facts = ChannelOutput<'admin:handoff:facts'>;
export interface Slip {
  userName: string;
  password: string;
}

/**
 * Handing out a bulk run's (or an opened sheet's) temporary passwords. A revealed password and the
 * printed slips are the only copies in the renderer, and only while on screen / being printed.
 */
interface HandoffState {
  busy: boolean;
  error: AppErrorShape | null;
  facts: Facts | null;
  revealed: { userName: string; password: string } | null;
  /** What the last action did, for the status line ("password of kim copied"). */
  done: { kind: 'passwordCopied' | 'messageCopied' | 'printed'; userName?: string; count?: number; superseded?: number } | null;
  slips: Slip[] | null;
  sheet: { sheetId: string; fileName: string; users: string[] } | null;
  loadFacts(source: string): Promise<void>;
  reveal(source: string, userName: string): Promise<void>;
  hide(): void;
  copyPassword(source: string, userName: string): Promise<void>;
  copyMessage(source: string, userName: string, text: string): Promise<void>;
  printSlips(source: string, userNames: string[]): Promise<void>;
  openSheet(passphrase: string, dialogTitle: string, filterName: string): Promise<boolean>;
  closeSheet(): Promise<void>;
  saveTemplate(language: 'ko' | 'en', dialogTitle: string, filterName: string): Promise<string | null>;
  clear(): void;
}

// Reset on lock like every store: a revealed password, printed slips and an opened sheet's names go.
export const useHandoffStore = defineStore<HandoffState>('admin/handoff', 'reset', (set, get) => {
  const act = busyAction(get, set);
  return {
    busy: false,
    error: null,
    facts: null,
    revealed: null,
    done: null,
    slips: null,
    sheet: null,
    loadFacts: (source) => act(async () => set({ facts: await api.invoke('admin:handoff:facts', { source }) })),
    reveal: (source, userName) =>
      act(async () => set({ revealed: { userName, ...(await api.invoke('admin:handoff:reveal', { source, userName })) }, done: null })),
    hide: () => set({ revealed: null }),
    copyPassword: (source, userName) =>
      act(async () => {
        await api.invoke('admin:handoff:copyPassword', { source, userName });
        set({ done: { kind: 'passwordCopied', userName } });
      }),
    copyMessage: (source, userName, text) =>
      act(async () => {
        await api.invoke('admin:handoff:copyMessage', { source, userName, text });
        set({ done: { kind: 'messageCopied', userName } });
      }),
    printSlips: (source, userNames) =>
      act(async () => {
        const { slips, superseded } = await api.invoke('admin:handoff:slips', { source, userNames });
        // Rendered into the print-only layer, printed, then dropped (see print-slips.tsx).
        set({ slips, revealed: null, done: { kind: 'printed', count: slips.length, superseded: superseded.length } });
      }),
    async openSheet(passphrase, dialogTitle, filterName) {
      let opened = false;
      await act(async () => {
        const sheet = await api.invoke('admin:handoff:openSheet', { passphrase, dialogTitle, filterName });
        if (sheet) set({ sheet, revealed: null, done: null });
        opened = sheet !== null;
      });
      return opened;
    },
    async closeSheet() {
      const id = get().sheet?.sheetId;
      set({ sheet: null, revealed: null, done: null, error: null });
      if (id) await api.invoke('admin:handoff:closeSheet', { source: id }).catch(() => undefined);
    },
    async saveTemplate(language, dialogTitle, filterName) {
      let path: string | null = null;
      await act(async () => {
        path = (await api.invoke('admin:handoff:saveTemplate', { language, dialogTitle, filterName })).path;
      });
      return path;
    },
    clear: () => set({ facts: null, revealed: null, done: null, slips: null, error: null }),
  };
});
