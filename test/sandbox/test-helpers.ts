import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Sandbox } from './types';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const adminCreds = (sb: Sandbox): Creds => ({ accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });

export function iamClient(sb: Sandbox, creds: Creds = adminCreds(sb), maxAttempts = 1): IAMClient {
  return new IAMClient({ endpoint: sb.url, region: sb.region, credentials: creds, maxAttempts });
}

export function stsClient(sb: Sandbox, creds: Creds = adminCreds(sb), maxAttempts = 1): STSClient {
  return new STSClient({ endpoint: sb.url, region: sb.region, credentials: creds, maxAttempts });
}

/** Runs a promise expected to fail; returns the SDK error's name, HTTP status and message. */
export async function awsError(p: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error('expected the call to fail');
}

/** TOTP code by the independent oathtool (what a phone would show); `atMs` defaults to now. */
export function oathtool(seed: string, atMs?: number): string {
  const args = ['--totp', '-b'];
  if (atMs !== undefined) args.push('-N', `@${Math.floor(atMs / 1000)}`);
  args.push(seed);
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: unknown) {
    this.h = secret ? createHmac('sha256', Buffer.from(secret as Uint8Array)) : createHash('sha256');
  }
  update(data: Uint8Array | string): void {
    this.h.update(typeof data === 'string' ? Buffer.from(data) : data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

/** Sends a raw, SigV4-signed Query request (signed by @smithy/signature-v4, independent of the sandbox code). */
export async function signedQuery(
  sb: Sandbox,
  body: string,
  o: { creds?: Creds; service?: 'iam' | 'sts'; tamper?: (b: string) => string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const creds = o.creds ?? adminCreds(sb);
  const url = new URL(sb.url);
  const signer = new SignatureV4({ credentials: creds, region: sb.region, service: o.service ?? 'iam', sha256: Sha256 as never });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    query: {},
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...(o.headers ?? {}) },
    body,
  });
  const res = await fetch(sb.url + '/', {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== 'host')),
    body: o.tamper ? o.tamper(body) : body,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** <Code> of an ErrorResponse body. */
export const xmlCode = (text: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
