import { defineStore } from './define-store';
import type { ChannelOutput } from '../shared/ipc/contract';
import { api } from './api';

type AppInfo = ChannelOutput<'app:info'>;

interface AppInfoState {
  info: AppInfo | null;
  /** Why main wiped the secrets and locked (shown until dismissed). */
  lockedReason: 'idle' | 'signOut' | 'flowEnded' | null;
  load(): Promise<void>;
  setLocked(reason: AppInfoState['lockedReason']): void;
}

export const useAppInfoStore = defineStore<AppInfoState>('app/info', { keep: 'version, platform and why the app locked: the lock notice needs it' }, (set) => ({
  info: null,
  lockedReason: null,
  setLocked: (lockedReason) => set({ lockedReason }),
  async load() {
    set({ info: await api.invoke('app:info', {}) });
  },
}));
