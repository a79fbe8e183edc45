import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecord, readSession, recordFile, sessionFile, storeDir, writeRecord, writeSession, type CliRecord } from '../../../../electron/cli-access/cli-store';
import { plainVault } from '../../../../electron/cli-access/cli-vault';
import { runCredentialProcess, type HelperDeps } from '../../../../electron/cli-access/credential-process';
import { createAwsClientFactory } from '../../../../electron/aws/client-factory';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { fakeAccessKeyId } from '../../../support/fake-keys';

/**
 * Attempts to make the credential_process helper hand out credentials that are not the profile's
 * own: a session cached (or planted) for another key, a record that names another profile, another
 * user of the machine writing into the store. Each is refused and leaves the store as it was.
 */
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());

let n = 0;
async function setup(dir = mkdtempSync(join(tmpdir(), 'cli-abuse-'))) {
  const u = sb.scenario.newUser({ userName: `abuse.${++n}`, attachEnforcementPolicy: true, withMfa: true, onboardingWindow: false });
  const record: CliRecord = {
    version: 1,
    profile: `abuse-${n}`,
    userName: u.userName,
    accountId: sb.accountId,
    region: sb.region,
    mfaSerial: u.mfa!.serialNumber,
    endpoints: { sts: sb.url, iam: sb.url },
    accessKeyId: u.accessKeyId!,
    secretAccessKey: { protection: 'plain', data: u.secretAccessKey! },
    keyCreatedAt: new Date(Date.now() - 3600_000).toISOString(),
    sessionSeconds: 3600,
  };
  await writeRecord(dir, record);
  return { dir, record, serial: u.mfa!.serialNumber };
}

function helper(answers: Array<string | null>) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const deps: HelperDeps = {
    vault: plainVault,
    terminal: { ask: async (q) => (asked.push(q), answers.length ? (answers.shift() as string | null) : null), tell: () => {} },
    sts: (r, c) => createAwsClientFactory({ region: r.region, endpoints: r.endpoints ?? {}, maxAttempts: 1 }).sts(c),
    now: () => Date.now(),
    sleep: async () => {},
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
  };
  return { deps, out, err, asked };
}
const args = (dir: string, profile: string) => ['--data-dir', dir, '--profile', profile];
// A session key id built at run time: no key-shaped literal in the repository.
const planted = { AccessKeyId: `ASIA${'PLANTED'.padEnd(16, '0')}`, SecretAccessKey: 'planted-secret', SessionToken: 'planted-token', Expiration: new Date(Date.now() + 3600_000).toISOString() };

describe('credential_process helper, abuse', () => {
  it('a complete, unexpired session cached for another key is not handed out: it asks, and the new session replaces it', async () => {
    const { dir, record, serial } = await setup();
    await writeSession(dir, { ...record, accessKeyId: fakeAccessKeyId('otherkey') }, plainVault, planted);
    expect(await readSession(dir, record, plainVault)).toBeNull();
    const h = helper([sb.scenario.mfaCode(serial)]);
    expect(await runCredentialProcess(args(dir, record.profile), h.deps)).toBe(0);
    expect(h.asked).toHaveLength(1);
    const creds = JSON.parse(h.out.join('')) as { AccessKeyId: string };
    expect(creds.AccessKeyId).not.toBe(planted.AccessKeyId);
    expect(sb.state.listSessions().find((s) => s.accessKeyId === creds.AccessKeyId)?.mfaAuthenticated).toBe(true);
    const onDisk = JSON.parse(readFileSync(sessionFile(dir, record.profile), 'utf8')) as { accessKeyId: string };
    expect(onDisk.accessKeyId).toBe(record.accessKeyId);
    expect(readFileSync(sessionFile(dir, record.profile), 'utf8')).not.toContain(planted.SessionToken);
  });

  it("a record that names another profile is not that profile's: exit 2, and the other profile's session is neither handed out nor touched", async () => {
    const { dir, record } = await setup();
    await writeSession(dir, record, plainVault, planted);
    const sessionBefore = readFileSync(sessionFile(dir, record.profile), 'utf8');
    // b.json holding a's record (copied, renamed or planted).
    copyFileSync(recordFile(dir, record.profile), recordFile(dir, 'other-profile'));
    expect(await readRecord(dir, 'other-profile')).toBeNull();
    const h = helper([null]);
    expect(await runCredentialProcess(args(dir, 'other-profile'), h.deps)).toBe(2);
    expect(h.out).toEqual([]);
    expect(h.asked).toEqual([]);
    expect(h.err.join('')).toContain('no command-line profile "other-profile"');
    expect(readFileSync(sessionFile(dir, record.profile), 'utf8')).toBe(sessionBefore);
    expect(existsSync(sessionFile(dir, 'other-profile'))).toBe(false);
  });

  // Only root can act as another user here; CI runs as root.
  it.skipIf(process.getuid?.() !== 0)('another user of the machine cannot plant a session, even where the store folder had been left open to all', async () => {
    const base = mkdtempSync(join(tmpdir(), 'cli-abuse-home-'));
    chmodSync(base, 0o755);
    const dir = storeDir(base);
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const { record } = await setup(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const target = sessionFile(dir, record.profile);
    const body = JSON.stringify({ version: 1, accessKeyId: record.accessKeyId, session: { protection: 'plain', data: JSON.stringify(planted) } });
    const other = spawnSync(process.execPath, ['-e', 'require("node:fs").writeFileSync(process.argv[1], process.argv[2])', target, body], { uid: 65534, gid: 65534, encoding: 'utf8' });
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('EACCES');
    expect(existsSync(target)).toBe(false);
    const h = helper([null]);
    expect(await runCredentialProcess(args(dir, record.profile), h.deps)).toBe(1);
    expect(h.out).toEqual([]);
    expect(h.asked).toHaveLength(1);
  });
});
