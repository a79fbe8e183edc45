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
  savingReport: boolean;
  savedReport: ChannelOutput<'admin:credentialReport:save'> | null;
  saveReportError: AppErrorShape | null;
  load(): Promise<void>;
  saveReport(dialogTitle: string, filterName: string): Promise<void>;
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
  savingReport: false,
  savedReport: null,
  saveReportError: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const r = await api.invoke('admin:readiness', {});
      set({ checks: r.checks, checkedAt: r.checkedAt, loading: false });
    } catch (e) {
      set({ loading: false, error: toErrorShape(e) });
    }
  },
  async saveReport(dialogTitle, filterName) {
    set({ savingReport: true, saveReportError: null, savedReport: null });
    try {
      set({ savingReport: false, savedReport: await api.invoke('admin:credentialReport:save', { dialogTitle, filterName }) });
    } catch (e) {
      set({ savingReport: false, saveReportError: toErrorShape(e) });
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
