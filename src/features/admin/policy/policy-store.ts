import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { toErrorShape } from '../../../app/error-shape';

export type PolicyStatus = ChannelOutput<'admin:policyStatus'>;
export type SimulationRow = ChannelOutput<'admin:policySimulate'>['rows'][number];
type Applied = ChannelOutput<'admin:policyApply'>;
type Attached = ChannelOutput<'admin:attachPolicyToGroup'>;

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
  /** Members without MFA the admin must see before the policy goes on their group. */
  attachWarning: (Attached & { groupName: string }) | null;
  attachResult: Attached | null;
  load(): Promise<void>;
  apply(deleteVersionId?: string): Promise<void>;
  simulate(): Promise<void>;
  loadGroups(): Promise<void>;
  attachToGroup(groupName: string, confirm?: { openOnboardingDays: number | null }): Promise<void>;
  cancelAttach(): void;
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
    attachWarning: null,
    attachResult: null,
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
    async attachToGroup(groupName, confirm) {
      set({ error: null, attachedTo: null, attachResult: null });
      try {
        const out = await api.invoke('admin:attachPolicyToGroup', {
          groupName,
          ...(confirm ? { confirmMembersWithoutMfa: true, ...(confirm.openOnboardingDays ? { openOnboardingDays: confirm.openOnboardingDays } : {}) } : {}),
        });
        if (out.attached) set({ attachedTo: groupName, attachResult: out, attachWarning: null });
        else set({ attachWarning: { ...out, groupName } });
      } catch (e) {
        failed(e);
      }
    },
    cancelAttach: () => set({ attachWarning: null }),
  };
});
