import { parse } from 'csv-parse/sync';
import { AppError } from '../../../src/shared/errors/app-error';

/**
 * The credential report's CSV read by column name (IAM User Guide, "Understanding the report
 * format"), so columns AWS may add later do not break it. Values that are not dates or booleans
 * (N/A, no_information, not_supported) read as null.
 */

export interface ReportKey {
  /** access_key_1 or access_key_2: the report has no key ids. */
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last changed; null when the slot is empty. */
  lastRotated: Date | null;
  lastUsed: Date | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface ReportUser {
  userName: string;
  arn: string;
  createdAt: Date | null;
  /** null for the root user (not_supported). */
  passwordEnabled: boolean | null;
  passwordLastUsed: Date | null;
  passwordLastChanged: Date | null;
  passwordNextRotation: Date | null;
  mfaActive: boolean;
  /** The slots that hold a key (active or not). */
  keys: ReportKey[];
}

export interface ParsedReport {
  root: ReportUser | null;
  users: ReportUser[];
}

const REQUIRED = ['user', 'arn', 'password_enabled', 'mfa_active'] as const;
const ROOT = '<root_account>';

const date = (v: string | undefined): Date | null => {
  if (!v || !/^\d{4}-\d\d-\d\dT/.test(v)) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};
const bool = (v: string | undefined): boolean | null => (v === undefined ? null : /^true$/i.test(v) ? true : /^false$/i.test(v) ? false : null);
const text = (v: string | undefined): string | null => (!v || v === 'N/A' || v === 'no_information' ? null : v);

export function parseCredentialReport(csv: string): ParsedReport {
  let records: string[][];
  try {
    records = parse(csv, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    throw new AppError('admin.credentialReportUnreadable', undefined, { cause: error });
  }
  const header = records[0] ?? [];
  if (!REQUIRED.every((c) => header.includes(c))) throw new AppError('admin.credentialReportUnreadable');
  const col = new Map(header.map((h, i) => [h, i]));
  const out: ParsedReport = { root: null, users: [] };
  for (const raw of records.slice(1)) {
    const cells = unsplitName(raw, header.length);
    const get = (name: string) => {
      const i = col.get(name);
      return i === undefined ? undefined : cells[i];
    };
    const keys: ReportKey[] = [];
    for (const slot of [1, 2] as const) {
      const lastRotated = date(get(`access_key_${slot}_last_rotated`));
      const active = bool(get(`access_key_${slot}_active`)) === true;
      if (!lastRotated && !active) continue;
      keys.push({
        slot,
        active,
        lastRotated,
        lastUsed: date(get(`access_key_${slot}_last_used_date`)),
        lastUsedService: text(get(`access_key_${slot}_last_used_service`)),
        lastUsedRegion: text(get(`access_key_${slot}_last_used_region`)),
      });
    }
    const user: ReportUser = {
      userName: get('user') ?? '',
      arn: get('arn') ?? '',
      createdAt: date(get('user_creation_time')),
      passwordEnabled: bool(get('password_enabled')),
      passwordLastUsed: date(get('password_last_used')),
      passwordLastChanged: date(get('password_last_changed')),
      passwordNextRotation: date(get('password_next_rotation')),
      mfaActive: bool(get('mfa_active')) === true,
      keys,
    };
    if (user.userName === ROOT) out.root = user;
    else if (user.userName) out.users.push(user);
  }
  return out;
}

/**
 * IAM user names may contain commas. Whether AWS quotes such a cell is not documented: quoted, the
 * parser already kept it whole; unquoted, the name and the ARN (which ends with the name) each
 * split into k+1 cells, so a row with 2k extra cells is put back together.
 */
function unsplitName(cells: string[], width: number): string[] {
  const extra = cells.length - width;
  if (extra <= 0 || extra % 2 !== 0) return cells;
  const k = extra / 2;
  return [cells.slice(0, k + 1).join(','), cells.slice(k + 1, 2 * k + 2).join(','), ...cells.slice(2 * k + 2)];
}
