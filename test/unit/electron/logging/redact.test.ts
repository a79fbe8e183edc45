import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/logging/logger';
import { redact, REDACTED } from '../../../../electron/logging/redact';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';

describe('the logger redacts secrets whatever field they hide in', () => {
  it('replaces secret-named fields', () => {
    expect(redact({ password: 'Temp-Pass-123!', newPassword: 'x', secretAccessKey: 'y', sessionToken: 'z', totpSeed: 's', code1: '123456', userName: 'jdoe' })).toEqual({
      password: REDACTED,
      newPassword: REDACTED,
      secretAccessKey: REDACTED,
      sessionToken: REDACTED,
      totpSeed: REDACTED,
      code1: REDACTED,
      userName: 'jdoe',
    });
  });

  it('hides Slack webhook URLs: by field name and by shape, in text and errors', () => {
    const hook = ['https://hooks.slack.com/services', 'T0AAAAAAA', 'B0BBBBBBB', 'abcdefghijklmnop'].join('/');
    const out = JSON.stringify(redact({ slackWebhookUrl: 'anything', invocationEndpoint: 'https://example.com/x', note: `posting to ${hook} now`, error: new Error(`ValidationException for ${hook}`) }));
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).not.toContain('example.com/x');
  });

  it('replaces secret-shaped values in free text, nested objects and errors', () => {
    const out = JSON.stringify(
      redact({
        note: `key AKIAIOSFODNN7EXAMPLE secret ${SECRET_KEY} seed ${SEED} uri otpauth://totp/AWS:jdoe?secret=${SEED}`,
        nested: [{ detail: SESSION_TOKEN }],
        error: new Error(`failed with ${SECRET_KEY}`),
      }),
    );
    for (const s of ['AKIAIOSFODNN7EXAMPLE', SECRET_KEY, SEED, SESSION_TOKEN, 'otpauth://']) expect(out).not.toContain(s);
    expect(out).toContain('failed with');
  });

  it('writes lines that contain no secret', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.error('signIn.failed', { user: 'jdoe', input: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET_KEY }, message: `bad ${SECRET_KEY}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('signIn.failed');
    expect(lines[0]).toContain('jdoe');
    expect(lines[0]).not.toContain(SECRET_KEY);
    expect(lines[0]).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});
