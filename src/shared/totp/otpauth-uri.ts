/**
 * otpauth:// URIs per the Google Authenticator "Key Uri Format", the dialect Google/Microsoft
 * Authenticator, Authy and 1Password all read. We always spell out algorithm/digits/period even
 * though they are the defaults: some apps mis-handle a missing parameter, none mis-handle a present one.
 */
import { AppError } from '../errors/app-error';
import { decodeBase32, normalizeBase32, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from './totp';

export interface OtpauthParts {
  issuer: string | null;
  accountName: string;
  base32Seed: string;
  digits: number;
  period: number;
  algorithm: string;
}

export function buildOtpauthUri(o: { issuer: string; accountName: string; base32Seed: string }): string {
  const seed = normalizeBase32(o.base32Seed);
  decodeBase32(seed); // throws totp.invalidSeed rather than producing a QR no app can use
  // encodeURIComponent: spaces -> %20 (not '+', which some apps show literally), ':' -> %3A so
  // a colon in either part cannot be confused with the issuer/account separator.
  const issuer = encodeURIComponent(o.issuer);
  const label = `${issuer}:${encodeURIComponent(o.accountName)}`;
  return (
    `otpauth://totp/${label}?secret=${seed}&issuer=${issuer}` +
    `&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_PERIOD_SECONDS}`
  );
}

function invalid(reason: string): AppError {
  return new AppError('totp.invalidUri', { reason });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid('encoding');
  }
}

export function parseOtpauthUri(uri: string): OtpauthParts {
  const m = /^otpauth:\/\/([A-Za-z]+)\/([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(uri.trim());
  if (!m) throw invalid('notOtpauth');
  if (m[1]!.toLowerCase() !== 'totp') throw invalid('notTotp');

  // The separator may be a literal or an encoded colon; a literal one wins, so an encoded colon
  // inside the issuer (as we write it) stays part of the issuer.
  const raw = m[2]!;
  const literal = raw.indexOf(':');
  let labelIssuer: string | null;
  let account: string;
  if (literal >= 0) {
    labelIssuer = decode(raw.slice(0, literal));
    account = decode(raw.slice(literal + 1));
  } else {
    const label = decode(raw);
    const sep = label.indexOf(':');
    labelIssuer = sep >= 0 ? label.slice(0, sep) : null;
    account = sep >= 0 ? label.slice(sep + 1) : label;
  }
  const accountName = account.replace(/^\s+/, '');
  if (accountName.length === 0) throw invalid('accountName');

  // Parse by hand: URLSearchParams would turn a literal '+' in an issuer into a space.
  const params = new Map<string, string>();
  for (const pair of (m[3] ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const k = decode(eq >= 0 ? pair.slice(0, eq) : pair).toLowerCase();
    if (!params.has(k)) params.set(k, decode(eq >= 0 ? pair.slice(eq + 1) : ''));
  }

  const secret = params.get('secret');
  if (!secret) throw invalid('secret');
  const base32Seed = normalizeBase32(secret);
  try {
    decodeBase32(base32Seed);
  } catch {
    throw invalid('secret');
  }

  const num = (key: string, dflt: number): number => {
    const v = params.get(key);
    if (v === undefined) return dflt;
    if (!/^\d{1,3}$/.test(v) || Number(v) === 0) throw invalid(key);
    return Number(v);
  };

  return {
    issuer: params.get('issuer') ?? labelIssuer,
    accountName,
    base32Seed,
    digits: num('digits', TOTP_DIGITS),
    period: num('period', TOTP_PERIOD_SECONDS),
    algorithm: (params.get('algorithm') ?? 'SHA1').toUpperCase(),
  };
}

/** 'ABCD EFGH IJKL …' for typing the key by hand. */
export function formatSecretForManualEntry(base32Seed: string): string {
  return normalizeBase32(base32Seed).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The issuer shown in authenticator apps: the account alias people know, else the account id. */
export function mfaIssuer(o: { accountAlias: string | null; accountId: string }): string {
  const alias = o.accountAlias?.trim();
  return `AWS ${alias ? alias : o.accountId}`;
}
