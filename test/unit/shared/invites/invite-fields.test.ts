import { describe, expect, it } from 'vitest';
import { checkInviteFields, showValue, type InviteFieldsInput } from '../../../../src/shared/invites/invite-fields';
import { invitePayloadSchema } from '../../../../src/shared/invites/invite-schema';
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
  ] as Array<[string, Partial<InviteFieldsInput>]>)('%s is refused: %j', (field, bad) => {
    expect(fieldsOf(bad)).toEqual([field]);
  });

  it('shows the offending value readably: control characters as U+XXXX, long values clipped with their length, never the secret', () => {
    expect(checkInviteFields({ ...GOOD, userName: 'a\nb' })).toEqual([{ field: 'userName', value: 'aU+000Ab' }]);
    expect(checkInviteFields({ ...GOOD, secretAccessKey: 'x\n' })).toEqual([{ field: 'secretAccessKey', value: '' }]);
    expect(showValue('r'.repeat(10_000_000))).toBe(`${'r'.repeat(60)}… (10000000)`);
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
