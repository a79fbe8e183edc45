import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';

export interface StatusFilter {
  text: string;
  /** '' = every group. */
  group: string;
  /** 'key=value', or '' = every tag. */
  tag: string;
}

export const NO_FILTER: StatusFilter = { text: '', group: '', tag: '' };

export const tagText = (t: { key: string; value: string }): string => `${t.key}=${t.value}`;

/** Case-insensitive name search, exact group, exact key=value tag. */
export function filterRows(rows: readonly UserStatusRow[], f: StatusFilter): UserStatusRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!text || r.userName.toLowerCase().includes(text)) &&
      (!f.group || (r.groups ?? []).includes(f.group)) &&
      (!f.tag || (r.tags ?? []).some((t) => tagText(t) === f.tag)),
  );
}

/** The groups and tags the users have, sorted, for the filter's choices. */
export function filterChoices(rows: readonly UserStatusRow[]): { groups: string[]; tags: string[] } {
  const groups = new Set<string>();
  const tags = new Set<string>();
  for (const r of rows) {
    for (const g of r.groups ?? []) groups.add(g);
    for (const t of r.tags ?? []) tags.add(tagText(t));
  }
  return { groups: [...groups].sort(), tags: [...tags].sort() };
}

export const bootstrapKeys = (r: UserStatusRow) => (r.accessKeys ?? []).filter((k) => k.bootstrap);
/** Devices a resync can work on (security keys do not drift). */
export const resyncableDevices = (r: UserStatusRow) => (r.mfaDevices ?? []).filter((d) => d.kind !== 'securityKey');
/** Ids of the bootstrap keys (a row read live has them; a report row does not). */
export const bootstrapKeyIds = (r: UserStatusRow): string[] => bootstrapKeys(r).flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : []));
/** The keys an action replaces: a lost-device reset replaces every key (see status-rules.ts in main), the others only bootstrap keys. */
export const keysReplacedBy = (kind: 'resend' | 'resetMfa' | 'removeKeys', r: UserStatusRow) => (kind === 'resetMfa' ? (r.accessKeys ?? []) : bootstrapKeys(r));
export const keyIds = (keys: ReadonlyArray<{ accessKeyId: string | null }>): string[] => keys.flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : []));
