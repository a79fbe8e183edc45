/**
 * IAM name rules checked before the call, so the admin sees which character is wrong instead of
 * a ValidationError. Patterns are the ones in the IAM API reference.
 */
import { ONBOARDING_WINDOW_TAG } from '../mfa-policy/onboarding-window';

export type NameRule = 'required' | 'tooLong' | 'invalidCharacters';
export type NameIssue = { rule: NameRule; params?: Record<string, string | number> };

export const USER_NAME_MAX_LENGTH = 64;
export const IAM_PATH_MAX_LENGTH = 512;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;

const USER_NAME_CHAR = /^[A-Za-z0-9_+=,.@-]$/;
const TAG_CHAR = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;

const lengthOf = (s: string): number => [...s].length;

/** Offending characters, deduplicated, in order of first appearance. */
function offending(s: string, allowed: RegExp): string[] {
  const seen = new Set<string>();
  for (const ch of s) if (!allowed.test(ch)) seen.add(ch);
  return [...seen];
}

/** Invisible characters (space, tab, NBSP…) shown so a message can point at them. */
function displayChar(ch: string): string {
  if (ch === ' ') return '␠';
  if (/^[\p{Z}\p{C}]$/u.test(ch)) return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch;
}

/** Characters for a message, each quoted ('한', ',', U+00A0 for the invisible ones), comma-separated. */
export function quoteChars(chars: readonly string[]): string {
  return chars.map((ch) => {
    const shown = displayChar(ch);
    return shown.startsWith('U+') ? shown : `'${shown}'`;
  }).join(', ');
}

/** The characters of `s` that IAM refuses in a tag key or value (deduplicated, in order). */
export const notAllowedInTag = (s: string): string[] => offending(s, TAG_CHAR);
/** The characters of `s` that IAM refuses in a user name (deduplicated, in order). */
export const notAllowedInUserName = (s: string): string[] => offending(s, USER_NAME_CHAR);

export function checkUserName(name: string): NameIssue[] {
  if (name.length === 0) return [{ rule: 'required' }];
  const issues: NameIssue[] = [];
  const len = lengthOf(name);
  if (len > USER_NAME_MAX_LENGTH) issues.push({ rule: 'tooLong', params: { max: USER_NAME_MAX_LENGTH, length: len } });
  const bad = offending(name, USER_NAME_CHAR);
  if (bad.length > 0) {
    issues.push({
      rule: 'invalidCharacters',
      params: { chars: bad.join(''), display: bad.map(displayChar).join(' '), count: bad.length },
    });
  }
  return issues;
}

/** '/' or '/…/' with printable ASCII (U+0021–U+007E) between, at most 512 characters. */
export function checkIamPath(path: string): Array<{ rule: 'pathFormat' | 'tooLong' }> {
  const issues: Array<{ rule: 'pathFormat' | 'tooLong' }> = [];
  if (!/^(\/|\/[\u0021-\u007E]+\/)$/.test(path)) issues.push({ rule: 'pathFormat' });
  if (path.length > IAM_PATH_MAX_LENGTH) issues.push({ rule: 'tooLong' });
  return issues;
}

export type TagRule = 'keyRequired' | 'keyTooLong' | 'valueTooLong' | 'invalidCharacters' | 'reservedPrefix' | 'reservedByApp';

export function checkTag(key: string, value: string): Array<{ rule: TagRule }> {
  const issues: Array<{ rule: TagRule }> = [];
  if (key.length === 0) issues.push({ rule: 'keyRequired' });
  if (lengthOf(key) > TAG_KEY_MAX_LENGTH) issues.push({ rule: 'keyTooLong' });
  if (lengthOf(value) > TAG_VALUE_MAX_LENGTH) issues.push({ rule: 'valueTooLong' });
  if (offending(key, TAG_CHAR).length > 0 || offending(value, TAG_CHAR).length > 0) issues.push({ rule: 'invalidCharacters' });
  if (key.toLowerCase().startsWith('aws:')) issues.push({ rule: 'reservedPrefix' });
  // The app sets this one itself when it creates a user (IAM compares tag keys case-insensitively).
  if (key.toLowerCase() === ONBOARDING_WINDOW_TAG) issues.push({ rule: 'reservedByApp' });
  return issues;
}

/**
 * The virtual MFA device name: the user name itself, because the enforcement policy scopes
 * `mfa/${aws:username}` (and `mfa/${aws:username}-*`). Device names allow the same characters.
 */
export function mfaDeviceNameFor(userName: string): string {
  return userName;
}
