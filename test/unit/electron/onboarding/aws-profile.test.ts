import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsConfigPaths } from '../../../../electron/aws/shared-config';
import { freeProfileName, profileNameFor, writeProfile } from '../../../../electron/onboarding/aws-profile';
import { fakeAccessKeyId } from '../../../support/fake-keys';

const paths = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aws-profile-'));
  return { configFile: join(dir, 'aws', 'config'), credentialsFile: join(dir, 'aws', 'credentials') };
};
const profile = { preferredName: 'jdoe-acme-prod', region: 'ap-northeast-2', mfaSerial: 'arn:aws:iam::123456789012:mfa/jdoe', accessKeyId: fakeAccessKeyId('profile'), secretAccessKey: 'sEcReT/KeY+123' };

describe('AWS CLI profile writing', () => {
  it('paths: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE win over ~/.aws', () => {
    expect(awsConfigPaths({}, '/home/u')).toEqual({ configFile: '/home/u/.aws/config', credentialsFile: '/home/u/.aws/credentials' });
    expect(awsConfigPaths({ AWS_CONFIG_FILE: '/c', AWS_SHARED_CREDENTIALS_FILE: '/k' }, '/home/u')).toEqual({ configFile: '/c', credentialsFile: '/k' });
  });

  it('profile names keep to characters every parser reads', () => {
    expect(profileNameFor('jane.doe@corp', 'acme-prod')).toBe('jane-doe-corp-acme-prod');
    expect(profileNameFor('jdoe', '123456789012')).toBe('jdoe-123456789012');
    expect(freeProfileName('x', new Set(['x', 'x-2']))).toBe('x-3');
    expect(freeProfileName('X', new Set(['y']))).toBe('X');
  });

  it('creates both files: config has region + mfa_serial and no secret; credentials has the key, mode 0600', async () => {
    const p = paths();
    expect(await writeProfile(p, profile)).toEqual({ name: 'jdoe-acme-prod' });
    const config = readFileSync(p.configFile, 'utf8');
    expect(config).toBe('[profile jdoe-acme-prod]\nregion = ap-northeast-2\nmfa_serial = arn:aws:iam::123456789012:mfa/jdoe\n');
    expect(readFileSync(p.credentialsFile, 'utf8')).toBe(`[jdoe-acme-prod]\naws_access_key_id = ${fakeAccessKeyId('profile')}\naws_secret_access_key = sEcReT/KeY+123\n`);
    expect(statSync(p.credentialsFile).mode & 0o777).toBe(0o600);
  });

  it('never clobbers: a name taken in either file (as parsed by the SDK) gets a suffix; existing text is kept byte for byte', async () => {
    const p = paths();
    await writeProfile(p, { ...profile, preferredName: 'seed' });
    const config = '[default]\nregion = us-east-1\n[profile jdoe-acme-prod]\nregion = eu-west-1'; // no final newline
    const creds = '[jdoe-acme-prod-2]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n';
    writeFileSync(p.configFile, config);
    writeFileSync(p.credentialsFile, creds, { mode: 0o644 });
    expect(await writeProfile(p, profile)).toEqual({ name: 'jdoe-acme-prod-3' });
    const after = readFileSync(p.configFile, 'utf8');
    expect(after.startsWith(config + '\n\n[profile jdoe-acme-prod-3]\n')).toBe(true);
    expect(readFileSync(p.credentialsFile, 'utf8').startsWith(creds + '\n[jdoe-acme-prod-3]\n')).toBe(true);
    expect(statSync(p.credentialsFile).mode & 0o777).toBe(0o600);
  });
});
