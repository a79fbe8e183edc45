import { execFileSync } from 'node:child_process';

/**
 * TOTP codes from an independent implementation (Debian's oathtool), as a phone would compute
 * them — never from the app's own TOTP code.
 */
export function oathtoolCode(base32Seed: string, atMs: number = Date.now()): string {
  const at = `@${Math.floor(atMs / 1000)}`;
  return execFileSync('oathtool', ['--totp', '-b', '-N', at, base32Seed], { encoding: 'utf8' }).trim();
}

/** Two consecutive codes, as a person types them: the previous window's and the current one's. */
export function twoConsecutiveCodes(base32Seed: string, atMs: number = Date.now()): [string, string] {
  return [oathtoolCode(base32Seed, atMs - 30_000), oathtoolCode(base32Seed, atMs)];
}
