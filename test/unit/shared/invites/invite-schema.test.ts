import { describe, expect, it } from 'vitest';
import {
  consoleSignInUrl,
  INVITE_FILE_EXTENSION,
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
  });
});

describe('consoleSignInUrl', () => {
  it('per partition, alias preferred', () => {
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: 'acme', partition: 'aws' })).toBe('https://acme.signin.aws.amazon.com/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws' })).toBe('https://123456789012.signin.aws.amazon.com/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws-cn' })).toBe('https://123456789012.signin.amazonaws.cn/console');
    expect(consoleSignInUrl({ accountId: '123456789012', accountAlias: 'gov', partition: 'aws-us-gov' })).toBe('https://gov.signin.amazonaws-us-gov.com/console');
  });

  it('throws for an unknown partition', () => {
    expect(() => consoleSignInUrl({ accountId: '123456789012', accountAlias: null, partition: 'aws-iso' })).toThrow(
      expect.objectContaining({ code: 'invite.unknownPartition' }),
    );
  });
});

describe('inviteFileName', () => {
  it('appends the extension', () => {
    expect(inviteFileName('jane.doe')).toBe(`jane.doe${INVITE_FILE_EXTENSION}`);
    expect(INVITE_FILE_EXTENSION).toBe('.invite.age');
  });
});
