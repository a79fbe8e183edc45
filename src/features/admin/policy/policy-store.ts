import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { toErrorShape } from '../../../app/error-shape';

export type PolicyStatus = ChannelOutput<'admin:policyStatus'>;
export type SimulationRow = ChannelOutput<'admin:policySimulate'>['rows'][number];
type Applied = ChannelOutput<'admin:policyApply'>;

interface PolicyState {
  status: PolicyStatus | null;
  loading: boolean;
  error: AppErrorShape | null;
  applying: boolean;
  applied: Applied | null;
  simulation: SimulationRow[] | null;
  simulating: boolean;
  groups: string[] | null;
  attachedTo: string | null;
  load(): Promise<void>;
  apply(deleteVersionId?: string): Promise<void>;
  simulate(): Promise<void>;
  loadGroups(): Promise<void>;
  attachToGroup(groupName: string): Promise<void>;
}

export const usePolicyStore = defineStore<PolicyState>('admin/policy', 'reset', (set, get) => {
  const failed = (e: unknown) => set({ loading: false, applying: false, simulating: false, error: toErrorShape(e) });
  return {
    status: null,
    loading: false,
    error: null,
    applying: false,
    applied: null,
    simulation: null,
    simulating: false,
    groups: null,
    attachedTo: null,
    async load() {
      set({ loading: true, error: null });
      try {
        set({ status: await api.invoke('admin:policyStatus', {}), loading: false });
      } catch (e) {
        failed(e);
      }
    },
    async apply(deleteVersionId) {
      set({ applying: true, error: null, applied: null });
      try {
        const applied = await api.invoke('admin:policyApply', deleteVersionId ? { deleteVersionId } : {});
        set({ applying: false, applied });
        await get().load();
      } catch (e) {
        failed(e);
      }
    },
    async simulate() {
      set({ simulating: true, error: null });
      try {
        set({ simulation: (await api.invoke('admin:policySimulate', {})).rows, simulating: false });
      } catch (e) {
        failed(e);
      }
    },
    async loadGroups() {
      try {
        set({ groups: (await api.invoke('admin:listGroups', {})).groups });
      } catch (e) {
        failed(e);
      }
    },
    async attachToGroup(groupName) {
      set({ error: null, attachedTo: null });
      try {
        await api.invoke('admin:attachPolicyToGroup', { groupName });
        set({ attachedTo: groupName });
      } catch (e) {
        failed(e);
      }
    },
  };
});
