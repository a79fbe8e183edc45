/**
 * Local two-code check before iam:EnableMFADevice. AWS only answers "invalid authentication code";
 * with the seed in hand we can tell the user *why*: same code twice, not consecutive, wrong QR,
 * or a phone clock that is off (and by how much). Times are the server's (Date of the last AWS
 * response), not the desktop clock.
 */
import { decodeBase32, hotp, TOTP_PERIOD_SECONDS, totpStep } from './totp';

export interface CodeCheckOptions {
  /** |drift| in 30 s steps still accepted (AWS tolerates about this much). Default 2. */
  acceptSteps?: number;
  /** How far we look to diagnose a clock that is off. Default 40 (±20 min). */
  searchSteps?: number;
}

export const DEFAULT_ACCEPT_STEPS = 2;
export const DEFAULT_SEARCH_STEPS = 40;

export type TwoCodeVerdict =
  | { ok: true; step: number; driftSteps: number }
  | {
      ok: false;
      reason: 'notSixDigits' | 'sameCodeTwice' | 'notConsecutive' | 'noMatch' | 'clockOff';
      driftSeconds?: number;
    };

export type OneCodeVerdict =
  | { ok: true; step: number }
  | { ok: false; reason: 'notSixDigits' | 'noMatch' | 'clockOff'; driftSeconds?: number };

/** Authenticator apps show "123 456"; people paste with spaces. */
export function normalizeCode(code: string): string {
  return code.replace(/\s/g, '');
}

export const isSixDigits = (code: string): boolean => /^\d{6}$/.test(code);

interface Window {
  now: number;
  accept: number;
  from: number;
  codes: string[]; // codes[i] = TOTP(from + i)
}

function windowAround(base32Seed: string, serverNowMs: number, opts?: CodeCheckOptions): Window {
  const accept = Math.max(0, Math.floor(opts?.acceptSteps ?? DEFAULT_ACCEPT_STEPS));
  const search = Math.max(accept + 1, Math.floor(opts?.searchSteps ?? DEFAULT_SEARCH_STEPS));
  const key = decodeBase32(base32Seed);
  const now = totpStep(serverNowMs);
  const from = Math.max(0, now - search);
  const codes: string[] = [];
  for (let s = from; s <= now + search; s++) codes.push(hotp(key, s));
  return { now, accept, from, codes };
}

/** Orders absolute steps nearest to the window's now first. */
const nearestFirst = (w: Window) => (a: number, b: number) => Math.abs(a - w.now) - Math.abs(b - w.now);

/** Steps (absolute) whose code equals `code`, nearest to now first. */
function matches(w: Window, code: string): number[] {
  const out: number[] = [];
  w.codes.forEach((c, i) => {
    if (c === code) out.push(w.from + i);
  });
  return out.sort(nearestFirst(w));
}

export function checkTwoCodes(
  base32Seed: string,
  code1: string,
  code2: string,
  serverNowMs: number,
  opts?: CodeCheckOptions,
): TwoCodeVerdict {
  const c1 = normalizeCode(code1);
  const c2 = normalizeCode(code2);
  if (!isSixDigits(c1) || !isSixDigits(c2)) return { ok: false, reason: 'notSixDigits' };

  const w = windowAround(base32Seed, serverNowMs, opts);
  // Pairs (T, T+1). Drift is measured on code 2: the user normally reads code 1, waits for the
  // window to turn, types code 2 and submits, so code 2 is the current window and code 1 the last.
  // The nearest step showing code 2 whose previous step shows code 1 ends the pair.
  const pairEnd = matches(w, c2).find((s) => w.codes[s - 1 - w.from] === c1);
  const best = pairEnd === undefined ? null : pairEnd - w.now;
  if (best !== null && Math.abs(best) <= w.accept) return { ok: true, step: w.now + best - 1, driftSteps: best };
  // Checked after the pair search only because TOTP(T) = TOTP(T+1) happens once in a million.
  if (c1 === c2) return { ok: false, reason: 'sameCodeTwice' };
  if (best !== null) return { ok: false, reason: 'clockOff', driftSeconds: best * TOTP_PERIOD_SECONDS };

  // Both valid but not T, T+1 (reversed, skipped a window, typed one twice with a gap) - or one of
  // them valid and the other mistyped: a random 6-digit string hits one of ~80 windows with
  // p < 1e-4, so one hit means the QR/seed is right and "type two consecutive codes" is the fix.
  const nearest = [...matches(w, c1), ...matches(w, c2)].sort(nearestFirst(w))[0];
  if (nearest === undefined) return { ok: false, reason: 'noMatch' };
  const drift = nearest - w.now;
  return Math.abs(drift) <= w.accept
    ? { ok: false, reason: 'notConsecutive' }
    : { ok: false, reason: 'notConsecutive', driftSeconds: drift * TOTP_PERIOD_SECONDS };
}

export function checkOneCode(
  base32Seed: string,
  code: string,
  serverNowMs: number,
  opts?: CodeCheckOptions,
): OneCodeVerdict {
  const c = normalizeCode(code);
  if (!isSixDigits(c)) return { ok: false, reason: 'notSixDigits' };
  const w = windowAround(base32Seed, serverNowMs, opts);
  const nearest = matches(w, c)[0];
  if (nearest === undefined) return { ok: false, reason: 'noMatch' };
  const drift = nearest - w.now;
  if (Math.abs(drift) <= w.accept) return { ok: true, step: nearest };
  return { ok: false, reason: 'clockOff', driftSeconds: drift * TOTP_PERIOD_SECONDS };
}
