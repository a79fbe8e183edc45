import { defineStore } from '../../../app/define-store';
import { api } from '../../../app/api';
import type { AppErrorShape } from '../../../shared/errors/app-error';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { useAdminStore } from '../admin-store';
import { toErrorShape } from '../../../app/error-shape';

export type SignInMethod = 'profile' | 'sso' | 'keys';
type ProfileList = ChannelOutput<'admin:listProfiles'>;
type ProfileResult = ChannelOutput<'admin:signInWithProfile'>;

interface SignInState {
  method: SignInMethod;
  profiles: ProfileList | null;
  busy: boolean;
  error: AppErrorShape | null;
  /** A profile waits for the MFA code of this device. */
  mfaPrompt: { profile: string; mfaSerial: string } | null;
  setMethod(method: SignInMethod): void;
  loadProfiles(): Promise<void>;
  signInWithProfile(profile: string): Promise<void>;
  submitMfaCode(code: string): Promise<void>;
  cancelMfa(): Promise<void>;
  signInWithKeys(input: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<void>;
  reset(): void;
}

export const useSignInStore = defineStore<SignInState>('admin/sign-in', 'reset', (set, get) => {
  const settle = (r: ProfileResult) => {
    if (r.status === 'signedIn') {
      set({ busy: false, mfaPrompt: null, error: null });
      useAdminStore.getState().setIdentity(r.identity);
    } else {
      set({ busy: false, mfaPrompt: { profile: r.profile, mfaSerial: r.mfaSerial } });
    }
  };
  const failed = (e: unknown) => set({ busy: false, error: toErrorShape(e) });
  return {
    method: 'profile',
    profiles: null,
    busy: false,
    error: null,
    mfaPrompt: null,
    setMethod: (method) => set({ method, error: null }),
    async loadProfiles() {
      try {
        set({ profiles: await api.invoke('admin:listProfiles', {}) });
      } catch (e) {
        failed(e);
      }
    },
    async signInWithProfile(profile) {
      set({ busy: true, error: null, mfaPrompt: null });
      await api.invoke('admin:signInWithProfile', { profile }).then(settle, failed);
    },
    async submitMfaCode(code) {
      set({ busy: true, error: null });
      // A rejected code ends the attempt in main: the admin starts again with a fresh code.
      await api.invoke('admin:submitMfaCode', { code }).then(settle, (e: unknown) => {
        set({ mfaPrompt: null });
        failed(e);
      });
    },
    async cancelMfa() {
      set({ mfaPrompt: null, busy: false });
      await api.invoke('admin:cancelSignIn', {}).catch(failed);
    },
    async signInWithKeys(input) {
      set({ busy: true, error: null });
      try {
        const identity = await api.invoke('admin:signInWithKeys', input);
        set({ busy: false });
        useAdminStore.getState().setIdentity(identity);
      } catch (e) {
        failed(e);
      }
    },
    reset: () => {
      if (get().mfaPrompt) void api.invoke('admin:cancelSignIn', {}).catch(() => {});
      set({ busy: false, error: null, mfaPrompt: null });
    },
  };
});
