import {
  notAllowedInTag,
  notAllowedInUserName,
  quoteChars,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  USER_NAME_MAX_LENGTH,
} from '../../../src/shared/iam-names/iam-names';
import type { BulkRow, CsvDelimiter, RowProblem } from './csv-import';

export type Field = 'userName' | 'email' | 'groups' | 'tags';

/** The header, read once: which column holds which field, and how the file names it. */
export interface RowLayout {
  fields: ReadonlyArray<Field | null>;
  names: readonly string[];
  delimiter: CsvDelimiter;
  cellOf(field: Field): { column?: number; columnName?: string };
}

/** AWS limits: 50 tags per IAM resource, 10 groups per user, group names of 1–128 of [\w+=,.@-]. */
const MAX_TAGS = 50;
const MAX_GROUPS = 10;
const GROUP_NAME_MAX_LENGTH = 128;
const GROUP_NAME_CHAR = /^[\w+=,.@-]$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const lengthOf = (s: string): number => [...s].length;
const clip = (s: string, n = 60) => (lengthOf(s) > n ? `${[...s].slice(0, n).join('')}…` : s);

/**
 * Separators inside a list cell (groups, tags): what people type. '|' and ';' always, ',' too
 * when the file is not comma-separated (then a comma inside a cell is a list separator, not a
 * cell boundary). Groups also split on spaces, which no group name contains.
 */
function listSeparator(delimiter: CsvDelimiter, spaces: boolean): RegExp {
  const chars = delimiter === ',' ? '|;' : '|;,';
  return new RegExp(`[${chars}${spaces ? '\\s' : ''}]+`);
}

/** One record → the user it describes, and every problem of its cells (naming line, column and the character). */
export function checkRowCells(cells: readonly string[], layout: RowLayout, line: number): { row: BulkRow; problems: RowProblem[] } {
  const get = (field: Field) => {
    const i = layout.fields.indexOf(field);
    return i >= 0 ? (cells[i] ?? '').trim() : '';
  };
  const userName = get('userName');
  const problems: RowProblem[] = [];
  const add = (field: Field | null, code: string, params?: Record<string, string | number>) =>
    problems.push({ line, userName, code, ...(field ? layout.cellOf(field) : {}), ...(params ? { params } : {}) });

  if (cells.length > layout.fields.length) add(null, 'columnCount', { expected: layout.fields.length, found: cells.length });

  if (!userName) add('userName', 'userName.required');
  else {
    const len = lengthOf(userName);
    if (len > USER_NAME_MAX_LENGTH) add('userName', 'userName.tooLong', { length: len, max: USER_NAME_MAX_LENGTH });
    const bad = notAllowedInUserName(userName);
    if (bad.length > 0) add('userName', 'userName.invalidCharacters', { chars: quoteChars(bad), count: bad.length });
  }

  const email = get('email');
  if (email && !EMAIL.test(email)) add('email', 'email.invalid', { email: clip(email) });
  else if (email && notAllowedInTag(email).length > 0) {
    // The email becomes the user's `email` tag; IAM would refuse these characters there.
    const bad = notAllowedInTag(email);
    add('email', 'email.invalidCharacters', { email: clip(email), chars: quoteChars(bad), count: bad.length });
  }

  const groups = [...new Set(get('groups').split(listSeparator(layout.delimiter, true)).filter(Boolean))];
  if (groups.length > MAX_GROUPS) add('groups', 'tooManyGroups', { max: MAX_GROUPS, found: groups.length });
  for (const group of groups) {
    if (lengthOf(group) > GROUP_NAME_MAX_LENGTH) add('groups', 'groupName.tooLong', { group: clip(group), length: lengthOf(group), max: GROUP_NAME_MAX_LENGTH });
    const bad = [...new Set([...group].filter((ch) => !GROUP_NAME_CHAR.test(ch)))];
    if (bad.length > 0) add('groups', 'groupName.invalidCharacters', { group: clip(group), chars: quoteChars(bad), count: bad.length });
  }

  const tags = readTags(get('tags'), layout, email, (code, params) => add('tags', code, params));
  if (email) tags.email = email;
  return { row: { line, userName, email: email || null, groups, tags }, problems };
}

/**
 * `team=platform|cost=42`: each item must be key=value. Every malformed item, reserved `aws:`
 * key, duplicate key (IAM tag keys on users are case-insensitive: `Team` and `team` collide) and
 * an `email` tag next to an email column is a problem of its own. Only valid tags are kept.
 */
function readTags(
  cell: string,
  layout: RowLayout,
  email: string,
  problem: (code: string, params: Record<string, string | number>) => void,
): Record<string, string> {
  const tags: Record<string, string> = {};
  const keys = new Map<string, string>();
  const items = cell.split(listSeparator(layout.delimiter, false)).map((p) => p.trim()).filter(Boolean);
  if (items.length > MAX_TAGS) problem('tooManyTags', { max: MAX_TAGS, found: items.length });
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) {
      problem('tag.missingEquals', { item: clip(item) });
      continue;
    }
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const shownKey = clip(key, 40);
    let ok = true;
    const fail = (code: string, params: Record<string, string | number> = {}) => {
      ok = false;
      problem(code, { key: shownKey, ...params });
    };
    if (!key) fail('tag.keyRequired', { item: clip(item) });
    if (lengthOf(key) > TAG_KEY_MAX_LENGTH) fail('tag.keyTooLong', { length: lengthOf(key), max: TAG_KEY_MAX_LENGTH });
    if (lengthOf(value) > TAG_VALUE_MAX_LENGTH) fail('tag.valueTooLong', { length: lengthOf(value), max: TAG_VALUE_MAX_LENGTH });
    const badKey = notAllowedInTag(key);
    if (badKey.length > 0) fail('tag.keyInvalidCharacters', { chars: quoteChars(badKey), count: badKey.length });
    const badValue = notAllowedInTag(value);
    if (badValue.length > 0) fail('tag.valueInvalidCharacters', { chars: quoteChars(badValue), count: badValue.length });
    if (key.toLowerCase().startsWith('aws:')) fail('tag.reservedPrefix');
    const folded = key.toLowerCase();
    if (keys.has(folded)) fail('tag.duplicateKey', { first: keys.get(folded)! });
    else if (key) keys.set(folded, shownKey);
    if (folded === 'email' && email) {
      fail('tag.collidesWithColumn', { columnName: layout.cellOf('email').columnName ?? 'email' });
    }
    if (ok) tags[key] = value;
  }
  return tags;
}
