import type { StatusKey, UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { ONBOARDING_WINDOW_TAG } from '../../../shared/mfa-policy/onboarding-window';

/** The question the admin asks of the table: who is in which part of onboarding. */
export const STATE_FILTERS = ['all', 'waiting', 'expired', 'noMfa', 'done', 'problems'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface StatusFilter {
  text: string;
  /** '' = every group. */
  group: string;
  /** 'key=value', or '' = every tag. */
  tag: string;
  state: StateFilter;
}

export const NO_FILTER: StatusFilter = { text: '', group: '', tag: '', state: 'all' };

export const SORT_KEYS = ['user', 'state', 'expiry', 'lastActivity'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface StatusSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}
export const DEFAULT_SORT: StatusSort = { key: 'user', dir: 'asc' };
/** A first click sorts the way the question is asked: most recent activity first, everything else A→Z / soonest first. */
export const firstDir = (key: SortKey): StatusSort['dir'] => (key === 'lastActivity' ? 'desc' : 'asc');
/** Clicking the sorted column reverses it; another column starts in its first direction. */
export const nextSort = (current: StatusSort, key: SortKey): StatusSort =>
  current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir(key) };

export const tagText = (t: { key: string; value: string }): string => `${t.key}=${t.value}`;
/** The admin's tags: the app's own onboarding-window tag is shown as the invite-expiry column instead. */
export const visibleTags = <T extends { key: string }>(tags: readonly T[]): T[] => tags.filter((t) => t.key.toLowerCase() !== ONBOARDING_WINDOW_TAG);

const DAY_MS = 86_400_000;
/** A key nobody used for this long is flagged: it should be deleted or explained. */
export const STALE_KEY_DAYS = 90;

export type KeyProblem = 'leftOver' | 'unused';

/**
 * Why a key deserves red, or null for a normal key. A bootstrap key is normal while its invite is
 * open; it is a problem once onboarding is over (done, or the invite expired). Any active key
 * unused for more than 90 days (never used: counted from its creation) is a problem.
 */
export function keyProblem(r: UserStatusRow, k: StatusKey, now: number): KeyProblem | null {
  if (k.bootstrap && (r.status === 'done' || r.onboardingWindow?.expired)) return 'leftOver';
  if (k.status !== 'Active' || !k.lastUsedKnown) return null;
  const since = k.lastUsedDate ?? k.createDate;
  const days = since ? (now - Date.parse(since)) / DAY_MS : k.lastUsedDate === null ? k.ageDays : null;
  return days !== null && days > STALE_KEY_DAYS ? 'unused' : null;
}

/** The row's problems: an expired invite, and keys that should not be there. */
export const hasProblem = (r: UserStatusRow, now: number): boolean =>
  !!r.onboardingWindow?.expired || (r.accessKeys ?? []).some((k) => keyProblem(r, k, now) !== null);

/** Without MFA after the password step, or a key-only user without MFA; waiting users are "waiting". */
const noMfa = (r: UserStatusRow) => r.status === 'passwordChangedNoMfa' || (r.status === 'noConsoleAccess' && r.mfaActive === false);

export function matchesState(r: UserStatusRow, state: StateFilter, now: number): boolean {
  switch (state) {
    case 'all':
      return true;
    case 'waiting':
      return r.status === 'waitingFirstSignIn' && !r.onboardingWindow?.expired;
    case 'expired':
      return !!r.onboardingWindow?.expired;
    case 'noMfa':
      return noMfa(r);
    case 'done':
      return r.status === 'done';
    case 'problems':
      return hasProblem(r, now);
  }
}

/** How many users each state filter would show (the filter buttons say it). */
export function stateCounts(rows: readonly UserStatusRow[], now: number): Record<StateFilter, number> {
  const counts = Object.fromEntries(STATE_FILTERS.map((s) => [s, 0])) as Record<StateFilter, number>;
  for (const r of rows) for (const s of STATE_FILTERS) if (matchesState(r, s, now)) counts[s]++;
  return counts;
}

/** Case-insensitive name search, exact group, exact key=value tag, one state. */
export function filterRows(rows: readonly UserStatusRow[], f: StatusFilter, now: number): UserStatusRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!text || r.userName.toLowerCase().includes(text)) &&
      (!f.group || (r.groups ?? []).includes(f.group)) &&
      (!f.tag || (r.tags ?? []).some((t) => tagText(t) === f.tag)) &&
      matchesState(r, f.state, now),
  );
}

/** Most urgent first: expired invites, then stuck halfway, then waiting, unknown, key-only, done. */
const URGENCY = ['passwordChangedNoMfa', 'waitingFirstSignIn', 'unknown', 'noConsoleAccess', 'done'] as const;
const stateRank = (r: UserStatusRow) => (r.onboardingWindow?.expired ? -1 : URGENCY.indexOf(r.status));

/** The latest sign-in or key use; null = never (or not known). */
export function lastActivity(r: UserStatusRow): string | null {
  const times = [r.passwordLastUsed, ...(r.accessKeys ?? []).map((k) => k.lastUsedDate)].filter((x): x is string => !!x);
  return times.length ? times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null;
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);
const VALUE: Record<SortKey, (r: UserStatusRow) => number | string> = {
  user: (r) => r.userName,
  state: stateRank,
  expiry: (r) => time(r.onboardingWindow?.expiresAt),
  lastActivity: (r) => time(lastActivity(r)),
};

/** Sorted by one column; rows without a value (no invite period, never active) go last either way; ties by name. */
export function sortRows(rows: readonly UserStatusRow[], sort: StatusSort): UserStatusRow[] {
  const value = VALUE[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: UserStatusRow, b: UserStatusRow) => (a.userName < b.userName ? -1 : a.userName > b.userName ? 1 : 0);
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    const [xMissing, yMissing] = [Number.isNaN(x), Number.isNaN(y)];
    if (xMissing || yMissing) return xMissing === yMissing ? byName(a, b) : xMissing ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? c * sign : byName(a, b);
  });
}

/** The groups and tags the users have, sorted, for the filter's choices. */
export function filterChoices(rows: readonly UserStatusRow[]): { groups: string[]; tags: string[] } {
  const groups = new Set<string>();
  const tags = new Set<string>();
  for (const r of rows) {
    for (const g of r.groups ?? []) groups.add(g);
    for (const t of visibleTags(r.tags ?? [])) tags.add(tagText(t));
  }
  return { groups: [...groups].sort(), tags: [...tags].sort() };
}

/** A key id in short form for the table (the full id is in its title and the panel). */
export const shortKeyId = (id: string): string => (id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id);

export const bootstrapKeys = (r: UserStatusRow) => (r.accessKeys ?? []).filter((k) => k.bootstrap);
/** Devices a resync can work on (security keys do not drift). */
export const resyncableDevices = (r: UserStatusRow) => (r.mfaDevices ?? []).filter((d) => d.kind !== 'securityKey');
/** Ids of the bootstrap keys (a row read live has them; a report row does not). */
export const bootstrapKeyIds = (r: UserStatusRow): string[] => bootstrapKeys(r).flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : []));
/** The keys an action replaces: a lost-device reset replaces every key (see status-rules.ts in main), the others only bootstrap keys. */
export const keysReplacedBy = (kind: 'resend' | 'resetMfa' | 'removeKeys', r: UserStatusRow) => (kind === 'resetMfa' ? (r.accessKeys ?? []) : bootstrapKeys(r));
export const keyIds = (keys: ReadonlyArray<{ accessKeyId: string | null }>): string[] => keys.flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : []));
