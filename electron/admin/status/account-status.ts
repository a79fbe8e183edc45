import type { IAMClient, User } from '@aws-sdk/client-iam';
import type { UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { mapLimit } from '../iam-call';
import type { CredentialReport } from '../credential-report/report-service';
import { directoryFields, rowFromReport, sameUser, unreadRow } from './report-rows';
import { readUserDirectory, type DirectoryUser } from './user-directory';
import { readUserStatus, skipVanished, USER_CONCURRENCY } from './user-status';

type Iam = Pick<IAMClient, 'send'>;

/**
 * Users the report cannot place (created after it, or no key to date their invite by) are read
 * one by one, this many at most per listing; the rest stay "not read" until the admin opens them.
 * Each read costs 4-6 calls, so this bounds a listing at a few dozen calls whatever the account.
 */
export const LIVE_READS_PER_LISTING = 10;

export interface AccountListing {
  rows: UserStatusRow[];
  directory: Map<string, DirectoryUser>;
  notRead: number;
}

/** A live read of one user, completed with what the directory knows (policies; path and dates). */
export async function readLive(iam: Iam, d: DirectoryUser | undefined, userName: string, passwordLastUsed: Date | undefined, nowMs: number): Promise<UserStatusRow> {
  const user: User = { UserName: d?.userName ?? userName, Arn: d?.arn ?? '', Path: d?.path ?? '/', UserId: '', CreateDate: d?.createDate ?? undefined, PasswordLastUsed: passwordLastUsed };
  const row = await readUserStatus(iam, user, nowMs);
  if (!d) return row;
  const dir = directoryFields(d, nowMs);
  // The directory was read moments ago in one call; the live read's own tags and groups win when it had them.
  return { ...row, arn: dir.arn, createDate: dir.createDate, inlinePolicies: dir.inlinePolicies, attachedPolicies: dir.attachedPolicies, tags: row.tags ?? dir.tags, groups: row.groups ?? dir.groups, onboardingWindow: row.onboardingWindow ?? dir.onboardingWindow };
}

/**
 * Every user's row from the credential report + GetAccountAuthorizationDetails (Filter=User): a
 * report download (none while the cached one is current) and one call per 1,000 users. `overlay`
 * holds rows read live since the report was generated; they are newer and replace the report's.
 */
export async function listFromAccountSources(
  iam: Iam,
  report: CredentialReport,
  overlay: ReadonlyMap<string, UserStatusRow>,
  nowMs: number,
): Promise<AccountListing> {
  const directory = await readUserDirectory(iam);
  const rows: Array<UserStatusRow | null> = [];
  const toRead: Array<{ index: number; d: DirectoryUser }> = [];
  for (const d of directory) {
    const key = d.userName.toLowerCase();
    const fresh = overlay.get(key);
    if (fresh) {
      const dir = directoryFields(d, nowMs);
      rows.push({ ...fresh, ...dir, tags: fresh.tags ?? dir.tags, groups: fresh.groups ?? dir.groups, onboardingWindow: fresh.onboardingWindow ?? dir.onboardingWindow });
      continue;
    }
    const r = report.byName.get(key);
    const row = r && sameUser(d, r) ? rowFromReport(d, r, nowMs) : null;
    if (!row) toRead.push({ index: rows.length, d });
    rows.push(row ?? unreadRow(d, nowMs));
  }
  const reading = toRead.slice(0, LIVE_READS_PER_LISTING);
  const live = await mapLimit(reading, USER_CONCURRENCY, ({ d }) =>
    readLive(iam, d, d.userName, report.byName.get(d.userName.toLowerCase())?.passwordLastUsed ?? undefined, nowMs).catch(skipVanished),
  );
  reading.forEach(({ index }, i) => (rows[index] = live[i] ?? null));
  return {
    rows: rows.filter((r): r is UserStatusRow => r !== null),
    directory: new Map(directory.map((d) => [d.userName.toLowerCase(), d])),
    notRead: toRead.length - reading.length,
  };
}
