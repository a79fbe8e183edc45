/**
 * Temporary passwords for CreateLoginProfile. They are also the invite passphrase, so they are
 * long (>= 20, ~120 bits) and free of look-alike characters for reading off a second channel.
 */
import { PASSWORD_MAX_LENGTH, PASSWORD_SYMBOLS, type PasswordPolicy } from './password-policy';

// No 0/O/o, 1/l/I; no '|' among the symbols (reads as l or I in many fonts).
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = [...PASSWORD_SYMBOLS].filter((c) => c !== '|').join('');
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

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

const pick = (alphabet: string): string => alphabet[randomIndex(alphabet.length)]!;

/**
 * Always satisfies the policy (and AWS's default three-of-four rule): one character of each class,
 * the rest from all classes, shuffled. Length: max(20, policy minimum, requested), at most 128.
 */
export function generateTemporaryPassword(policy: PasswordPolicy | 'awsDefault', length?: number): string {
  const min = policy === 'awsDefault' ? 8 : policy.minimumPasswordLength;
  const n = Math.min(PASSWORD_MAX_LENGTH, Math.max(GENERATED_PASSWORD_MIN_LENGTH, min, Math.floor(length ?? 0)));
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < n) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
