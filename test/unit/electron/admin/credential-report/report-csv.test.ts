import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from '../../../../../electron/admin/credential-report/report-csv';
import { inferResetRequired } from '../../../../../electron/admin/status/report-rows';
import { buildCredentialReport } from '../../../../sandbox/credential-report';
import { AccountState } from '../../../../sandbox/state';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const T = '2024-03-01T10:00:00+00:00';
const row = (user: string, cells: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    user,
    arn: `arn:aws:iam::123456789012:user/${user}`,
    user_creation_time: T,
    password_enabled: 'true',
    password_last_used: 'no_information',
    password_last_changed: T,
    password_next_rotation: 'N/A',
    mfa_active: 'false',
    access_key_1_active: 'true',
    access_key_1_last_rotated: T,
    access_key_1_last_used_date: 'N/A',
    access_key_1_last_used_region: 'N/A',
    access_key_1_last_used_service: 'N/A',
    access_key_2_active: 'false',
    access_key_2_last_rotated: 'N/A',
    access_key_2_last_used_date: 'N/A',
    access_key_2_last_used_region: 'N/A',
    access_key_2_last_used_service: 'N/A',
    cert_1_active: 'false',
    cert_1_last_rotated: 'N/A',
    cert_2_active: 'false',
    cert_2_last_rotated: 'N/A',
    ...cells,
  };
  return HEADER.split(',').map((h) => base[h]).join(',');
};

describe('credential report CSV', () => {
  it('reads every column by name; N/A, no_information and not_supported are "no value"', () => {
    const csv = [HEADER, row('<root_account>', { arn: 'arn:aws:iam::123456789012:root', password_enabled: 'not_supported', mfa_active: 'true', access_key_1_active: 'false', access_key_1_last_rotated: 'N/A' }), row('alice', { access_key_1_last_used_date: '2024-03-02T11:00:00+00:00', access_key_1_last_used_service: 'iam', access_key_1_last_used_region: 'us-east-1', access_key_2_active: 'false', access_key_2_last_rotated: '2023-01-01T00:00:00+00:00' })].join('\n');
    const r = parseCredentialReport(csv);
    expect(r.root).toMatchObject({ userName: '<root_account>', passwordEnabled: null, mfaActive: true, keys: [] });
    expect(r.users).toHaveLength(1);
    const a = r.users[0]!;
    expect(a).toMatchObject({ userName: 'alice', passwordEnabled: true, passwordLastUsed: null, mfaActive: false, passwordNextRotation: null });
    expect(a.passwordLastChanged?.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    // An inactive key keeps its slot; an empty slot is left out.
    expect(a.keys).toEqual([
      { slot: 1, active: true, lastRotated: new Date(T), lastUsed: new Date('2024-03-02T11:00:00Z'), lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
      { slot: 2, active: false, lastRotated: new Date('2023-01-01T00:00:00Z'), lastUsed: null, lastUsedService: null, lastUsedRegion: null },
    ]);
  });

  it('a user name with commas, quoted (RFC 4180) or not; columns in another order or added later; CRLF and BOM', () => {
    const withQuotes = `"a,b","arn:aws:iam::123456789012:user/a,b"${row('x').slice(row('x').indexOf(',' + T))}`;
    const unquoted = `c,d,e,arn:aws:iam::123456789012:user/c,d,e${row('x').slice(row('x').indexOf(',' + T))}`;
    const r = parseCredentialReport('\ufeff' + [HEADER, withQuotes, unquoted].join('\r\n') + '\r\n');
    expect(r.users.map((u) => [u.userName, u.arn, u.keys.length])).toEqual([
      ['a,b', 'arn:aws:iam::123456789012:user/a,b', 1],
      ['c,d,e', 'arn:aws:iam::123456789012:user/c,d,e', 1],
    ]);
    const cols = HEADER.split(',');
    const reordered = [...cols].reverse().concat('future_column').join(',');
    const cells = row('bob').split(',').reverse().concat('x').join(',');
    expect(parseCredentialReport(`${reordered}\n${cells}`).users[0]).toMatchObject({ userName: 'bob', passwordEnabled: true, keys: [{ slot: 1, active: true }] });
  });

  it('refuses what is not a credential report, with a message for the admin', () => {
    expect(() => parseCredentialReport('name,email\nx,y')).toThrow(expect.objectContaining({ code: 'admin.credentialReportUnreadable' }));
    expect(() => parseCredentialReport('"unterminated')).toThrow(expect.objectContaining({ code: 'admin.credentialReportUnreadable' }));
  });

  it('reads the sandbox report (an independent writer of the same format) for every user', () => {
    const state = new AccountState({ accountId: '123456789012', accountAlias: null, region: 'us-east-1', now: () => Date.parse('2024-06-01T00:00:00Z') });
    for (const n of ['p', 'q,r']) {
      state.createUser(n);
      state.createLoginProfile(n, 'Aa1!aaaaaaaaaaaa', true);
      state.createAccessKey(n);
    }
    const r = parseCredentialReport(buildCredentialReport(state));
    expect(r.users.map((u) => u.userName)).toEqual(['p', 'q,r']);
    expect(r.users.every((u) => u.passwordEnabled && u.keys.length === 1 && !u.mfaActive)).toBe(true);
  });
});

describe('inferring "must still change the password" from the report', () => {
  const user = (o: { changed?: string; signedIn?: string | null; keys?: Array<{ rotated: string; used?: string | null }>; mfa?: boolean; password?: boolean }) =>
    parseCredentialReport(
      [
        HEADER,
        row('u', {
          password_enabled: String(o.password ?? true),
          password_last_changed: o.changed ?? '2024-03-01T10:00:05+00:00',
          password_last_used: o.signedIn ?? 'no_information',
          mfa_active: String(o.mfa ?? false),
          access_key_1_active: String(!!o.keys?.[0]),
          access_key_1_last_rotated: o.keys?.[0]?.rotated ?? 'N/A',
          access_key_1_last_used_date: o.keys?.[0]?.used ?? 'N/A',
          access_key_2_active: String(!!o.keys?.[1]),
          access_key_2_last_rotated: o.keys?.[1]?.rotated ?? 'N/A',
          access_key_2_last_used_date: o.keys?.[1]?.used ?? 'N/A',
        }),
      ].join('\n'),
    ).users[0]!;
  const invite = '2024-03-01T10:00:06+00:00';

  it.each([
    ['a fresh invite (password, then its key; key unused)', { keys: [{ rotated: invite }] }, true],
    ['a resend (key first, password a second later)', { changed: '2024-03-01T10:00:07+00:00', keys: [{ rotated: invite }] }, true],
    ['the wizard used the key, then changed the password', { changed: '2024-03-01T10:05:00+00:00', keys: [{ rotated: invite, used: '2024-03-01T10:04:00+00:00' }] }, false],
    ['the wizard signed in, password not changed yet', { keys: [{ rotated: invite, used: '2024-03-01T10:04:00+00:00' }] }, true],
    ['an older CLI key is used, the new invite key is not', { keys: [{ rotated: '2023-01-01T00:00:00+00:00', used: '2024-03-01T10:04:00+00:00' }, { rotated: invite }] }, true],
    ['console sign-in after the invite, then the forced change', { changed: '2024-03-01T11:00:30+00:00', signedIn: '2024-03-01T11:00:00+00:00', keys: [{ rotated: invite }] }, false],
    ['console sign-in after the invite, change abandoned', { signedIn: '2024-03-01T11:00:00+00:00', keys: [{ rotated: invite }] }, true],
    ['no key, never signed in', {}, true],
    ['no key, signed in: the report cannot tell', { signedIn: '2024-03-01T11:00:00+00:00' }, null],
    ['MFA registered (the wizard does that after the password)', { mfa: true, keys: [{ rotated: invite }] }, false],
    ['no console password', { password: false }, false],
  ] as const)('%s', (_, o, expected) => {
    expect(inferResetRequired(user(o as Parameters<typeof user>[0]))).toBe(expected);
  });
});
