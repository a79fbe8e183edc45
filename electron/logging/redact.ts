/** Field names whose values are secrets whatever they look like. */
const SECRET_KEYS = /pass(word|phrase)?|secret|token|seed|sessionToken|credential|otp|code|privateKey|webhook|invocationEndpoint/i;
/**
 * Value shapes that are secrets wherever they appear. Longest shapes first: a session token can
 * contain a run that looks like a seed, and redacting that run first would cut the token in two
 * and leave the rest of it in the line.
 */
const SECRET_SHAPES: RegExp[] = [
  /otpauth:\/\/[^\s"']+/g,
  /https:\/\/hooks\.slack(-gov)?\.com\/[^\s"']+/g, // Slack webhook URLs: whoever has one can post to the channel
  /\bIQo[A-Za-z0-9/+=]{20,}/g, // session tokens
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, // access key ids (not secret alone, but pair with the secret in incidents)
  /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, // secret access keys
  /\b[A-Z2-7]{32,}\b/g, // base32 TOTP seeds
];

export const REDACTED = '[redacted]';

export function redactString(s: string): string {
  return SECRET_SHAPES.reduce((acc, re) => acc.replace(re, REDACTED), s);
}

/** Deep copy with secret-named fields and secret-shaped strings replaced. Errors keep name + code only. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) {
    const e = value as Error & { code?: string };
    return { name: e.name, code: e.code, message: redactString(e.message) };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) && v !== undefined && v !== null ? REDACTED : redact(v, depth + 1),
      ]),
    );
  }
  return value;
}
