/**
 * What each field of an invite may hold, checked before any of it is used: an invite is a file
 * from a mailbox, so every value is hostile until proven otherwise. A value that passes is safe to
 * put in an AWS request, a URL and an INI file (no control characters, no newline that could start
 * a new `[profile]` or key), and small. Each failure names the field and shows the value (control
 * characters as U+XXXX, never a secret) so the message can be precise.
 */
import { INVITE_DAYS_MAX } from '../admin-limits';
import { USER_NAME_MAX_LENGTH } from '../iam-names/iam-names';

export const INVITE_FIELDS = [
  'accountId',
  'accountAlias',
  'partition',
  'region',
  'userName',
  'accessKeyId',
  'secretAccessKey',
  'consoleUrl',
  'expiry',
  'endpoint',
] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];

export interface InviteFieldProblem {
  field: InviteField;
  /** The offending value as it may be shown ('' for the secret key). */
  value: string;
}

const MAX_SHOWN = 60;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** A value for a message: control characters as U+XXXX, clipped to 60 characters, the length said when clipped. */
export function showValue(s: string): string {
  // Only the start is looked at (a value may be megabytes): 120 characters always show as at least 60.
  // Stryker disable next-line MethodExpression: a bound on work, not on what is shown — no input tells it apart
  const shown = [...s.slice(0, MAX_SHOWN * 2)]
    .map((ch) => (CONTROL.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : ch))
    .join('');
  // A value longer than 60 always shows longer than 60, so this one test covers both.
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}… (${s.length})` : shown;
}

/** AWS Region names: us-east-1, ap-northeast-2, us-gov-west-1, cn-north-1, eu-isoe-west-1. */
const REGION = /^[a-z]{2,4}(-[a-z]+){1,2}-\d{1,2}$/;
/** Long-term access key ids (the manual sign-in form accepts the same). */
const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{12,124}$/;
/** AWS secret keys are 40 base64 characters; allow a little either way, never anything else. */
const SECRET_KEY = /^[A-Za-z0-9/+=]{16,128}$/;
/** CreateAccountAlias: 3–63 of a–z, 0–9 and single hyphens, not at either end. */
const ACCOUNT_ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;
const USER_NAME = new RegExp(`^[A-Za-z0-9_+=,.@-]{1,${USER_NAME_MAX_LENGTH}}$`);
const SIGNIN_HOST: Record<string, RegExp> = {
  aws: /^[a-z0-9-]{1,63}\.signin\.aws\.amazon\.com$/,
  'aws-cn': /^[a-z0-9-]{1,63}\.signin\.amazonaws\.cn$/,
  'aws-us-gov': /^[a-z0-9-]{1,63}\.signin\.amazonaws-us-gov\.com$/,
};
const REGION_PARTITION = (region: string): string => (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DAY_MS = 86_400_000;

export interface InviteFieldsInput {
  accountId: string;
  accountAlias: string | null;
  partition: string;
  region: string;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  consoleUrl: string;
  issuedAt: string;
  expiresAt: string;
  endpoints?: { iam?: string | undefined; sts?: string | undefined } | undefined;
}

/** Every field that is not what AWS (and the INI file) would accept, in the order of INVITE_FIELDS. */
export function checkInviteFields(p: InviteFieldsInput): InviteFieldProblem[] {
  const problems: InviteFieldProblem[] = [];
  const bad = (field: InviteField, value: string) => problems.push({ field, value });
  if (!/^\d{12}$/.test(p.accountId)) bad('accountId', showValue(p.accountId));
  if (p.accountAlias !== null && !ACCOUNT_ALIAS.test(p.accountAlias)) bad('accountAlias', showValue(p.accountAlias));
  if (!(p.partition in SIGNIN_HOST)) bad('partition', showValue(p.partition));
  if (!REGION.test(p.region) || (p.partition in SIGNIN_HOST && REGION_PARTITION(p.region) !== p.partition)) bad('region', showValue(p.region));
  if (!USER_NAME.test(p.userName)) bad('userName', showValue(p.userName));
  if (!ACCESS_KEY_ID.test(p.accessKeyId)) bad('accessKeyId', showValue(p.accessKeyId));
  if (!SECRET_KEY.test(p.secretAccessKey)) bad('secretAccessKey', '');
  if (!consoleUrlOk(p.consoleUrl, p.partition)) bad('consoleUrl', showValue(p.consoleUrl));
  if (!expiryOk(p.issuedAt, p.expiresAt)) bad('expiry', showValue(p.expiresAt));
  for (const url of [p.endpoints?.iam, p.endpoints?.sts]) {
    if (url !== undefined && !endpointOk(url)) {
      bad('endpoint', showValue(url));
      break;
    }
  }
  return problems;
}

function parseUrl(raw: string): URL | null {
  if (CONTROL.test(raw) || raw.length > 2048) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function consoleUrlOk(raw: string, partition: string): boolean {
  const url = parseUrl(raw);
  const host = SIGNIN_HOST[partition];
  return !!url && !!host && url.protocol === 'https:' && host.test(url.hostname) && !url.username && !url.password && !url.port;
}

/** https anywhere (the wizard then follows only the app's own override), or http only to this computer; never credentials, never another scheme. */
function endpointOk(raw: string): boolean {
  const url = parseUrl(raw);
  if (!url || url.username || url.password || url.search || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/**
 * An ISO instant each, and no longer than the longest validity the app issues (+1 day of clock
 * slack). An expiry before the issue is allowed: such an invite is refused as expired anyway.
 */
function expiryOk(issuedAt: string, expiresAt: string): boolean {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  if (!iso.test(issuedAt) || !iso.test(expiresAt)) return false;
  // An impossible date (month 13, hour 25) parses to NaN, and NaN fails the comparison.
  return Date.parse(expiresAt) - Date.parse(issuedAt) <= (INVITE_DAYS_MAX + 1) * DAY_MS;
}
