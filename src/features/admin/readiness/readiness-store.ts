import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { toErrorShape } from '../../../app/error-shape';

export type ReadinessCheck = ChannelOutput<'admin:readiness'>['checks'][number];

interface ReadinessState {
  checks: ReadinessCheck[] | null;
  checkedAt: string | null;
  loading: boolean;
  error: AppErrorShape | null;
  applying: boolean;
  applyError: AppErrorShape | null;
  applied: boolean;
  load(): Promise<void>;
  applyCis(): Promise<void>;
}

export const useReadinessStore = defineStore<ReadinessState>('admin/readiness', 'reset', (set, get) => ({
  checks: null,
  checkedAt: null,
  loading: false,
  error: null,
  applying: false,
  applyError: null,
  applied: false,
  async load() {
    set({ loading: true, error: null });
    try {
      const r = await api.invoke('admin:readiness', {});
      set({ checks: r.checks, checkedAt: r.reportGeneratedAt, loading: false });
    } catch (e) {
      set({ loading: false, error: toErrorShape(e) });
    }
  },
  async applyCis() {
    set({ applying: true, applyError: null, applied: false });
    try {
      await api.invoke('admin:applyCisPasswordPolicy', {});
      set({ applying: false, applied: true });
      await get().load();
    } catch (e) {
      set({ applying: false, applyError: toErrorShape(e) });
    }
  },
}));
