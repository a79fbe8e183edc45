/**
 * Temporary passwords for CreateLoginProfile. They are also the invite passphrase, so they are
 * long (>= 20 characters, ~118 bits) and made to be read aloud, typed from a slip and opened in a
 * spreadsheet without changing:
 * - no look-alikes: no 0/O/o, 1/l/I, and no '|' or '!' (read as l or I in many fonts);
 * - no character a spreadsheet treats specially at the start of a cell (= + - @ ') and no quote,
 *   backtick or tab, so Excel and LibreOffice never turn one into a formula or drop a character;
 * - no '^' (a dead key on many European keyboards) and no brackets (hard to tell apart aloud).
 * Every symbol left is in IAM's RequireSymbols set, so any account policy is met.
 */
import { PASSWORD_MAX_LENGTH, type PasswordPolicy } from './password-policy';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#$%&*';
const CLASSES = [UPPER, LOWER, DIGITS, SYMBOLS] as const;

/** Every character a generated password can contain (61). */
export const GENERATED_PASSWORD_ALPHABET = CLASSES.join('');

export const GENERATED_PASSWORD_MIN_LENGTH = 20;

/** Uniform integer in [0, n) by rejection sampling: no modulo bias. */
export function randomIndex(n: number): number {
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError('randomIndex: bad bound');
  const limit = Math.floor(2 ** 32 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buf);
    if (buf[0]! < limit) return buf[0]! % n;
  }
}

const hasEveryClass = (chars: readonly string[]): boolean => CLASSES.every((c) => chars.some((ch) => c.includes(ch)));

/** The length a policy (and a requested length) gives: max(20, policy minimum, requested), at most 128. */
export function generatedPasswordLength(policy: PasswordPolicy | 'awsDefault', length?: number): number {
  const min = policy === 'awsDefault' ? 8 : policy.minimumPasswordLength;
  return Math.min(PASSWORD_MAX_LENGTH, Math.max(GENERATED_PASSWORD_MIN_LENGTH, min, Math.floor(length ?? 0)));
}

/**
 * Uniform over every string of the alphabet that has all four classes: drawn uniformly and
 * redrawn until it has them (about 1 in 1.3 draws at 20 characters). All four classes meet any
 * policy, AWS's three-of-four default included; uniform means the strength is exactly
 * `generatedPasswordEntropyBits(length)`, with no bias from forced positions.
 */
export function generateTemporaryPassword(policy: PasswordPolicy | 'awsDefault', length?: number): string {
  const n = generatedPasswordLength(policy, length);
  for (;;) {
    const chars = randomChars(n);
    if (hasEveryClass(chars)) return chars.join('');
  }
}

/** n characters drawn uniformly from the alphabet (one getRandomValues call per batch, rejection against modulo bias). */
function randomChars(n: number): string[] {
  const size = GENERATED_PASSWORD_ALPHABET.length;
  const limit = Math.floor(2 ** 32 / size) * size;
  const out: string[] = [];
  const buf = new Uint32Array(n + 8);
  while (out.length < n) {
    globalThis.crypto.getRandomValues(buf);
    for (const v of buf) if (v < limit && out.length < n) out.push(GENERATED_PASSWORD_ALPHABET[v % size]!);
  }
  return out;
}

/** log2 of how many passwords of length n the generator can give, each equally likely (inclusion–exclusion over missing classes). */
export function generatedPasswordEntropyBits(n: number): number {
  let count = 0n;
  for (let mask = 0; mask < 1 << CLASSES.length; mask++) {
    const missing = CLASSES.filter((_, i) => mask & (1 << i));
    const size = BigInt(GENERATED_PASSWORD_ALPHABET.length - missing.reduce((s, c) => s + c.length, 0));
    count += (missing.length % 2 === 0 ? 1n : -1n) * size ** BigInt(n);
  }
  // log2 of a BigInt: exact digits of the top 52 bits plus the shift.
  const bits = count.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log2(Number(count >> BigInt(shift))) + shift;
}
