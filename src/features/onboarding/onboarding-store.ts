import { defineStore } from '../../app/define-store';
import { api } from '../../app/api';
import type { AppErrorShape } from '../../shared/errors/app-error';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import type { OnboardingStep } from '../../shared/ipc/channels/onboarding';
import { bytesToBase64 } from './base64';
import { INVITE_MAX_BYTES } from '../../shared/invites/invite-limits';
import { toErrorShape } from '../../app/error-shape';

type SignIn = ChannelOutput<'onboarding:signIn'>;
type ManualValues = Omit<Extract<ChannelInput<'onboarding:signIn'>, { method: 'manual' }>, 'method'>;

interface OnboardingState {
  step: OnboardingStep;
  busy: boolean;
  error: AppErrorShape | null;
  /** What the retry button runs again (the last action that failed). */
  retryAction: (() => Promise<void>) | null;
  invite: { fileName: string; base64: string } | null;
  signedIn: SignIn | null;
  policy: ChannelOutput<'onboarding:passwordPolicy'> | null;
  passwordAlreadyChanged: boolean;
  mfa: ChannelOutput<'onboarding:startMfa'> | null;
  manualKey: string | null;
  keyCopied: boolean;
  /** The finish screen's command was copied. */
  commandCopied: boolean;
  /** AWS's clock minus this computer's, for the countdown to the next code. */
  serverOffsetMs: number;
  finished: ChannelOutput<'onboarding:finish'> | null;

  takeDroppedFile(file: File): Promise<void>;
  chooseFile(labels: { title: string; filterName: string }): Promise<void>;
  signInWithInvite(temporaryPassword: string): Promise<void>;
  signInManually(values: ManualValues): Promise<void>;
  loadPolicy(): Promise<void>;
  changePassword(newPassword: string): Promise<void>;
  startMfa(): Promise<void>;
  toggleKey(): Promise<void>;
  copyKey(): Promise<void>;
  copyCliCommand(profile: string): Promise<void>;
  /** An error belongs to the form that caused it: switching forms drops it. */
  clearError(): void;
  loadServerClock(): Promise<void>;
  enableMfa(code1: string, code2: string): Promise<void>;
  prove(code: string): Promise<void>;
  finish(keepCliAccess: boolean): Promise<void>;
  openConsole(url: string): Promise<void>;
  retry(): Promise<void>;
  reset(): Promise<void>;
}

const initial = {
  step: 'signIn' as OnboardingStep,
  busy: false,
  error: null,
  retryAction: null,
  invite: null,
  signedIn: null,
  policy: null,
  passwordAlreadyChanged: false,
  mfa: null,
  manualKey: null,
  keyCopied: false,
  commandCopied: false,
  serverOffsetMs: 0,
  finished: null,
};

export const useOnboardingStore = defineStore<OnboardingState>('onboarding', 'reset', (set, get) => {
  /** Runs one action: busy while it runs; on failure keeps the error and how to retry it. */
  const run = async (action: () => Promise<void>, onError?: (e: AppErrorShape) => boolean): Promise<void> => {
    set({ busy: true, error: null, retryAction: null });
    try {
      await action();
    } catch (e) {
      const error = toErrorShape(e);
      if (!onError?.(error)) set({ error, retryAction: action });
    } finally {
      set({ busy: false });
    }
  };

  const afterSignIn = (signedIn: SignIn) =>
    set({ signedIn, step: signedIn.step, invite: null, mfa: null, manualKey: null, policy: null });

  return {
    ...initial,
    takeDroppedFile: (file) =>
      run(async () => {
        // The same size checks main makes for a file chosen in the dialog, before reading it.
        if (file.size === 0) throw { code: 'invite.empty' };
        if (file.size > INVITE_MAX_BYTES) throw { code: 'invite.tooLarge', params: { maxBytes: INVITE_MAX_BYTES } };
        set({ invite: { fileName: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) } });
      }),
    chooseFile: (labels) =>
      run(async () => {
        const out = await api.invoke('onboarding:chooseInviteFile', labels);
        if (out.chosen) set({ invite: { fileName: out.fileName, base64: out.base64 } });
      }),
    signInWithInvite: (temporaryPassword) =>
      run(async () => {
        const invite = get().invite;
        if (!invite) throw { code: 'onboarding.needInviteFile' };
        afterSignIn(await api.invoke('onboarding:signIn', { method: 'invite', inviteBase64: invite.base64, temporaryPassword }));
      }),
    signInManually: (values) => run(async () => afterSignIn(await api.invoke('onboarding:signIn', { method: 'manual', ...values }))),
    loadPolicy: () => run(async () => set({ policy: await api.invoke('onboarding:passwordPolicy', {}) })),
    changePassword: (newPassword) =>
      run(
        async () => {
          const out = await api.invoke('onboarding:changePassword', { newPassword });
          set({ step: 'mfa', passwordAlreadyChanged: out.alreadyChanged });
        },
        (e) => {
          // The account policy changed under us: show the rules AWS now enforces.
          if (e.code === 'onboarding.passwordPolicyViolation') void get().loadPolicy().then(() => set({ error: e }));
          return false;
        },
      ),
    startMfa: () =>
      run(
        async () => {
          const mfa = await api.invoke('onboarding:startMfa', {});
          set({ mfa, manualKey: null, keyCopied: false, serverOffsetMs: mfa.serverOffsetMs });
        },
        (e) => {
          if (e.code !== 'onboarding.mfaAlreadyEnabled') return false;
          const s = get().signedIn;
          if (s) set({ signedIn: { ...s, resumed: { ...s.resumed, mfaAlreadyEnabled: true } } });
          set({ step: 'prove' });
          return true;
        },
      ),
    toggleKey: () =>
      run(async () => {
        if (get().manualKey) set({ manualKey: null });
        else set({ manualKey: (await api.invoke('onboarding:showMfaKey', {})).key });
      }),
    copyKey: () =>
      run(async () => {
        await api.invoke('onboarding:copyMfaKey', {});
        set({ keyCopied: true });
      }),
    copyCliCommand: (profile) =>
      run(async () => {
        await api.invoke('onboarding:copyCliCommand', { profile });
        set({ commandCopied: true });
      }),
    clearError: () => set({ error: null, retryAction: null }),
    async loadServerClock() {
      const out = await api.invoke('app:serverClock', {}).catch(() => null);
      if (out) set({ serverOffsetMs: out.offsetMs });
    },
    enableMfa: (code1, code2) =>
      run(
        async () => {
          await api.invoke('onboarding:enableMfa', { code1, code2 });
          set({ step: 'prove', mfa: null, manualKey: null });
        },
        (e) => {
          if (e.code !== 'onboarding.mfaDeviceGone') return false;
          set({ error: e, retryAction: get().startMfa, mfa: null });
          return true;
        },
      ),
    prove: (code) =>
      run(async () => {
        await api.invoke('onboarding:proveMfa', { code });
        set({ step: 'finish' });
      }),
    finish: (keepCliAccess) => run(async () => set({ finished: await api.invoke('onboarding:finish', { keepCliAccess }) })),
    openConsole: (url) => run(async () => void (await api.invoke('app:openExternal', { url }))),
    retry: async () => {
      const action = get().retryAction;
      if (action) await run(action);
    },
    reset: async () => {
      set({ ...initial });
      await api.invoke('onboarding:cancel', {}).catch(() => undefined);
    },
  };
});
