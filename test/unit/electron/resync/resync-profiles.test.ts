import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsConfigPaths } from '../../../../electron/aws/shared-config';
import { listStaticKeyProfiles, readProfileKeys } from '../../../../electron/resync/resync-profiles';
import { AppError } from '../../../../src/shared/errors/app-error';

const KEY = (tail: string) => `AKIAAAAAAAAAAAAA${tail}`;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function files() {
  const dir = mkdtempSync(join(tmpdir(), 'resync-profiles-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(
    configFile,
    [
      '[default]',
      'region = ap-northeast-2',
      '[profile dev]',
      `aws_access_key_id = ${KEY('DEV1')}`,
      `aws_secret_access_key = ${SECRET}`,
      '[profile admin-role]',
      'role_arn = arn:aws:iam::123456789012:role/Admin',
      'source_profile = dev',
      '[profile sso-user]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Dev',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      '[profile overridden]',
      `aws_access_key_id = ${KEY('OLD1')}`,
      `aws_secret_access_key = ${SECRET}`,
    ].join('\n'),
  );
  writeFileSync(
    credentialsFile,
    [
      '[default]',
      `aws_access_key_id = ${KEY('DEF0')}`,
      `aws_secret_access_key = ${SECRET}`,
      '[temporary]',
      'aws_access_key_id = ASIAAAAAAAAAAAAATMP1',
      `aws_secret_access_key = ${SECRET}`,
      'aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE',
      '[half]',
      `aws_access_key_id = ${KEY('HALF')}`,
      '[overridden]',
      `aws_access_key_id = ${KEY('NEW1')}`,
    ].join('\n'),
  );
  return { dir, configFile, credentialsFile };
}

describe('resync profiles', () => {
  it('lists only profiles with a long-term static key, default first, with a key hint and no secret', async () => {
    const paths = files();
    const profiles = await listStaticKeyProfiles(paths);
    expect(profiles).toEqual([
      { name: 'default', keyHint: 'DEF0' },
      { name: 'dev', keyHint: 'DEV1' },
      // the credentials file wins over the config file, as in the SDK
      { name: 'overridden', keyHint: 'NEW1' },
    ]);
    expect(JSON.stringify(profiles)).not.toContain(SECRET);
  });

  it('reads one profile’s keys, and refuses a role, SSO, temporary or missing profile', async () => {
    const paths = files();
    expect(await readProfileKeys(paths, 'dev')).toEqual({ accessKeyId: KEY('DEV1'), secretAccessKey: SECRET });
    for (const name of ['admin-role', 'sso-user', 'temporary', 'half', 'nope', 'sso-session.corp']) {
      await expect(readProfileKeys(paths, name)).rejects.toMatchObject({ code: 'resync.profileNotUsable', params: { profile: name } });
    }
    await expect(readProfileKeys(paths, 'nope')).rejects.toBeInstanceOf(AppError);
  });

  it('honours AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else looks under the app’s home', async () => {
    const home = mkdtempSync(join(tmpdir(), 'resync-home-'));
    mkdirSync(join(home, '.aws'));
    expect(awsConfigPaths({}, home)).toEqual({
      configFile: join(home, '.aws', 'config'),
      credentialsFile: join(home, '.aws', 'credentials'),
    });
    expect(awsConfigPaths({ AWS_CONFIG_FILE: '/x/c', AWS_SHARED_CREDENTIALS_FILE: '/x/k' }, home)).toEqual({
      configFile: '/x/c',
      credentialsFile: '/x/k',
    });
    // Missing files are not an error: nothing to list.
    expect(await listStaticKeyProfiles(awsConfigPaths({}, home))).toEqual([]);
  });
});
