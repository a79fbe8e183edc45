import { PASSWORD_CLIPBOARD_CLEAR_MS } from '../../src/shared/admin-limits';
import { cliTryCommand } from '../../src/shared/cli/try-command';
import { decryptInvite } from '../invites/invite-codec';
import type { AppDeps } from '../app/app-deps';
import type { FeatureHandlers } from '../ipc/handler-types';
import { finish } from './finish-step';
import { withFriendlyErrors } from './friendly-errors';
import { chooseInviteFile } from './invite-file';
import { enableMfa, proveMfa } from './mfa-codes';
import { manualEntryKey, startMfa } from './mfa-device';
import { OnboardingSession } from './onboarding-session';
import { changePassword, loadPasswordPolicy } from './password-step';
import { vetInviteEndpoints } from './session-endpoints';
import { signIn, valuesFromInvite } from './sign-in';

/** The new-employee wizard. One session at a time; every secret stays in `session` (main process). */
export function createOnboardingHandlers(deps: AppDeps): FeatureHandlers<'onboarding'> {
  const session = new OnboardingSession();
  // Idle lock, quit and sign-out drop the wizard's secrets too.
  deps.lifecycle.hold('onboarding/session', session);
  const handlers: FeatureHandlers<'onboarding'> = {
    'onboarding:chooseInviteFile': async (labels) => chooseInviteFile(deps.platform.dialogs, labels),
    'onboarding:signIn': async (input) => {
      if (input.method === 'manual') {
        return signIn(deps, session, {
          ...input,
          accountAlias: null,
          region: deps.aws.region,
          endpoints: undefined,
          temporaryPasswordVerified: false,
          freshCredentials: false,
          fromInvite: false,
        });
      }
      const bytes = Buffer.from(input.inviteBase64, 'base64');
      try {
        const invite = await decryptInvite(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), input.temporaryPassword, deps.clock.now());
        const endpoints = vetInviteEndpoints(invite, deps.aws);
        return await signIn(deps, session, valuesFromInvite(invite, input.temporaryPassword, endpoints, deps.clock.now()));
      } finally {
        bytes.fill(0);
      }
    },
    'onboarding:passwordPolicy': async () => loadPasswordPolicy(session),
    'onboarding:changePassword': async ({ newPassword }) => changePassword(session, newPassword),
    'onboarding:startMfa': async () => startMfa(deps, session),
    'onboarding:showMfaKey': async () => ({ key: manualEntryKey(session) }),
    'onboarding:copyMfaKey': async () => {
      // The seed without the reading spaces: authenticator apps take it either way, some only without.
      deps.platform.clipboard.writeSecret(manualEntryKey(session).replace(/\s+/g, ''), PASSWORD_CLIPBOARD_CLEAR_MS);
      return { copied: true as const, clearAfterMs: PASSWORD_CLIPBOARD_CLEAR_MS };
    },
    'onboarding:enableMfa': async ({ code1, code2 }) => enableMfa(deps, session, code1, code2),
    'onboarding:proveMfa': async ({ code }) => proveMfa(deps, session, code),
    'onboarding:finish': async ({ keepCliAccess }) => finish(deps, session, keepCliAccess),
    'onboarding:copyCliCommand': async ({ profile }) => {
      deps.platform.clipboard.writeText(cliTryCommand(profile));
      return { copied: true as const };
    },
    'onboarding:cancel': async () => {
      session.wipe();
      return { wiped: true as const };
    },
  };
  for (const key of Object.keys(handlers) as (keyof typeof handlers)[]) {
    (handlers as Record<string, unknown>)[key] = withFriendlyErrors(handlers[key] as (...a: unknown[]) => Promise<unknown>);
  }
  return handlers;
}
