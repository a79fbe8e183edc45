import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AwsError } from './errors';

/** What a SigV4-signed request claims, before the signature is checked. */
export interface SigV4Claim {
  accessKeyId: string;
  date: string; // yyyymmdd
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string; // yyyymmddThhmmssZ
  securityToken?: string;
  /** query-string (presigned) auth */
  inQuery: boolean;
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 requires. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function queryPairs(rawQuery: string): Array<[string, string]> {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      const dec = (x: string): string => {
        try {
          return decodeURIComponent(x.replace(/\+/g, ' '));
        } catch {
          return x;
        }
      };
      return [dec(k), dec(v)];
    });
}

/** Reads the credential claim from the Authorization header or the X-Amz-* query parameters; undefined if unsigned. */
export function readClaim(req: IncomingMessage): SigV4Claim | undefined {
  const auth = headerValue(req, 'authorization');
  const url = req.url ?? '/';
  const q = new Map(queryPairs(url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''));
  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let amzDate: string | undefined;
  let inQuery = false;
  let securityToken: string | undefined;
  if (auth) {
    const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(auth.trim());
    if (!m) throw new AwsError('IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${auth}`, 400);
    const parts = new Map<string, string>();
    for (const part of (m[1] as string).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const c = parts.get('Credential');
    const sh = parts.get('SignedHeaders');
    const sig = parts.get('Signature');
    if (!c || !sh || !sig)
      throw new AwsError('IncompleteSignature', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`, 400);
    credential = c;
    signedHeaders = sh;
    signature = sig;
    amzDate = headerValue(req, 'x-amz-date');
    securityToken = headerValue(req, 'x-amz-security-token');
    if (!amzDate) {
      const d = headerValue(req, 'date');
      if (d && !Number.isNaN(Date.parse(d))) amzDate = new Date(d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    }
  } else if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = q.get('X-Amz-Credential') ?? '';
    signedHeaders = q.get('X-Amz-SignedHeaders') ?? '';
    signature = q.get('X-Amz-Signature') ?? '';
    amzDate = q.get('X-Amz-Date');
    securityToken = q.get('X-Amz-Security-Token');
    inQuery = true;
  } else return undefined;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request')
    throw new AwsError('IncompleteSignature', `Credential should be scoped to a valid region. Credential=${credential}`, 400);
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate))
    throw new AwsError('IncompleteSignature', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.', 400);
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature,
    amzDate,
    ...(securityToken !== undefined ? { securityToken } : {}),
    inQuery,
  };
}

export function amzDateToMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate) as RegExpExecArray;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/** Throws SignatureDoesNotMatch when the request time is outside AWS's 15-minute window around `nowMs`. */
export function checkRequestTime(claim: SigV4Claim, nowMs: number): void {
  const t = amzDateToMs(claim.amzDate);
  const fmt = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const window = 15 * 60 * 1000;
  if (t < nowMs - window)
    throw new AwsError('SignatureDoesNotMatch', `Signature expired: ${claim.amzDate} is now earlier than ${fmt(nowMs - window)} (${fmt(nowMs)} - 15 min.)`, 403);
  if (t > nowMs + window)
    throw new AwsError('SignatureDoesNotMatch', `Signature not yet current: ${claim.amzDate} is still later than ${fmt(nowMs + window)} (${fmt(nowMs)} + 15 min.)`, 403);
  if (claim.date !== claim.amzDate.slice(0, 8))
    throw new AwsError('SignatureDoesNotMatch', `Credential should be scoped to a valid date: ${claim.date}`, 403);
}

function canonicalPath(rawPath: string, doubleEncode: boolean): string {
  const segments = rawPath.split('/').map((seg) => {
    let decoded = seg;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      /* keep */
    }
    const once = rfc3986(decoded);
    return doubleEncode ? rfc3986(once) : once;
  });
  return segments.join('/') || '/';
}

/** Recomputes the signature with `secret` and throws SignatureDoesNotMatch if it differs. */
export function verifySignature(req: IncomingMessage, body: Buffer, claim: SigV4Claim, secret: string): void {
  const url = req.url ?? '/';
  const qi = url.indexOf('?');
  const rawPath = qi < 0 ? url : url.slice(0, qi);
  const pairs = queryPairs(qi < 0 ? '' : url.slice(qi + 1)).filter(([k]) => !(claim.inQuery && k === 'X-Amz-Signature'));
  const canonicalQuery = pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const grouped = new Map<string, string[]>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const k = (req.rawHeaders[i] as string).toLowerCase();
    const v = (req.rawHeaders[i + 1] as string).trim().replace(/\s+/g, ' ');
    grouped.set(k, [...(grouped.get(k) ?? []), v]);
  }
  for (const h of claim.signedHeaders)
    if (!grouped.has(h)) throw new AwsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, 403);
  const canonicalHeaders = claim.signedHeaders.map((h) => `${h}:${(grouped.get(h) ?? []).join(',')}\n`).join('');
  const declared = headerValue(req, 'x-amz-content-sha256');
  const payloadHash = claim.inQuery ? declared ?? 'UNSIGNED-PAYLOAD' : declared ?? sha256Hex(body);
  if (declared && declared !== 'UNSIGNED-PAYLOAD' && declared !== sha256Hex(body))
    throw new AwsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, 403);
  const scope = `${claim.date}/${claim.region}/${claim.service}/aws4_request`;
  const kDate = hmac('AWS4' + secret, claim.date);
  const kSigning = hmac(hmac(hmac(kDate, claim.region), claim.service), 'aws4_request');
  const expected = Buffer.from(claim.signature, 'utf8');
  for (const doubleEncode of [true, false]) {
    const canonicalRequest = [
      req.method ?? 'GET',
      canonicalPath(rawPath, doubleEncode),
      canonicalQuery,
      canonicalHeaders,
      claim.signedHeaders.join(';'),
      payloadHash,
    ].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', claim.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
    const sig = Buffer.from(createHmac('sha256', kSigning).update(stringToSign).digest('hex'), 'utf8');
    if (sig.length === expected.length && timingSafeEqual(sig, expected)) return;
  }
  throw new AwsError('SignatureDoesNotMatch', SIGNATURE_MISMATCH, 403);
}

/** The claim when the request carries a well-formed one, else undefined (for routing only; errors are raised where it is read). */
export function safeClaim(req: IncomingMessage): SigV4Claim | undefined {
  try {
    return readClaim(req);
  } catch {
    return undefined;
  }
}
