import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import { busyAction, toErrorShape } from '../../../app/error-shape';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';

export type GuardCheck = ChannelOutput<'admin:guard:checks'>['checks'][number];
export type TrailPlan = ChannelOutput<'admin:guard:trailPlan'>;
export type AlertsPlan = ChannelOutput<'admin:guard:alertsPlan'>;
export type AlertText = ChannelInput<'admin:guard:alertsPlan'>['text'];
export type PublicAccessBlock = ChannelOutput<'admin:guard:blockPublicAccess'>['previous'];
type Which = 'trail' | 'alerts' | 's3';

/** What the last fix did, for the row to say (and, for S3, what to put back). */
export type GuardOutcome =
  | { kind: 'trailCreated' }
  | { kind: 'trailRemoved'; result: ChannelOutput<'admin:guard:trailRemove'> }
  | { kind: 'alertsCreated' }
  | { kind: 'alertsRemoved' }
  | { kind: 'testSent'; result: ChannelOutput<'admin:guard:alertsTest'> }
  | { kind: 's3Blocked'; previous: PublicAccessBlock }
  | { kind: 's3Restored' };

interface GuardState {
  checks: GuardCheck[] | null;
  loading: boolean;
  loadError: AppErrorShape | null;
  busy: boolean;
  error: AppErrorShape | null;
  /** Which row the pending action, plan or error belongs to. */
  active: Which | null;
  trailPlan: TrailPlan | null;
  alertsPlan: AlertsPlan | null;
  outcome: GuardOutcome | null;
  /** Kept across reloads so "undo" can put back the S3 settings that were there before — in that account only. */
  s3Previous: { accountId: string; value: PublicAccessBlock } | null;
  load(): Promise<void>;
  planTrail(): Promise<void>;
  applyTrail(): Promise<void>;
  removeTrail(): Promise<void>;
  planAlerts(input: { slackWebhookUrl?: string; email?: string; text: AlertText }): Promise<void>;
  applyAlerts(): Promise<void>;
  testAlerts(): Promise<void>;
  removeAlerts(): Promise<void>;
  blockS3(accountId: string): Promise<void>;
  restoreS3(accountId: string): Promise<void>;
  cancelPlan(): void;
}

/** Readiness rows for the account itself (CloudTrail, root alerts, S3, security groups): plan → apply → undo. */
export const useGuardStore = defineStore<GuardState>('admin/guard', 'reset', (set, get) => {
  const act = busyAction(get, set);
  const run = (which: Which, fn: () => Promise<void>) => {
    set({ active: which, outcome: null });
    return act(fn);
  };
  return {
    checks: null,
    loading: false,
    loadError: null,
    busy: false,
    error: null,
    active: null,
    trailPlan: null,
    alertsPlan: null,
    outcome: null,
    s3Previous: null,
    async load() {
      set({ loading: true, loadError: null });
      try {
        const r = await api.invoke('admin:guard:checks', {});
        set({ checks: r.checks, loading: false });
      } catch (e) {
        set({ loading: false, loadError: toErrorShape(e) });
      }
    },
    planTrail: () => run('trail', async () => set({ trailPlan: await api.invoke('admin:guard:trailPlan', {}) })),
    applyTrail: () =>
      run('trail', async () => {
        const plan = get().trailPlan;
        if (!plan) return;
        await api.invoke('admin:guard:trailApply', { planId: plan.planId });
        set({ trailPlan: null, outcome: { kind: 'trailCreated' } });
        await get().load();
      }),
    removeTrail: () =>
      run('trail', async () => {
        const result = await api.invoke('admin:guard:trailRemove', {});
        set({ outcome: { kind: 'trailRemoved', result } });
        await get().load();
      }),
    // The webhook URL passes through here once, straight to main; the store never keeps it.
    planAlerts: (input) => run('alerts', async () => set({ alertsPlan: await api.invoke('admin:guard:alertsPlan', input) })),
    applyAlerts: () =>
      run('alerts', async () => {
        const plan = get().alertsPlan;
        if (!plan) return;
        await api.invoke('admin:guard:alertsApply', { planId: plan.planId });
        set({ alertsPlan: null, outcome: { kind: 'alertsCreated' } });
        await get().load();
      }),
    testAlerts: () => run('alerts', async () => set({ outcome: { kind: 'testSent', result: await api.invoke('admin:guard:alertsTest', {}) } })),
    removeAlerts: () =>
      run('alerts', async () => {
        await api.invoke('admin:guard:alertsRemove', {});
        set({ outcome: { kind: 'alertsRemoved' } });
        await get().load();
      }),
    blockS3: (accountId) =>
      run('s3', async () => {
        const { previous } = await api.invoke('admin:guard:blockPublicAccess', {});
        set({ outcome: { kind: 's3Blocked', previous }, s3Previous: { accountId, value: previous } });
        await get().load();
      }),
    restoreS3: (accountId) =>
      run('s3', async () => {
        const prev = get().s3Previous;
        if (!prev || prev.accountId !== accountId) return;
        await api.invoke('admin:guard:restorePublicAccess', {});
        set({ outcome: { kind: 's3Restored' }, s3Previous: null });
        await get().load();
      }),
    cancelPlan: () => set({ trailPlan: null, alertsPlan: null, active: null, error: null }),
  };
});
