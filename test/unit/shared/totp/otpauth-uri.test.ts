import { generateSecret, generateURI } from 'otplib';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../src/shared/errors/app-error';
import {
  buildOtpauthUri,
  formatSecretForManualEntry,
  mfaIssuer,
  parseOtpauthUri,
} from '../../../../src/shared/totp/otpauth-uri';

const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : 'not-app-error';
  }
  return undefined;
}

describe('buildOtpauthUri', () => {
  it('follows the Key Uri Format, percent-encoding label and issuer (spaces as %20)', () => {
    expect(buildOtpauthUri({ issuer: 'AWS acme-prod', accountName: 'jane.doe@example.com', base32Seed: SEED })).toBe(
      `otpauth://totp/AWS%20acme-prod:jane.doe%40example.com?secret=${SEED}&issuer=AWS%20acme-prod&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('normalises the seed (case, spaces, padding) and encodes colons in the parts', () => {
    const uri = buildOtpauthUri({ issuer: 'A:B', accountName: 'x+y=z', base32Seed: 'jbsw y3dp ehpk 3pxp==' });
    expect(uri).toBe('otpauth://totp/A%3AB:x%2By%3Dz?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB&algorithm=SHA1&digits=6&period=30');
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'A:B', accountName: 'x+y=z' });
  });

  it('refuses a seed that is not base32', () => {
    expect(codeOf(() => buildOtpauthUri({ issuer: 'AWS', accountName: 'a', base32Seed: 'not base32!' }))).toBe('totp.invalidSeed');
  });

  it('is a valid URL with no raw spaces', () => {
    const uri = buildOtpauthUri({ issuer: 'AWS my alias', accountName: 'user name', base32Seed: SEED });
    expect(uri).not.toMatch(/\s/);
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(SEED);
    expect(url.searchParams.get('issuer')).toBe('AWS my alias');
  });
});

describe('parseOtpauthUri', () => {
  it('round-trips our URIs', () => {
    const o = { issuer: 'AWS 123456789012', accountName: 'new.hire@corp', base32Seed: SEED };
    expect(parseOtpauthUri(buildOtpauthUri(o))).toEqual({ ...o, digits: 6, period: 30, algorithm: 'SHA1' });
  });

  it('reads the Google example and applies defaults', () => {
    expect(parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example')).toEqual({
      issuer: 'Example',
      accountName: 'alice@google.com',
      base32Seed: 'JBSWY3DPEHPK3PXP',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
  });

  it('takes the issuer from the label prefix (literal or encoded colon, optional space) when the parameter is absent', () => {
    expect(parseOtpauthUri('otpauth://totp/ACME%20Co%3A%20john?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'ACME Co', accountName: 'john' });
    expect(parseOtpauthUri('otpauth://totp/john?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: null, accountName: 'john' });
  });

  it('keeps a literal "+" (no form decoding)', () => {
    expect(parseOtpauthUri('otpauth://totp/a+b?secret=JBSWY3DPEHPK3PXP&issuer=C+D').issuer).toBe('C+D');
  });

  it('reads URIs produced by otplib', () => {
    const secret = generateSecret();
    const uri = generateURI({ issuer: 'AWS acme', label: 'bob', secret });
    expect(parseOtpauthUri(uri)).toMatchObject({ accountName: 'bob', base32Seed: secret, digits: 6, period: 30 });
  });

  it('rejects what is not a TOTP URI', () => {
    for (const bad of [
      '',
      'https://example.com',
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1',
      'otpauth://totp/x',
      'otpauth://totp/x?secret=',
      'otpauth://totp/x?secret=NOT*BASE32',
      'otpauth://totp/?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/x%ZZ?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0',
    ]) {
      expect(codeOf(() => parseOtpauthUri(bad)), bad).toBe('totp.invalidUri');
    }
  });
});

describe('formatSecretForManualEntry', () => {
  it('groups of four', () => {
    expect(formatSecretForManualEntry('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(formatSecretForManualEntry('jbswy3dpe')).toBe('JBSW Y3DP E');
    expect(formatSecretForManualEntry(SEED).split(' ')).toHaveLength(16);
  });
});

describe('mfaIssuer', () => {
  it('prefers the alias, falls back to the account id', () => {
    expect(mfaIssuer({ accountAlias: 'acme-prod', accountId: '123456789012' })).toBe('AWS acme-prod');
    expect(mfaIssuer({ accountAlias: null, accountId: '123456789012' })).toBe('AWS 123456789012');
    expect(mfaIssuer({ accountAlias: '', accountId: '123456789012' })).toBe('AWS 123456789012');
  });
});
