/**
 * RFC 6238 TOTP (SHA-1, 6 digits, 30 s), synchronous and pure so the renderer (countdown, local
 * two-code check) and the main process compute the same codes. HOTP is small enough to write out
 * with @noble/hashes, which avoids otplib's plugin/async surface.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { AppError } from '../errors/app-error';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Upper-cases and drops spaces, dashes and `=` padding, as people copy seeds in groups of four. */
export function normalizeBase32(seed: string): string {
  return seed.replace(/[\s=-]/g, '').toUpperCase();
}

/** RFC 4648 base32 decode (padding optional). Throws `totp.invalidSeed` on anything else. */
export function decodeBase32(seed: string): Uint8Array {
  const s = normalizeBase32(seed);
  if (s.length === 0) throw new AppError('totp.invalidSeed');
  const out = new Uint8Array(Math.floor((s.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const ch of s) {
    const v = BASE32_ALPHABET.indexOf(ch);
    if (v < 0) throw new AppError('totp.invalidSeed');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (value >>> bits) & 0xff;
    }
  }
  return out;
}

/** RFC 4648 base32 encode without padding (the form authenticator URIs use). */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | b) & 0xffff;
    bits += 8;
    // Stryker disable next-line EqualityOperator: equivalent — five bits left over are emitted with the next byte (the 16-bit buffer holds 13) or by the tail
    while (bits >= 5) {
      bits -= 5;
      out += BASE32_ALPHABET[(value >>> bits) & 31];
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 4226 HOTP with dynamic truncation, 6 digits. */
export function hotp(key: Uint8Array, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new AppError('totp.invalidStep', { step: String(counter) });
  const msg = new Uint8Array(8);
  const view = new DataView(msg.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const mac = hmac(sha1, key, msg);
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

export function totpStep(timeMs: number): number {
  return Math.floor(timeMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpForStep(base32Seed: string, step: number): string {
  return hotp(decodeBase32(base32Seed), step);
}

export function totpAt(base32Seed: string, timeMs: number): string {
  return totpForStep(base32Seed, totpStep(timeMs));
}

/** Whole seconds until the code changes, 1..30 (30 right at a window boundary). */
export function secondsLeftInWindow(timeMs: number): number {
  const elapsed = Math.floor(timeMs / 1000) % TOTP_PERIOD_SECONDS;
  return TOTP_PERIOD_SECONDS - ((elapsed + TOTP_PERIOD_SECONDS) % TOTP_PERIOD_SECONDS);
}
