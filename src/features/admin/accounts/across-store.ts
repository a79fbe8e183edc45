import { api } from '../../../app/api';
import { defineStore } from '../../../app/define-store';
import { toErrorShape } from '../../../app/error-shape';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';

export type AccountStatus = ChannelOutput<'admin:accounts:status'>['accounts'][number];

interface AcrossState {
  accounts: AccountStatus[] | null;
  listedAt: string | null;
  loading: boolean;
  error: AppErrorShape | null;
  load(): Promise<void>;
}

/** Onboarding across the organization's accounts: counts per state, and who is not done yet (user names only). */
export const useAcrossStore = defineStore<AcrossState>('admin/accounts-status', 'reset', (set) => ({
  accounts: null,
  listedAt: null,
  loading: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const r = await api.invoke('admin:accounts:status', {});
      set({ accounts: r.accounts, listedAt: r.listedAt, loading: false });
    } catch (e) {
      set({ loading: false, error: toErrorShape(e) });
    }
  },
}));
