import { defineStore } from '../../app/define-store';
import { api } from '../../app/api';
import type { AppErrorShape } from '../../shared/errors/app-error';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { toErrorShape } from '../../app/error-shape';
import { useLeaveGuard } from '../../app/leave-guard';

export type AdminIdentity = NonNullable<ChannelOutput<'admin:identity'>>;
export type AdminTab = 'readiness' | 'policy' | 'users' | 'bulk' | 'status' | 'accounts' | 'accountsReadiness';

interface AdminState {
  identity: AdminIdentity | null;
  tab: AdminTab;
  /** Why the last session ended, when it was not the admin's choice. */
  endedBecause: 'expired' | null;
  signOutError: AppErrorShape | null;
  setIdentity(identity: AdminIdentity): void;
  load(): Promise<void>;
  setTab(tab: AdminTab): void;
  signOut(reason?: 'expired'): Promise<void>;
}

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/** The signed-in administrator as the screens see it (no credentials: those stay in main). */
export const useAdminStore = defineStore<AdminState>('admin/session', 'reset', (set, get) => ({
  identity: null,
  tab: 'readiness',
  endedBecause: null,
  signOutError: null,
  setIdentity(identity) {
    clearTimeout(expiryTimer);
    // Credentials that cannot be refreshed end the session when they expire: sign out cleanly and say so.
    if (identity.expiresAt) {
      const ms = Date.parse(identity.expiresAt) - Date.now();
      expiryTimer = setTimeout(() => void get().signOut('expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    }
    set({ identity, endedBecause: null, tab: 'readiness' });
  },
  async load() {
    const identity = await api.invoke('admin:identity', {}).catch(() => null);
    if (identity) get().setIdentity(identity);
    else set({ identity: null });
  },
  // Another tab or signing out leaves a secret shown once: ask first (see leave-guard).
  setTab: (tab) => {
    if (tab !== get().tab) useLeaveGuard.getState().requestLeave(() => set({ tab }));
  },
  async signOut(reason) {
    // The admin's own sign-out asks first; an expired session cannot be kept anyway.
    if (!reason) {
      const confirmed = await new Promise<boolean>((resolve) => useLeaveGuard.getState().requestLeave(() => resolve(true), () => resolve(false)));
      if (!confirmed) return;
    }
    clearTimeout(expiryTimer);
    try {
      await api.invoke('admin:signOut', {});
      set({ identity: null, endedBecause: reason ?? null, signOutError: null });
    } catch (e) {
      set({ signOutError: toErrorShape(e) });
    }
  },
}));
