import type { AccountState, AccessKey } from './state';

/**
 * The credential report's columns, in AWS's order ("Understanding the report format", IAM User Guide:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html).
 */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated',
  'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region',
  'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
] as const;

/** "You can generate a credential report as often as once every four hours." (same page) */
export const REPORT_REGENERATE_MS = 4 * 3600 * 1000;

/** AWS renders report times as 2024-01-02T03:04:05+00:00. */
const t = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, '+00:00');

function keyCols(k: AccessKey | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [
    String(k.status === 'Active'),
    t(k.createDate),
    k.lastUsed ? t(k.lastUsed.date) : 'N/A',
    k.lastUsed ? k.lastUsed.region : 'N/A',
    k.lastUsed ? k.lastUsed.serviceName : 'N/A',
  ];
}

/** The credential report CSV in AWS's column format (root account first, then users by creation time). */
export function buildCredentialReport(state: AccountState): string {
  const rows: string[][] = [[...CREDENTIAL_REPORT_COLUMNS]];
  const pp = state.passwordPolicy;
  const created = t(new Date('2020-01-01T00:00:00Z'));
  rows.push([
    '<root_account>', `arn:aws:iam::${state.accountId}:root`, created, 'not_supported', 'no_information',
    'not_supported', 'not_supported', String(state.rootFlags.mfaEnabled),
    String(state.rootFlags.accessKeysPresent), state.rootFlags.accessKeysPresent ? created : 'N/A', 'N/A', 'N/A', 'N/A',
    'false', 'N/A', 'N/A', 'N/A', 'N/A', 'false', 'N/A', 'false', 'N/A',
  ]);
  for (const u of [...state.users.values()].sort((a, b) => a.createDate.getTime() - b.createDate.getTime())) {
    const lp = u.loginProfile;
    const nextRotation =
      lp && pp?.ExpirePasswords && pp.MaxPasswordAge ? t(new Date(lp.passwordLastChanged.getTime() + pp.MaxPasswordAge * 86400000)) : 'N/A';
    // A date when the password was ever used; no_information for a password never used; N/A without one.
    const lastUsed = u.passwordLastUsed ? t(u.passwordLastUsed) : lp ? 'no_information' : 'N/A';
    rows.push([
      u.userName, u.arn, t(u.createDate), String(!!lp), lastUsed,
      lp ? t(lp.passwordLastChanged) : 'N/A', nextRotation, String(u.mfaSerials.length > 0),
      ...keyCols(u.accessKeys[0]), ...keyCols(u.accessKeys[1]), 'false', 'N/A', 'false', 'N/A',
    ]);
  }
  // How AWS writes a name with a comma is not documented; RFC 4180 quoting here (the app reads both).
  const cell = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(',')).join('\n');
}
