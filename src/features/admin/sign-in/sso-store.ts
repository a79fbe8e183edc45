import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { useAdminStore } from '../admin-store';
import { toErrorShape } from '../../../app/error-shape';

type Started = ChannelOutput<'admin:ssoStart'>;
type Account = ChannelOutput<'admin:ssoWait'>['accounts'][number];

export type SsoPhase = 'form' | 'starting' | 'waiting' | 'pickAccount' | 'signingIn';

interface SsoState {
  phase: SsoPhase;
  device: Started | null;
  accounts: Account[];
  accountId: string | null;
  roles: string[];
  error: AppErrorShape | null;
  /** `preferred`: the account and role an SSO profile names, chosen for the admin once approved. */
  start(startUrl: string, region: string, preferred?: { accountId: string; roleName: string }): Promise<void>;
  pickAccount(accountId: string): Promise<void>;
  signIn(roleName: string): Promise<void>;
  cancel(): Promise<void>;
}

const CANCELLED = 'admin.signInCancelled';

/** IAM Identity Center device sign-in: start → the admin approves in the browser → account → role. */
export const useSsoStore = defineStore<SsoState>('admin/sso', 'reset', (set, get) => {
  const failed = (e: unknown) => {
    const error = toErrorShape(e);
    set({ phase: 'form', device: null, error: error.code === CANCELLED ? null : error });
  };
  return {
    phase: 'form',
    device: null,
    accounts: [],
    accountId: null,
    roles: [],
    error: null,
    async start(startUrl, region, preferred) {
      set({ phase: 'starting', error: null, device: null, accounts: [], accountId: null, roles: [] });
      try {
        const device = await api.invoke('admin:ssoStart', { startUrl, region });
        if (get().phase !== 'starting') return; // cancelled meanwhile
        set({ phase: 'waiting', device });
        const { accounts } = await api.invoke('admin:ssoWait', {});
        set({ phase: 'pickAccount', accounts, device: null });
        const wanted = accounts.find((a) => a.accountId === preferred?.accountId) ?? (accounts.length === 1 ? accounts[0] : undefined);
        if (wanted) await get().pickAccount(wanted.accountId);
        if (wanted && preferred?.roleName && get().roles.includes(preferred.roleName)) await get().signIn(preferred.roleName);
      } catch (e) {
        failed(e);
      }
    },
    async pickAccount(accountId) {
      set({ accountId, roles: [], error: null });
      try {
        set({ roles: (await api.invoke('admin:ssoListRoles', { accountId })).roles });
      } catch (e) {
        set({ error: toErrorShape(e) });
      }
    },
    async signIn(roleName) {
      const accountId = get().accountId;
      if (!accountId) return;
      set({ phase: 'signingIn', error: null });
      try {
        const identity = await api.invoke('admin:ssoSignIn', { accountId, roleName });
        set({ phase: 'form', accounts: [], roles: [], accountId: null });
        useAdminStore.getState().setIdentity(identity);
      } catch (e) {
        set({ phase: 'pickAccount', error: toErrorShape(e) });
      }
    },
    async cancel() {
      set({ phase: 'form', device: null, accounts: [], roles: [], accountId: null, error: null });
      await api.invoke('admin:cancelSignIn', {}).catch(() => {});
    },
  };
});
