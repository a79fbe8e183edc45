import { createHmac, randomBytes } from 'node:crypto';

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as the IAM virtual MFA devices use. */
export const TOTP_STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`invalid base32 character ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random seed: 40 bytes -> 64 base32 characters, like the seeds IAM hands out. */
export function newBase32Seed(): string {
  return base32Encode(randomBytes(40));
}

export function stepAt(ms: number): number {
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

export function totpAtStep(base32Seed: string, step: number): string {
  const key = base32Decode(base32Seed);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const off = (h[h.length - 1] as number) & 15;
  const bin = (h.readUInt32BE(off) & 0x7fffffff) % 1_000_000;
  return bin.toString().padStart(6, '0');
}

/** The code for a moment in time (ms since epoch). */
export function totpAt(base32Seed: string, ms: number): string {
  return totpAtStep(base32Seed, stepAt(ms));
}

/** Steps in [center-window, center+window] whose code equals `code`. */
export function matchingSteps(base32Seed: string, code: string, center: number, window: number): number[] {
  const found: number[] = [];
  if (!/^\d{6}$/.test(code)) return found;
  for (let s = center - window; s <= center + window; s++) if (totpAtStep(base32Seed, s) === code) found.push(s);
  return found;
}
