/**
 * Status rows from the account-wide sources: the credential report (credentials) and
 * GetAccountAuthorizationDetails (who the user is, tags, groups, policies). Pure functions.
 */
import type { StatusKey, UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import type { ReportUser } from '../credential-report/report-csv';
import { isBootstrapKey, statusOf, type UserFacts } from './status-rules';
import type { DirectoryUser } from './user-directory';
import { onboardingWindowState } from '../../../src/shared/mfa-policy/onboarding-window';

const DAY_MS = 86_400_000;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The report's row belongs to this user, not to an earlier one of the same name (deleted and created again). */
export function sameUser(d: DirectoryUser, r: ReportUser): boolean {
  if (!d.createDate || !r.createdAt) return d.arn === r.arn;
  return Math.floor(d.createDate.getTime() / 1000) === Math.floor(r.createdAt.getTime() / 1000);
}

/**
 * Whether the user must still change the password they were given. The report does not say, so
 * it is inferred from what it does have (see README, "Onboarding status at scale"):
 * - the invite's key is the newest key (every invite — create, resend, MFA reset — makes a new one);
 * - the wizard signs in with that key before it changes the password, so a key used before the
 *   password last changed means the user changed it;
 * - a console sign-in after the invite followed by a password change means the same;
 * - neither: the password is still the one set with the invite.
 * Without a key the report can only say "never signed in" (still the given password); a user who
 * signed in and has no key cannot be placed: null, and the row is read live.
 */
export function inferResetRequired(r: ReportUser): boolean | null {
  if (!r.passwordEnabled) return false;
  if (r.mfaActive) return false; // the wizard registers MFA only after the new password
  const changed = r.passwordLastChanged?.getTime();
  if (changed === undefined) return null;
  const signedIn = r.passwordLastUsed?.getTime() ?? null;
  const invite = r.keys.filter((k) => k.lastRotated).sort((a, b) => b.lastRotated!.getTime() - a.lastRotated!.getTime())[0];
  if (!invite) return signedIn === null ? true : null;
  const keyUsed = invite.lastUsed?.getTime() ?? null;
  const viaKey = keyUsed !== null && changed >= keyUsed;
  const viaConsole = signedIn !== null && signedIn >= invite.lastRotated!.getTime() && changed > signedIn;
  return !(viaKey || viaConsole);
}

/** The directory's part of a row: identity, tags, groups, policies (extend here for facts read from tags or policies). */
export function directoryFields(
  d: DirectoryUser,
  nowMs: number,
): Pick<UserStatusRow, 'userName' | 'arn' | 'createDate' | 'groups' | 'tags' | 'inlinePolicies' | 'attachedPolicies' | 'onboardingWindow'> {
  return {
    userName: d.userName,
    arn: d.arn,
    createDate: iso(d.createDate),
    groups: d.groups,
    tags: d.tags,
    inlinePolicies: d.inlinePolicies.map((p) => p.name),
    attachedPolicies: d.attachedPolicies.map((p) => p.arn),
    // The window is the user's tag (see onboarding-window.ts); the directory carries every user's tags.
    onboardingWindow: onboardingWindowState(d.tags, nowMs),
  };
}

/** A row from the report, or null when the report cannot place the user (then it is read live). */
export function rowFromReport(d: DirectoryUser, r: ReportUser, nowMs: number): UserStatusRow | null {
  const reset = inferResetRequired(r);
  if (reset === null) return null;
  const facts: UserFacts = { consolePassword: r.passwordEnabled === true, passwordResetRequired: reset, mfaDeviceCount: r.mfaActive ? 1 : 0 };
  const accessKeys: StatusKey[] = r.keys.map((k) => {
    const key = {
      accessKeyId: null,
      slot: k.slot,
      status: k.active ? ('Active' as const) : ('Inactive' as const),
      createDate: iso(k.lastRotated),
      ageDays: k.lastRotated ? Math.floor((nowMs - k.lastRotated.getTime()) / DAY_MS) : null,
      lastUsedDate: iso(k.lastUsed),
      lastUsedKnown: true,
    };
    return { ...key, bootstrap: isBootstrapKey(key, facts) };
  });
  return {
    ...directoryFields(d, nowMs),
    status: statusOf(facts),
    consolePassword: facts.consolePassword,
    passwordResetRequired: reset,
    mfaActive: r.mfaActive,
    mfaDevices: null,
    accessKeys,
    passwordLastUsed: iso(r.passwordLastUsed),
    source: 'report',
    missingPermissions: [],
  };
}

/** A user neither the report nor a live read has placed yet: known from the directory only. */
export function unreadRow(d: DirectoryUser, nowMs: number): UserStatusRow {
  return {
    ...directoryFields(d, nowMs),
    status: 'unknown',
    consolePassword: null,
    passwordResetRequired: null,
    mfaActive: null,
    mfaDevices: null,
    accessKeys: null,
    passwordLastUsed: null,
    source: 'notRead',
    missingPermissions: [],
  };
}
