import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsConfigPaths } from '../../../../electron/aws/shared-config';
import { credentialProcessLine, freeProfileName, profileNameFor, writeProfile } from '../../../../electron/onboarding/aws-profile';

const paths = () => {
  const dir = mkdtempSync(join(tmpdir(), 'aws-profile-'));
  return { configFile: join(dir, 'aws', 'config'), credentialsFile: join(dir, 'aws', 'credentials') };
};
const LINE = '"/usr/bin/node" "/opt/app/credential-process.js" "--data-dir" "/home/u/.config/app/cli-profiles" "--profile" "jdoe-acme-prod"';
const profile = { preferredName: 'jdoe-acme-prod', region: 'ap-northeast-2', credentialProcess: LINE };

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

  it('writes region + credential_process to the config file, 0600; no secret anywhere and no credentials file', async () => {
    const p = paths();
    expect(await writeProfile(p, profile)).toEqual({ name: 'jdoe-acme-prod' });
    expect(readFileSync(p.configFile, 'utf8')).toBe(`[profile jdoe-acme-prod]\nregion = ap-northeast-2\ncredential_process = ${LINE}\n`);
    expect(statSync(p.configFile).mode & 0o777).toBe(0o600);
    expect(existsSync(p.credentialsFile)).toBe(false);
  });

  it('never clobbers: a name taken in either file (as parsed by the SDK) gets a suffix; existing text is kept byte for byte', async () => {
    const p = paths();
    await writeProfile(p, { ...profile, preferredName: 'seed' });
    const config = '[default]\nregion = us-east-1\n[profile jdoe-acme-prod]\nregion = eu-west-1'; // no final newline
    const creds = '[jdoe-acme-prod-2]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = other\n';
    writeFileSync(p.configFile, config);
    writeFileSync(p.credentialsFile, creds, { mode: 0o644 });
    expect(await writeProfile(p, profile)).toEqual({ name: 'jdoe-acme-prod-3' });
    expect(readFileSync(p.configFile, 'utf8').startsWith(config + '\n\n[profile jdoe-acme-prod-3]\n')).toBe(true);
    expect(readFileSync(p.credentialsFile, 'utf8')).toBe(creds);
  });

  it('refuses control characters in every value (a newline would smuggle in a second setting) and writes nothing', async () => {
    const p = paths();
    for (const bad of ['eu-west-1\ncredential_process = evil', 'us-east-1\r', 'x\u0000', 'x\u2028y', 'x\u007f']) {
      await expect(writeProfile(p, { ...profile, region: bad })).rejects.toMatchObject({ code: 'onboarding.profileValueInvalid', params: { field: 'region' } });
      await expect(writeProfile(p, { ...profile, credentialProcess: bad })).rejects.toMatchObject({ code: 'onboarding.profileValueInvalid' });
    }
    await expect(writeProfile(p, { ...profile, preferredName: 'a]\n[b' })).rejects.toMatchObject({ code: 'onboarding.profileValueInvalid', params: { field: 'name' } });
    expect(existsSync(p.configFile)).toBe(false);
    expect(() => credentialProcessLine(['/usr/bin/node', 'a\nb'], 'linux')).toThrow(expect.objectContaining({ code: 'onboarding.profileValueInvalid' }));
  });

  it('quotes the helper command as botocore splits it (shlex on POSIX, its own splitter on Windows)', () => {
    expect(credentialProcessLine(['/opt/My App/app', '--profile', 'x'], 'linux')).toBe('"/opt/My App/app" "--profile" "x"');
    expect(credentialProcessLine(['/tmp/a"b\\c'], 'darwin')).toBe('"/tmp/a\\"b\\\\c"');
    expect(credentialProcessLine(['C:\\Program Files\\App\\app.exe', '--data-dir', 'C:\\Users\\x\\'], 'win32')).toBe(
      '"C:\\Program Files\\App\\app.exe" "--data-dir" "C:\\Users\\x\\\\"',
    );
    expect(() => credentialProcessLine(['C:\\a"b'], 'win32')).toThrow();
  });
});
