import { describe, expect, it } from 'vitest';
import {
  consoleSignInUrl,
  INVITE_FILE_EXTENSION,
  INVITE_FORMAT,
  INVITE_VERSION,
  inviteFileName,
  invitePayloadSchema,
} from '../../../../src/shared/invites/invite-schema';

const PAYLOAD = {
  format: 'iam-onboarding-invite',
  version: 1,
  accountId: '123456789012',
  accountAlias: null,
  partition: 'aws',
  region: 'us-east-1',
  userName: 'bob',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  consoleUrl: 'https://123456789012.signin.aws.amazon.com/console',
  issuedAt: '2030-01-08T12:00:00Z',
  expiresAt: '2030-01-15T12:00:00.000Z',
};

describe('invitePayloadSchema', () => {
  it('accepts a valid payload', () => {
    expect(invitePayloadSchema.parse(PAYLOAD)).toEqual(PAYLOAD);
  });

  it('is strict and checks formats', () => {
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, extra: true }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, accountId: '12345678901' }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, partition: 'aws-eu' }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, expiresAt: 'next week' }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, version: 2 }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, endpoints: { iam: 'not a url' } }).success).toBe(false);
    expect(invitePayloadSchema.safeParse({ ...PAYLOAD, endpoints: { iam: 'http://127.0.0.1:4566', s3: 'http://127.0.0.1:4566' } }).success).toBe(false);
  });

  it('reads what the app writes in every partition, with sandbox endpoints', () => {
    // The format name is what every version of the app writes and reads: a file names it.
    expect(INVITE_FORMAT).toBe('iam-onboarding-invite');
    expect(invitePayloadSchema.parse({ ...PAYLOAD, format: INVITE_FORMAT, version: INVITE_VERSION })).toEqual(PAYLOAD);
    const cn = { ...PAYLOAD, partition: 'aws-cn', region: 'cn-northwest-1', consoleUrl: 'https://123456789012.signin.amazonaws.cn/console' };
    const gov = { ...PAYLOAD, partition: 'aws-us-gov', region: 'us-gov-east-1', consoleUrl: 'https://123456789012.signin.amazonaws-us-gov.com/console' };
    const sandbox = { ...PAYLOAD, endpoints: { iam: 'http://127.0.0.1:4566', sts: 'http://localhost:4566' } };
    for (const p of [cn, gov, sandbox]) expect(invitePayloadSchema.parse(p)).toEqual(p);
  });
});

describe('consoleSignInUrl', () => {
  it('per partition, alias preferred', () => {
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: 'acme', partition: 'aws' })).toBe('https://acme.signin.aws.amazon.com/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws' })).toBe('https://123456789012.signin.aws.amazon.com/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws-cn' })).toBe('https://123456789012.signin.amazonaws.cn/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: 'gov', partition: 'aws-us-gov' })).toBe('https://gov.signin.amazonaws-us-gov.com/console');
  });

  it('an alias as typed, with spaces around it, is trimmed; a blank one falls back to the account id', () => {
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: '  acme \n', partition: 'aws' })).toBe('https://acme.signin.aws.amazon.com/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: '   ', partition: 'aws' })).toBe('https://123456789012.signin.aws.amazon.com/console');
  });

  it('throws for an unknown partition', () => {
    expect(() => consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws-iso' })).toThrow(
      expect.objectContaining({ code: 'invite.unknownPartition', params: { partition: 'aws-iso' } }),
    );
  });
});

describe('inviteFileName', () => {
  it('appends the extension', () => {
    expect(inviteFileName('jane.doe')).toBe(`jane.doe${INVITE_FILE_EXTENSION}`);
    expect(INVITE_FILE_EXTENSION).toBe('.invite.age');
  });
});
