import {
  notAllowedInTag,
  notAllowedInUserName,
  quoteChars,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  USER_NAME_MAX_LENGTH,
} from '../../../src/shared/iam-names/iam-names';
import { MAX_TAGS_PER_USER } from '../../../src/shared/admin-limits';
import { ONBOARDING_WINDOW_TAG } from '../../../src/shared/mfa-policy/onboarding-window';
import type { BulkRow, CsvDelimiter, RowProblem } from './csv-import';

export type Field = 'userName' | 'email' | 'groups' | 'tags' | 'account';

/** The header, read once: which column holds which field, and how the file names it. */
export interface RowLayout {
  fields: ReadonlyArray<Field | null>;
  names: readonly string[];
  delimiter: CsvDelimiter;
  cellOf(field: Field): { column?: number; columnName?: string };
}

/** AWS limits: 50 tags per IAM resource, 10 groups per user, group names of 1–128 of [\w+=,.@-]. */
const MAX_TAGS = MAX_TAGS_PER_USER;
const MAX_GROUPS = 10;
const GROUP_NAME_MAX_LENGTH = 128;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const lengthOf = (s: string): number => [...s].length;
const clip = (s: string, n = 60) => (lengthOf(s) > n ? `${[...s].slice(0, n).join('')}…` : s);

/**
 * Separators inside a list cell (groups, tags): what people type. '|' and ';' always, ',' too
 * when the file is not comma-separated (then a comma inside a cell is a list separator, not a
 * cell boundary). Groups also split on spaces, which no group name contains.
 */
const SEPARATORS = {
  comma: { groups: /[|;\s]+/, tags: /[|;]+/ },
  other: { groups: /[|;,\s]+/, tags: /[|;,]+/ },
};
function listSeparator(delimiter: CsvDelimiter, spaces: boolean): RegExp {
  const set = delimiter === ',' ? SEPARATORS.comma : SEPARATORS.other;
  return spaces ? set.groups : set.tags;
}

/** A row's problems, each pointing at its cell. */
class RowFindings {
  readonly list: RowProblem[] = [];
  constructor(
    private readonly layout: RowLayout,
    private readonly line: number,
    private readonly userName: string,
  ) {}

  add(field: Field | null, code: string, params?: Record<string, string | number>): void {
    this.list.push({ line: this.line, userName: this.userName, code, ...(field ? this.layout.cellOf(field) : {}), ...(params ? { params } : {}) });
  }
}

function cellValue(cells: readonly string[], layout: RowLayout, field: Field): string {
  const i = layout.fields.indexOf(field);
  return i >= 0 ? (cells[i] ?? '').trim() : '';
}

/** One record → the user it describes, and every problem of its cells (naming line, column and the character). */
export function checkRowCells(cells: readonly string[], layout: RowLayout, line: number): { row: BulkRow; problems: RowProblem[] } {
  const userName = cellValue(cells, layout, 'userName');
  const found = new RowFindings(layout, line, userName);

  if (cells.length > layout.fields.length) found.add(null, 'columnCount', { expected: layout.fields.length, found: cells.length });

  if (!userName) found.add('userName', 'userName.required');
  else {
    const len = lengthOf(userName);
    if (len > USER_NAME_MAX_LENGTH) found.add('userName', 'userName.tooLong', { length: len, max: USER_NAME_MAX_LENGTH });
    const bad = notAllowedInUserName(userName);
    if (bad.length > 0) found.add('userName', 'userName.invalidCharacters', { chars: quoteChars(bad), count: bad.length });
  }

  const email = cellValue(cells, layout, 'email');
  if (email && !EMAIL.test(email)) found.add('email', 'email.invalid', { email: clip(email) });
  else if (email) {
    // The email becomes the user's `email` tag; IAM would refuse these characters there.
    const bad = notAllowedInTag(email);
    if (bad.length > 0) found.add('email', 'email.invalidCharacters', { email: clip(email), chars: quoteChars(bad), count: bad.length });
  }

  const groups = [...new Set(cellValue(cells, layout, 'groups').split(listSeparator(layout.delimiter, true)).filter(Boolean))];
  if (groups.length > MAX_GROUPS) found.add('groups', 'tooManyGroups', { max: MAX_GROUPS, found: groups.length });
  for (const group of groups) {
    if (lengthOf(group) > GROUP_NAME_MAX_LENGTH) found.add('groups', 'groupName.tooLong', { group: clip(group), length: lengthOf(group), max: GROUP_NAME_MAX_LENGTH });
    // Group names allow exactly the characters of user names ([\w+=,.@-]).
    const bad = notAllowedInUserName(group);
    if (bad.length > 0) found.add('groups', 'groupName.invalidCharacters', { group: clip(group), chars: quoteChars(bad), count: bad.length });
  }

  const tags = readTags(cellValue(cells, layout, 'tags'), layout, email, found);
  if (email) tags.email = email;
  // Which account of the organization (id or name): resolved against the account list before anything is created.
  const account = cellValue(cells, layout, 'account');
  return { row: { line, userName, email: email || null, groups, tags, account: account || null }, problems: found.list };
}

/**
 * `team=platform|cost=42`: each item must be key=value. Every malformed item, reserved `aws:`
 * key, duplicate key (`Team` and `team` count as one: see README, CSV list cells) and
 * an `email` tag next to an email column is a problem of its own. Only valid tags are kept.
 */
function readTags(cell: string, layout: RowLayout, email: string, found: RowFindings): Record<string, string> {
  const tags: Record<string, string> = {};
  const keys = new Map<string, string>();
  const items = cell.split(listSeparator(layout.delimiter, false)).map((p) => p.trim()).filter(Boolean);
  if (items.length > MAX_TAGS) found.add('tags', 'tooManyTags', { max: MAX_TAGS, found: items.length });
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) {
      found.add('tags', 'tag.missingEquals', { item: clip(item) });
      continue;
    }
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const folded = key.toLowerCase();
    const issues: Array<[string, Record<string, string | number>]> = [];
    if (!key) issues.push(['tag.keyRequired', { item: clip(item) }]);
    if (lengthOf(key) > TAG_KEY_MAX_LENGTH) issues.push(['tag.keyTooLong', { length: lengthOf(key), max: TAG_KEY_MAX_LENGTH }]);
    if (lengthOf(value) > TAG_VALUE_MAX_LENGTH) issues.push(['tag.valueTooLong', { length: lengthOf(value), max: TAG_VALUE_MAX_LENGTH }]);
    const badKey = notAllowedInTag(key);
    if (badKey.length > 0) issues.push(['tag.keyInvalidCharacters', { chars: quoteChars(badKey), count: badKey.length }]);
    const badValue = notAllowedInTag(value);
    if (badValue.length > 0) issues.push(['tag.valueInvalidCharacters', { chars: quoteChars(badValue), count: badValue.length }]);
    if (folded.startsWith('aws:')) issues.push(['tag.reservedPrefix', {}]);
    // The app sets this key itself when it creates a user, with the expiry it enforces.
    if (folded === ONBOARDING_WINDOW_TAG) issues.push(['tag.reservedByApp', {}]);
    if (keys.has(folded)) issues.push(['tag.duplicateKey', { first: keys.get(folded)! }]);
    else if (key) keys.set(folded, clip(key, 40));
    if (folded === 'email' && email) issues.push(['tag.collidesWithColumn', { columnName: layout.cellOf('email').columnName ?? 'email' }]);
    for (const [code, params] of issues) found.add('tags', code, { key: clip(key, 40), ...params });
    if (issues.length === 0) tags[key] = value;
  }
  return tags;
}
