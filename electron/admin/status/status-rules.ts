/**
 * Pure rules of the onboarding status table: what state a user is in, and which of their access
 * keys are "bootstrap" keys (left from an invite) that the actions may delete.
 */
import type { UserStatus } from '../../../src/shared/admin-limits';
import type { StatusKey } from '../../../src/shared/ipc/channels/admin-status';

export interface UserFacts {
  /** null = unknown (the admin may not read it). */
  consolePassword: boolean | null;
  passwordResetRequired: boolean | null;
  mfaDeviceCount: number | null;
}

/**
 * - no console password → noConsoleAccess (whatever else);
 * - password still to be changed → waitingFirstSignIn (the invite's temporary password);
 * - changed, no MFA device → passwordChangedNoMfa (the wizard stopped half-way);
 * - changed and an MFA device → done.
 */
export function statusOf(f: UserFacts): UserStatus {
  if (f.consolePassword === null) return 'unknown';
  if (!f.consolePassword) return 'noConsoleAccess';
  if (f.passwordResetRequired === null) return 'unknown';
  if (f.passwordResetRequired) return 'waitingFirstSignIn';
  if (f.mfaDeviceCount === null) return 'unknown';
  return f.mfaDeviceCount > 0 ? 'done' : 'passwordChangedNoMfa';
}

/**
 * A key is a bootstrap key when nobody can depend on it:
 * - it was never used; or
 * - its user has a console password and no MFA device yet. Under the MFA-enforcement policy such a
 *   user's long-term key can do nothing but onboarding, so it is the invite's key (used or not).
 * A used key of a user who finished onboarding is the one the wizard kept for CLI access, and a used
 * key of a user without console access belongs to a program: neither is a bootstrap key, whatever
 * its age (rotation is the readiness page's "old access keys" check).
 */
export function isBootstrapKey(key: { lastUsedKnown: boolean; lastUsedDate: string | null }, f: UserFacts): boolean {
  if (key.lastUsedKnown && key.lastUsedDate === null) return true;
  return f.consolePassword === true && f.mfaDeviceCount === 0;
}

export const neverUsed = (key: Pick<StatusKey, 'lastUsedKnown' | 'lastUsedDate'>): boolean => key.lastUsedKnown && key.lastUsedDate === null;

/**
 * Which keys a new invite replaces: the keys the admin confirmed that are still bootstrap keys now,
 * plus any key never used (e.g. one a failed earlier attempt created). Taking the confirmed list,
 * not the live rule alone, keeps a retry safe: after an MFA reset the user has no MFA device, and
 * the live rule would otherwise call their CLI key a bootstrap key.
 */
export function keysToReplace(live: StatusKey[], confirmed: readonly string[], which: KeysReplaced = 'bootstrap'): string[] {
  return live.flatMap((k) =>
    k.accessKeyId !== null && (neverUsed(k) || ((which === 'everyConfirmed' || k.bootstrap) && confirmed.includes(k.accessKeyId))) ? [k.accessKeyId] : [],
  );
}

/**
 * A resend replaces only bootstrap keys (a key in use is someone's). A lost-device reset replaces
 * every key the admin confirmed, in use or not: without the device none of them can do anything
 * (the enforcement policy denies every call without MFA), and a key left active while onboarding
 * is open again would let a copied key register a device of its own. The user gets a fresh
 * command-line key from the wizard ("keep command-line access").
 */
export type KeysReplaced = 'bootstrap' | 'everyConfirmed';

/** IAM allows two access keys per user. */
export const MAX_KEYS_PER_USER = 2;
