import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomChars(n: number, alphabet: string): string {
  const bytes = randomBytes(n);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[(bytes[i] as number) % alphabet.length];
  return out;
}

/** IAM unique ids: 4-letter prefix + 17 characters (AIDA user, AGPA group, ANPA policy, AROA role). */
export const newUniqueId = (prefix: 'AIDA' | 'AGPA' | 'ANPA' | 'AROA'): string => prefix + randomChars(17, UPPER_ALNUM);
export const newAccessKeyId = (prefix: 'AKIA' | 'ASIA'): string => prefix + randomChars(16, UPPER_ALNUM);
export const newSecretAccessKey = (): string =>
  randomChars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
export const newSessionToken = (): string => 'IQoJb3JpZ2luX2VjE' + randomBytes(96).toString('base64');
export const newRequestId = (): string => randomUUID();
export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
