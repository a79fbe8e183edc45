import { defineStore } from '../../app/define-store';
import { api } from '../../app/api';
import type { AppErrorShape } from '../../shared/errors/app-error';
import type { ChannelOutput } from '../../shared/ipc/contract';

export type ResyncStep = 'signIn' | 'codes' | 'verify' | 'done';
export type ResyncIdentity = ChannelOutput<'resync:signInWithProfile'>;
type ProfileList = ChannelOutput<'resync:listProfiles'>;

interface ResyncState {
  step: ResyncStep;
  busy: boolean;
  error: AppErrorShape | null;
  profiles: ProfileList | null;
  identity: ResyncIdentity | null;
  serialNumber: string | null;
  verifiedUser: string | null;
  /** AWS's clock minus this computer's, for the countdown to the next code. */
  serverOffsetMs: number;
  loadProfiles(): Promise<void>;
  signInWithProfile(profile: string): Promise<boolean>;
  signInWithKeys(accessKeyId: string, secretAccessKey: string): Promise<boolean>;
  chooseDevice(serialNumber: string): void;
  resync(code1: string, code2: string): Promise<boolean>;
  verify(code: string): Promise<boolean>;
  /** Back to the first step; main drops the credentials and codes. */
  startOver(): Promise<void>;
  /** The user left the screen: drop everything on both sides. */
  leave(): Promise<void>;
}

const initial = {
  step: 'signIn' as ResyncStep,
  busy: false,
  error: null,
  identity: null,
  serialNumber: null,
  verifiedUser: null,
  serverOffsetMs: 0,
};

const toShape = (e: unknown): AppErrorShape => {
  const x = e as Partial<AppErrorShape>;
  return typeof x.code === 'string' ? { code: x.code, params: x.params ?? {}, retryable: x.retryable ?? false } : { code: 'internal' };
};

/** Idempotent; if main cannot be reached there is no session left there to drop, and nothing to show. */
const dropInMain = () => api.invoke('resync:reset', {}).then(
  () => undefined,
  () => undefined,
);

export const useResyncStore = defineStore<ResyncState>('resync', 'reset', (set, get) => {
  /** Runs one call; on failure keeps the error for the screen. Main forgot the session? Back to sign-in. */
  const run = async (call: () => Promise<Partial<ResyncState>>): Promise<boolean> => {
    if (get().busy) return false;
    set({ busy: true, error: null });
    try {
      set({ ...(await call()), busy: false });
      return true;
    } catch (e) {
      const error = toShape(e);
      set({ busy: false, error, ...(error.code === 'resync.notSignedIn' ? { step: 'signIn' as const, identity: null } : {}) });
      return false;
    }
  };

  const clock = () => void api.invoke('app:serverClock', {}).then((c) => set({ serverOffsetMs: c.offsetMs }), () => undefined);
  const signedIn = (identity: ResyncIdentity): Partial<ResyncState> => {
    clock();
    return {
    identity,
    serialNumber: identity.devices[0]?.serialNumber ?? null,
    step: 'codes',
  };
  };

  return {
    ...initial,
    profiles: null,
    async loadProfiles() {
      try {
        set({ profiles: await api.invoke('resync:listProfiles', {}) });
      } catch (e) {
        set({ profiles: { profiles: [], configFile: '', credentialsFile: '' }, error: toShape(e) });
      }
    },
    signInWithProfile: (profile) => run(async () => signedIn(await api.invoke('resync:signInWithProfile', { profile }))),
    signInWithKeys: (accessKeyId, secretAccessKey) =>
      run(async () => signedIn(await api.invoke('resync:signInWithKeys', { accessKeyId, secretAccessKey }))),
    chooseDevice: (serialNumber) => set({ serialNumber }),
    resync: (code1, code2) =>
      run(async () => {
        const serialNumber = get().serialNumber ?? '';
        await api.invoke('resync:resync', { serialNumber, code1, code2 });
        return { step: 'verify' };
      }),
    verify: (code) =>
      run(async () => {
        const { userName } = await api.invoke('resync:verify', { code });
        return { step: 'done', verifiedUser: userName, identity: null };
      }),
    async startOver() {
      set({ ...initial });
      await dropInMain();
    },
    async leave() {
      set({ ...initial, profiles: null });
      await dropInMain();
    },
  };
});
