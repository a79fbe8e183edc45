import { api } from '../../../app/api';
import { defineStore, resetStores } from '../../../app/define-store';
import { toErrorShape } from '../../../app/error-shape';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { useAdminStore, type AdminTab } from '../admin-store';

export type AccountList = ChannelOutput<'admin:accounts:list'>;
type MfaAsk = Extract<ChannelOutput<'admin:accounts:switch'>, { status: 'mfaCodeNeeded' }>;

/** What the admin screens of one account show: reset when another account is chosen. */
export const ACCOUNT_SCOPED_STORES = ['admin/readiness', 'admin/policy', 'admin/users', 'admin/bulk', 'admin/status', 'admin/guard'] as const;

export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

interface AccountsState {
  list: AccountList | null;
  loading: boolean;
  error: AppErrorShape | null;
  filter: string;
  roleName: string;
  externalId: string;
  /** The account being switched to, while it is. */
  switching: string | null;
  switchError: AppErrorShape | null;
  /** A role's trust policy asked for MFA: the prompt names the role and the device. */
  mfa: (MfaAsk & { then: AdminTab | null }) | null;
  backing: boolean;
  load(): Promise<void>;
  setFilter(filter: string): void;
  setRole(patch: { roleName?: string; externalId?: string }): void;
  /** Makes `accountId` the account every screen works in; `then` opens that tab afterwards. */
  switchTo(accountId: string, o?: { roleName?: string; then?: AdminTab; mfaCode?: string }): Promise<void>;
  submitMfa(code: string): Promise<void>;
  cancelMfa(): void;
  back(): Promise<void>;
}

const adopt = (identity: ChannelOutput<'admin:accounts:back'>, then: AdminTab | null) => {
  resetStores(ACCOUNT_SCOPED_STORES);
  const admin = useAdminStore.getState();
  admin.setIdentity(identity);
  if (then) admin.setTab(then);
};

/** The account switcher: the organization's accounts, which one is in use, and going back. No credentials (main keeps them). */
export const useAccountsStore = defineStore<AccountsState>('admin/accounts', 'reset', (set, get) => ({
  list: null,
  loading: false,
  error: null,
  filter: '',
  roleName: 'OrganizationAccountAccessRole',
  externalId: '',
  switching: null,
  switchError: null,
  mfa: null,
  backing: false,
  async load() {
    set({ loading: true, error: null });
    try {
      const list = await api.invoke('admin:accounts:list', {});
      set({ list, loading: false, roleName: get().list ? get().roleName : list.defaultRoleName });
    } catch (e) {
      set({ loading: false, error: toErrorShape(e) });
    }
  },
  setFilter: (filter) => set({ filter }),
  setRole: (patch) => set(patch),
  async switchTo(accountId, o = {}) {
    const { roleName, externalId, list } = get();
    const sso = list?.source === 'sso';
    const role = (o.roleName ?? roleName).trim();
    const ext = externalId.trim();
    set({ switching: accountId, switchError: null });
    try {
      const r = await api.invoke('admin:accounts:switch', {
        accountId,
        ...(role && (sso || role !== list?.defaultRoleName) ? { roleName: role } : {}),
        ...(ext && !sso ? { externalId: ext } : {}),
        ...(o.mfaCode ? { mfaCode: o.mfaCode } : {}),
      });
      if (r.status === 'mfaCodeNeeded') return set({ switching: null, mfa: { ...r, then: o.then ?? null } });
      set({ switching: null, mfa: null, list: list && { ...list, accounts: list.accounts.map((a) => ({ ...a, current: a.accountId === accountId })) } });
      adopt(r.identity, o.then ?? null);
    } catch (e) {
      set({ switching: null, switchError: toErrorShape(e) });
    }
  },
  async submitMfa(code) {
    const ask = get().mfa;
    if (!ask) return;
    await get().switchTo(ask.accountId, { roleName: ask.roleName, mfaCode: code, ...(ask.then ? { then: ask.then } : {}) });
  },
  cancelMfa: () => set({ mfa: null, switchError: null }),
  async back() {
    set({ backing: true, switchError: null });
    try {
      const identity = await api.invoke('admin:accounts:back', {});
      const list = get().list;
      set({ backing: false, list: list && { ...list, accounts: list.accounts.map((a) => ({ ...a, current: a.accountId === identity.accountId })) } });
      adopt(identity, null);
    } catch (e) {
      set({ backing: false, switchError: toErrorShape(e) });
    }
  },
}));
