import { create } from 'zustand';
import type { ChannelOutput } from '../shared/ipc/contract';
import { api } from './api';

type AppInfo = ChannelOutput<'app:info'>;

interface AppInfoState {
  info: AppInfo | null;
  load(): Promise<void>;
}

export const useAppInfoStore = create<AppInfoState>((set) => ({
  info: null,
  async load() {
    set({ info: await api.invoke('app:info', {}) });
  },
}));
