import { api } from '../../../app/api';
import { defineStore } from '../../../app/define-store';
import { toErrorShape } from '../../../app/error-shape';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';

export type MatrixRow = ChannelOutput<'admin:accounts:readiness'>['rows'][number];
export type CheckId = MatrixRow['checks'][number]['id'];
export type FixPlan = ChannelOutput<'admin:accounts:fixPlan'>;
type Fixable = ChannelInput<'admin:accounts:fixPlan'>['check'];
type Labels = ChannelInput<'admin:accounts:exportReadiness'>['labels'];

export const FIXABLE: readonly CheckId[] = ['passwordPolicy', 'enforcementPolicy'];

interface MatrixState {
  rows: MatrixRow[];
  /** How many accounts the run is checking (rows arrive one by one). */
  total: number | null;
  running: boolean;
  error: AppErrorShape | null;
  checkedAt: string | null;
  selected: { accountId: string; check: CheckId } | null;
  plan: FixPlan | null;
  planning: boolean;
  applying: boolean;
  fixError: AppErrorShape | null;
  applied: string | null;
  exported: ChannelOutput<'admin:accounts:exportReadiness'> | null;
  exportError: AppErrorShape | null;
  run(o?: { mfaCode?: string; roleName?: string; total?: number }): Promise<void>;
  select(cell: { accountId: string; check: CheckId } | null): void;
  showPlan(): Promise<void>;
  apply(): Promise<void>;
  exportCsv(labels: Labels, dialogTitle: string, filterName: string): Promise<void>;
}

const upsert = (rows: readonly MatrixRow[], row: MatrixRow): MatrixRow[] => {
  const i = rows.findIndex((r) => r.accountId === row.accountId);
  return i < 0 ? [...rows, row] : rows.map((r, j) => (j === i ? row : r));
};

/** The readiness matrix (accounts × checks): rows fill in as each account is checked; a cell's fix is planned, then applied. */
export const useMatrixStore = defineStore<MatrixState>('admin/accounts-matrix', 'reset', (set, get) => ({
  rows: [],
  total: null,
  running: false,
  error: null,
  checkedAt: null,
  selected: null,
  plan: null,
  planning: false,
  applying: false,
  fixError: null,
  applied: null,
  exported: null,
  exportError: null,
  async run(o = {}) {
    if (get().running) return;
    set({ running: true, error: null, rows: [], total: o.total ?? null, selected: null, plan: null, applied: null });
    const off = api.on('admin:accounts:readinessRow', (row) => set({ rows: upsert(get().rows, row) }));
    try {
      const r = await api.invoke('admin:accounts:readiness', { ...(o.mfaCode ? { mfaCode: o.mfaCode } : {}), ...(o.roleName ? { roleName: o.roleName } : {}) });
      set({ rows: r.rows, checkedAt: r.checkedAt, total: r.rows.length });
    } catch (e) {
      set({ error: toErrorShape(e) });
    } finally {
      off();
      set({ running: false });
    }
  },
  select: (cell) => set({ selected: cell, plan: null, fixError: null, applied: null }),
  async showPlan() {
    const sel = get().selected;
    if (!sel || !FIXABLE.includes(sel.check)) return;
    set({ planning: true, fixError: null, plan: null });
    try {
      set({ plan: await api.invoke('admin:accounts:fixPlan', { accountId: sel.accountId, check: sel.check as Fixable }), planning: false });
    } catch (e) {
      set({ planning: false, fixError: toErrorShape(e) });
    }
  },
  async apply() {
    const plan = get().plan;
    if (!plan) return;
    set({ applying: true, fixError: null });
    try {
      const { row } = await api.invoke('admin:accounts:fixApply', { planId: plan.planId });
      set({ rows: upsert(get().rows, row), applying: false, plan: null, applied: plan.accountId });
    } catch (e) {
      set({ applying: false, fixError: toErrorShape(e) });
    }
  },
  async exportCsv(labels, dialogTitle, filterName) {
    set({ exported: null, exportError: null });
    try {
      set({ exported: await api.invoke('admin:accounts:exportReadiness', { labels, dialogTitle, filterName }) });
    } catch (e) {
      set({ exportError: toErrorShape(e) });
    }
  },
}));
