import { describe, expect, it } from 'vitest';
import { checkInviteFields, showValue, type InviteFieldsInput } from '../../../../src/shared/invites/invite-fields';
import { invitePayloadSchema } from '../../../../src/shared/invites/invite-schema';
import { INVITE_DAYS_MAX } from '../../../../src/shared/admin-limits';
import { fakeAccessKeyId } from '../../../support/fake-keys';

const GOOD: InviteFieldsInput = {
  accountId: '123456789012',
  accountAlias: 'acme-prod',
  partition: 'aws',
  region: 'ap-northeast-2',
  userName: 'kim.minji',
  accessKeyId: fakeAccessKeyId('fields'),
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console',
  issuedAt: '2030-01-01T00:00:00.000Z',
  expiresAt: '2030-01-08T00:00:00.000Z',
};
const fieldsOf = (o: Partial<InviteFieldsInput>) => checkInviteFields({ ...GOOD, ...o }).map((p) => p.field);

describe('checkInviteFields', () => {
  it('accepts what the app writes, in every partition, with sandbox endpoints', () => {
    expect(checkInviteFields(GOOD)).toEqual([]);
    expect(fieldsOf({ accountAlias: null, consoleUrl: 'https://123456789012.signin.aws.amazon.com/console' })).toEqual([]);
    expect(fieldsOf({ partition: 'aws-cn', region: 'cn-north-1', consoleUrl: 'https://acme-prod.signin.amazonaws.cn/console' })).toEqual([]);
    expect(fieldsOf({ partition: 'aws-us-gov', region: 'us-gov-west-1', consoleUrl: 'https://acme-prod.signin.amazonaws-us-gov.com/console' })).toEqual([]);
    expect(fieldsOf({ endpoints: { iam: 'http://127.0.0.1:4566', sts: 'http://localhost:4566/' } })).toEqual([]);
    expect(fieldsOf({ endpoints: { iam: 'https://iam.example.internal' } })).toEqual([]); // vetted again at sign-in
    expect(fieldsOf({ expiresAt: '2020-01-01T00:00:00Z' })).toEqual([]); // long expired: refused as expired, not as malformed
  });

  it.each([
    ['region', { region: 'us-east-1\n[default]' }],
    ['region', { region: 'north-pole' }],
    ['region', { region: 'cn-north-1' }], // a China Region in the aws partition
    ['accountId', { accountId: '12345678901a' }],
    ['accountAlias', { accountAlias: 'Acme Prod' }],
    ['accountAlias', { accountAlias: 'acme--prod' }],
    ['userName', { userName: 'kim\r\naws_secret_access_key=x' }],
    ['userName', { userName: '김민지' }],
    ['userName', { userName: 'x'.repeat(65) }],
    ['accessKeyId', { accessKeyId: `${fakeAccessKeyId('a')}\n` }],
    ['accessKeyId', { accessKeyId: 'ASIA' + 'A'.repeat(16) }], // a session key is never an invite's
    ['secretAccessKey', { secretAccessKey: 'abc\u0000def/ghijklmnopqrstuvwxyz0123456' }],
    ['secretAccessKey', { secretAccessKey: 'short' }],
    ['consoleUrl', { consoleUrl: 'https://acme-prod.signin.aws.amazon.com.evil.example/console' }],
    ['consoleUrl', { consoleUrl: 'http://acme-prod.signin.aws.amazon.com/console' }],
    ['expiry', { expiresAt: '2031-01-01T00:00:00.000Z' }], // longer than any invite the app issues
    ['expiry', { expiresAt: 'next week' }],
    ['endpoint', { endpoints: { sts: 'file:///etc/passwd' } }],
    ['endpoint', { endpoints: { iam: 'http://attacker.example' } }],
    ['endpoint', { endpoints: { iam: 'https://user:pw@iam.example' } }],
    ['endpoint', { endpoints: { iam: 'javascript:alert(1)' } }],
    ['endpoint', { endpoints: { iam: 'https://iam.example/?x=1' } }],
  ] as Array<[string, Partial<InviteFieldsInput>]>)('%s is refused (case %#)', (field, bad) => {
    expect(fieldsOf(bad)).toEqual([field]);
  });

  it('shows the offending value readably: control characters as U+XXXX, long values clipped with their length, never the secret', () => {
    expect(checkInviteFields({ ...GOOD, userName: 'a\nb' })).toEqual([{ field: 'userName', value: 'aU+000Ab' }]);
    expect(checkInviteFields({ ...GOOD, secretAccessKey: 'x\n' })).toEqual([{ field: 'secretAccessKey', value: '' }]);
    expect(showValue('r'.repeat(10_000_000))).toBe(`${'r'.repeat(60)}… (10000000)`);
  });
});

describe('checkInviteFields at the edges of each format', () => {
  const DAY = 86_400_000;
  const at = (ms: number) => new Date(ms).toISOString();
  const issued = Date.parse(GOOD.issuedAt);

  it('an expiry up to INVITE_DAYS_MAX + 1 days after the issue (a day of clock slack), not a millisecond more; an impossible date never', () => {
    expect(fieldsOf({ expiresAt: at(issued + (INVITE_DAYS_MAX + 1) * DAY) })).toEqual([]);
    expect(fieldsOf({ expiresAt: at(issued + (INVITE_DAYS_MAX + 1) * DAY + 1) })).toEqual(['expiry']);
    for (const expiresAt of ['2030-13-01T00:00:00Z', '2030-01-01T25:00:00Z']) expect(fieldsOf({ expiresAt }), expiresAt).toEqual(['expiry']);
    // Only the ISO form the app writes, in both fields — not other text Date.parse would take.
    for (const issuedAt of ['2030-01-01', '+002030-01-01T00:00:00Z', '2030-01-01T00:00:00Z\u0000', 'Tue, 01 Jan 2030 00:00:00 GMT']) {
      expect(fieldsOf({ issuedAt }), JSON.stringify(issuedAt)).toEqual(['expiry']);
      expect(fieldsOf({ expiresAt: issuedAt }), JSON.stringify(issuedAt)).toEqual(['expiry']);
    }
  });

  it('identifiers are whole values: nothing before or after the pattern', () => {
    for (const accountId of ['1234567890123', 'x123456789012', '123456789012x']) expect(fieldsOf({ accountId }), accountId).toEqual(['accountId']);
    for (const region of ['1us-east-1', 'us-east-1x', 'us-east-123']) expect(fieldsOf({ region }), region).toEqual(['region']);
    // Region numbers of two digits and isolated partitions' names are Region-shaped.
    for (const region of ['us-east-12', 'eu-isoe-west-1']) expect(fieldsOf({ region }), region).toEqual([]);
    expect(fieldsOf({ accessKeyId: `X${fakeAccessKeyId('edge')}` })).toEqual(['accessKeyId']);
    expect(fieldsOf({ secretAccessKey: `${GOOD.secretAccessKey}!!` })).toEqual(['secretAccessKey']);
    expect(fieldsOf({ secretAccessKey: `!!${GOOD.secretAccessKey}` })).toEqual(['secretAccessKey']);
  });

  it('a partition the app does not know is refused by name (its sign-in host is unknown too)', () => {
    expect(fieldsOf({ partition: 'aws-iso' })).toEqual(['partition', 'consoleUrl']);
  });

  it('the console URL is the partition’s own sign-in host, exactly', () => {
    for (const [partition, region, host] of [
      ['aws', 'us-east-1', 'signin.aws.amazon.com'],
      ['aws-cn', 'cn-north-1', 'signin.amazonaws.cn'],
      ['aws-us-gov', 'us-gov-west-1', 'signin.amazonaws-us-gov.com'],
    ] as const) {
      expect(fieldsOf({ partition, region, consoleUrl: `https://acme.${host}/console` })).toEqual([]);
      // a dot before the alias (another host under it) or anything after the domain is another site
      for (const consoleUrl of [`https://evil.acme.${host}/console`, `https://acme.${host}.evil.example/console`, `https://acme.${host}:8443/console`, `https://u:p@acme.${host}/console`]) {
        expect(fieldsOf({ partition, region, consoleUrl }), consoleUrl).toEqual(['consoleUrl']);
      }
    }
  });

  it('endpoints: http only to this computer (IPv6 loopback included), control characters and over-long URLs refused before parsing', () => {
    for (const iam of ['http://[::1]:4566', 'http://127.0.0.1:4566', 'http://localhost:4566']) expect(fieldsOf({ endpoints: { iam } }), iam).toEqual([]);
    for (const iam of ['ftp://127.0.0.1:21', 'ws://localhost:4566', 'http://127.0.0.2:4566']) expect(fieldsOf({ endpoints: { iam } }), iam).toEqual(['endpoint']);
    // The URL parser drops tabs and newlines; the check refuses them first.
    expect(fieldsOf({ endpoints: { sts: 'https://sts.exa\tmple' } })).toEqual(['endpoint']);
    const base = 'https://iam.example/';
    expect(fieldsOf({ endpoints: { iam: base + 'a'.repeat(2048 - base.length) } })).toEqual([]);
    expect(fieldsOf({ endpoints: { iam: base + 'a'.repeat(2049 - base.length) } })).toEqual(['endpoint']);
  });

  it('a shown value is clipped only past 60 characters, counting what control characters become', () => {
    expect(showValue('v'.repeat(60))).toBe('v'.repeat(60));
    expect(showValue('v'.repeat(61))).toBe(`${'v'.repeat(60)}… (61)`);
    // 54 characters and a newline: shown as 60, not clipped; 55 and a newline: 61 shown, clipped, the real length said.
    expect(showValue(`${'v'.repeat(54)}\n`)).toBe(`${'v'.repeat(54)}U+000A`);
    expect(showValue(`${'v'.repeat(55)}\n`)).toBe(`${'v'.repeat(55)}U+000… (56)`);
  });
});

describe('invitePayloadSchema with hostile values', () => {
  const payload = { format: 'iam-onboarding-invite', version: 1, ...GOOD };
  it('a 10 MB field is refused by size before any pattern runs', () => {
    const t0 = performance.now();
    const r = invitePayloadSchema.safeParse({ ...payload, region: 'a'.repeat(10 * 1024 * 1024) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['region']);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('names the field of a bad value as a custom issue the codec maps to invite.field.<name>', () => {
    const r = invitePayloadSchema.safeParse({ ...payload, region: 'us-east-1\n[default]' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([expect.objectContaining({ code: 'custom', path: ['region'], params: { field: 'region', value: 'us-east-1U+000A[default]' } })]);
  });
});
