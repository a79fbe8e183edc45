import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockFile, readRecord, readSession, recordFile, sessionFile, storeDir, writeRecord, writeSession, type CliRecord } from '../../../../electron/cli-access/cli-store';
import { keychainVault, plainVault, type CliVault } from '../../../../electron/cli-access/cli-vault';
import { CREDENTIAL_PROCESS_FLAG, REFRESH_BEFORE_MS, runCredentialProcess, type HelperDeps } from '../../../../electron/cli-access/credential-process';
import { createAwsClientFactory } from '../../../../electron/aws/client-factory';
import { createProcessSecretStore } from '../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../sandbox/index';
import { fakeAccessKeyId } from '../../../support/fake-keys';

/**
 * The helper at its edges, against the sandbox: a key still propagating through IAM, the lock that
 * makes parallel CLI calls wait for one question, the 15-minute refresh boundary, an STS failure
 * that is not a wrong code, and the store's files (names, modes, a session of another key).
 */
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterEach(() => {
  sb.setConsistencyDelayMs(0);
  sb.faults.clear();
});
afterAll(() => sb.stop());

let n = 0;
async function setup(o: { vault?: CliVault; keyAgeMs?: number } = {}) {
  const vault = o.vault ?? plainVault;
  const u = sb.scenario.newUser({ userName: `edge.${++n}`, attachEnforcementPolicy: true, withMfa: true, onboardingWindow: false });
  const dir = mkdtempSync(join(tmpdir(), 'cli-edge-'));
  const record: CliRecord = {
    version: 1,
    profile: `edge-${n}`,
    userName: u.userName,
    accountId: sb.accountId,
    region: sb.region,
    mfaSerial: u.mfa!.serialNumber,
    endpoints: { sts: sb.url, iam: sb.url },
    accessKeyId: u.accessKeyId!,
    secretAccessKey: { protection: vault.protection, data: vault.seal(u.secretAccessKey!) },
    keyCreatedAt: new Date(Date.now() - (o.keyAgeMs ?? 3600_000)).toISOString(),
    sessionSeconds: 3600,
  };
  await writeRecord(dir, record);
  return { dir, record, serial: u.mfa!.serialNumber };
}

function helper(vault: CliVault, answers: Array<string | null>, o: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const slept: number[] = [];
  const deps: HelperDeps = {
    vault,
    terminal: { ask: async (q) => (asked.push(q), answers.length ? (answers.shift() as string | null) : null), tell: () => {} },
    sts: (r, c) => createAwsClientFactory({ region: r.region, endpoints: r.endpoints ?? {}, maxAttempts: 1 }).sts(c),
    now: o.now ?? (() => Date.now()),
    sleep: async (ms) => {
      slept.push(ms);
      await o.sleep?.(ms);
    },
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
  };
  return { deps, out, err, asked, slept };
}
const args = (dir: string, record: CliRecord) => ['--data-dir', dir, '--profile', record.profile, '--some-electron-switch'];
const session = (expiresInMs: number) => ({ AccessKeyId: 'ASIACACHED', SecretAccessKey: 'cached-secret', SessionToken: 'cached-token', Expiration: new Date(Date.now() + expiresInMs).toISOString() });

describe('credential_process helper, edges', () => {
  it('a key minutes old that STS does not know yet is retried with growing waits until it works', async () => {
    sb.setConsistencyDelayMs(1_200);
    const { dir, record, serial } = await setup({ keyAgeMs: 60_000 });
    const h = helper(plainVault, [sb.scenario.mfaCode(serial)], { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(0);
    expect(h.slept.slice(0, 2)).toEqual([500, 1000]);
    expect(JSON.parse(h.out.join(''))).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it('a fresh key and a mistyped code: the rejection is said at once (no propagation wait), the next code works', async () => {
    const { dir, record, serial } = await setup({ keyAgeMs: 0 });
    const h = helper(plainVault, ['000000', sb.scenario.mfaCode(serial)]);
    const told: string[] = [];
    h.deps.terminal.tell = (l) => void told.push(l);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(0);
    expect(h.slept).toEqual([]);
    expect(h.asked).toHaveLength(2);
    expect(told).toEqual(['AWS did not accept that code. Wait for the next one and try again.']);
    const creds = JSON.parse(h.out.join('')) as { AccessKeyId: string };
    expect(sb.state.listSessions().find((s) => s.accessKeyId === creds.AccessKeyId)?.mfaAuthenticated).toBe(true);
  });

  it('an older key that STS does not know is not waited for: exit 1, naming the error', async () => {
    sb.setConsistencyDelayMs(60_000);
    const { dir, record, serial } = await setup({ keyAgeMs: 5 * 60_000 + 1_000 });
    const h = helper(plainVault, [sb.scenario.mfaCode(serial)]);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(1);
    expect(h.slept).toEqual([]);
    expect(h.err.join('')).toContain('sts:GetSessionToken failed: InvalidClientTokenId');
    expect(h.out).toEqual([]);
  });

  it('a fresh key that never propagates gives up after the six waits', async () => {
    sb.setConsistencyDelayMs(600_000);
    const { dir, record, serial } = await setup({ keyAgeMs: 0 });
    const h = helper(plainVault, [sb.scenario.mfaCode(serial)]);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(1);
    expect(h.slept).toEqual([500, 1000, 2000, 3000, 4000, 5000]);
    expect(h.err.join('')).toContain('InvalidClientTokenId');
  });

  it('an STS failure that is not a rejected code ends at once (no second question), without a lock left behind', async () => {
    const { dir, record, serial } = await setup();
    sb.faults.set('GetSessionToken', { error5xx: { times: 1 } });
    const h = helper(plainVault, [sb.scenario.mfaCode(serial), sb.scenario.mfaCode(serial, 1)]);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(1);
    expect(h.asked).toHaveLength(1);
    expect(h.err.join('')).toMatch(/sts:GetSessionToken failed: \S+/);
    expect(existsSync(lockFile(dir, record.profile))).toBe(false);
  });

  it('the cached session is handed out while more than 15 minutes are left, and not at 15 exactly', async () => {
    const { dir, record } = await setup();
    const cached = session(3600_000);
    await writeSession(dir, record, plainVault, cached);
    const expiresMs = Date.parse(cached.Expiration);
    const before = helper(plainVault, [], { now: () => expiresMs - REFRESH_BEFORE_MS - 1 });
    expect(await runCredentialProcess(args(dir, record), before.deps)).toBe(0);
    expect(JSON.parse(before.out.join(''))).toEqual({ Version: 1, ...cached });
    expect(before.asked).toEqual([]);
    const at = helper(plainVault, [null], { now: () => expiresMs - REFRESH_BEFORE_MS });
    expect(await runCredentialProcess(args(dir, record), at.deps)).toBe(1);
    expect(at.asked).toHaveLength(1);
    expect(REFRESH_BEFORE_MS).toBe(15 * 60_000);
  });

  it('a call that finds another helper asking waits, then takes the session that one cached, without asking', async () => {
    const { dir, record } = await setup();
    writeFileSync(lockFile(dir, record.profile), '');
    const cached = session(3600_000);
    const h = helper(plainVault, [], {
      sleep: async () => {
        // the other helper finishes: caches its session and releases the lock
        await writeSession(dir, record, plainVault, cached);
        rmSync(lockFile(dir, record.profile));
      },
    });
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(0);
    expect(h.slept).toEqual([250]);
    expect(h.asked).toEqual([]);
    expect(JSON.parse(h.out.join(''))).toEqual({ Version: 1, ...cached });
    expect(existsSync(lockFile(dir, record.profile))).toBe(false);
  });

  it('a session with more than 15 minutes left is handed out at once, even while another helper holds the lock', async () => {
    const { dir, record } = await setup();
    const cached = session(3600_000);
    await writeSession(dir, record, plainVault, cached);
    const lock = lockFile(dir, record.profile);
    writeFileSync(lock, '');
    // Were it to wait, the other helper would finish during the first wait.
    const h = helper(plainVault, [], { sleep: async () => rmSync(lock) });
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(0);
    expect(JSON.parse(h.out.join(''))).toEqual({ Version: 1, ...cached });
    expect(h.slept).toEqual([]);
    expect(h.asked).toEqual([]);
    // The other helper's lock is its own: not taken, not removed.
    expect(existsSync(lock)).toBe(true);
  });

  it('a lock older than two minutes (a crashed helper) is taken over; a younger one is waited for', async () => {
    const { dir, record } = await setup();
    const lock = lockFile(dir, record.profile);
    writeFileSync(lock, '');
    const old = (Date.now() - 121_000) / 1000;
    utimesSync(lock, old, old);
    const h = helper(plainVault, [null]);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(1);
    expect(h.slept).toEqual([]);
    expect(h.asked).toHaveLength(1);
    expect(existsSync(lock)).toBe(false);

    writeFileSync(lock, '');
    const young = (Date.now() - 100_000) / 1000;
    utimesSync(lock, young, young);
    let waits = 0;
    const w = helper(plainVault, [null], { sleep: async () => void (++waits === 3 && rmSync(lock)) });
    expect(await runCredentialProcess(args(dir, record), w.deps)).toBe(1);
    expect(w.slept).toEqual([250, 250, 250]);
  });
});

describe('the command-line profile store', () => {
  it('keeps records under cli-profiles, 0700 / 0600, and refuses a profile name that is not a plain file name', async () => {
    const { dir, record } = await setup();
    expect(storeDir('/data')).toBe(join('/data', 'cli-profiles'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(recordFile(dir, record.profile)).mode & 0o777).toBe(0o600);
    expect(recordFile('/d', 'ok_Name-1')).toBe(join('/d', 'ok_Name-1.json'));
    expect(sessionFile('/d', 'p')).toBe(join('/d', 'p.session.json'));
    expect(lockFile('/d', 'p')).toBe(join('/d', 'p.lock'));
    for (const bad of ['', '../x', 'a/b', 'a.b', 'a b', 'x'.repeat(129), 'ü']) expect(() => recordFile('/d', bad), bad).toThrow(/invalid profile name/);
    expect(() => recordFile('/d', 'x'.repeat(128))).not.toThrow();
    // No temp file is left next to the record.
    expect(readdirSync(dir).sort()).toEqual([`${record.profile}.json`]);
  });

  it('writing a record again drops the session cached for the earlier key', async () => {
    const { dir, record } = await setup();
    await writeSession(dir, record, plainVault, session(3600_000));
    expect(statSync(sessionFile(dir, record.profile)).mode & 0o777).toBe(0o600);
    expect(await readSession(dir, record, plainVault)).not.toBeNull();
    await writeRecord(dir, { ...record, accessKeyId: fakeAccessKeyId('newkey') });
    expect(existsSync(sessionFile(dir, record.profile))).toBe(false);
    expect(await readRecord(dir, record.profile)).toMatchObject({ accessKeyId: fakeAccessKeyId('newkey') });
    expect(await readRecord(dir, 'absent')).toBeNull();
  });

  it('a record that is not one is refused (exit 2); a session that does not parse is ignored', async () => {
    const { dir, record } = await setup();
    writeFileSync(recordFile(dir, record.profile), JSON.stringify({ ...record, sessionSeconds: 60 }));
    await expect(readRecord(dir, record.profile)).rejects.toThrow();
    const h = helper(plainVault, []);
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(2);
    expect(h.err.join('')).toContain(`no command-line profile "${record.profile}"`);
    await writeRecord(dir, record);
    writeFileSync(sessionFile(dir, record.profile), 'not json');
    expect(await readSession(dir, record, plainVault)).toBeNull();
    writeFileSync(sessionFile(dir, record.profile), JSON.stringify({ version: 1, accessKeyId: record.accessKeyId, session: { protection: 'plain', data: '{"AccessKeyId":1}' } }));
    expect(await readSession(dir, record, plainVault)).toBeNull();
  });

  it('a session sealed by the keychain is opened by the keychain only; a plain one opens anywhere', async () => {
    const keychain = keychainVault(createProcessSecretStore());
    const { dir, record } = await setup({ vault: keychain });
    const s = session(3600_000);
    await writeSession(dir, record, keychain, s);
    expect(await readSession(dir, record, keychain)).toEqual(s);
    expect(await readSession(dir, record, plainVault)).toBeNull();
    await writeSession(dir, record, plainVault, s);
    expect(await readSession(dir, record, keychain)).toEqual(s);
    expect(keychain.protection).toBe('keychain');
    expect(plainVault.seal('x')).toBe('x');
    expect(plainVault.open('x')).toBe('x');
    expect(keychain.open(keychain.seal('비밀'))).toBe('비밀');
    expect(keychain.seal('비밀')).not.toContain('비밀');
  });

  it('the record is pretty JSON with a final newline; the session file a line of its own', async () => {
    const { dir, record } = await setup();
    const recordText = readFileSync(recordFile(dir, record.profile), 'utf8');
    expect(JSON.parse(recordText)).toEqual(record);
    expect(recordText).toBe(`${JSON.stringify(JSON.parse(recordText), null, 2)}\n`);
    await writeSession(dir, record, plainVault, session(3600_000));
    const text = readFileSync(sessionFile(dir, record.profile), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
  });

  it('a data folder whose name holds ".json" still gets its session and lock next to the record', () => {
    expect(sessionFile('/d/x.json', 'p')).toBe(join('/d/x.json', 'p.session.json'));
    expect(lockFile('/d/x.json', 'p')).toBe(join('/d/x.json', 'p.lock'));
  });
});

describe('credential_process helper, what it says and what it closes', () => {
  it('without its arguments: exit 2 and the usage line, naming the flag the app writes into the AWS config', async () => {
    const h = helper(plainVault, []);
    expect(await runCredentialProcess([CREDENTIAL_PROCESS_FLAG], h.deps)).toBe(2);
    expect(h.err).toEqual(['usage: --credential-process --data-dir DIR --profile NAME\n']);
    expect(CREDENTIAL_PROCESS_FLAG).toBe('--credential-process');
  });

  it('reads its arguments from the argv Electron hands it (the executable and app path before them, Chromium switches after)', async () => {
    const { dir, record } = await setup();
    const cached = session(3600_000);
    await writeSession(dir, record, plainVault, cached);
    const h = helper(plainVault, []);
    const argv = ['/opt/IAM Onboarding Assistant/iam-onboarding-assistant', '/opt/IAM Onboarding Assistant/resources/app.asar', CREDENTIAL_PROCESS_FLAG, '--data-dir', dir, '--profile', record.profile, '--no-sandbox', '--enable-features=UseOzonePlatform'];
    expect(await runCredentialProcess(argv, h.deps)).toBe(0);
    expect(JSON.parse(h.out.join(''))).toEqual({ Version: 1, ...cached });
    expect(h.err).toEqual([]);
  });

  it('a key exactly five minutes old is no longer waited for', async () => {
    sb.setConsistencyDelayMs(600_000);
    const { dir, record, serial } = await setup({ keyAgeMs: 0 });
    const created = Date.parse(record.keyCreatedAt);
    const h = helper(plainVault, [sb.scenario.mfaCode(serial)], { now: () => created + 5 * 60_000 });
    expect(await runCredentialProcess(args(dir, record), h.deps)).toBe(1);
    expect(h.slept).toEqual([]);
  });

  it('a lock exactly two minutes old is still waited for; a millisecond older it is taken over', async () => {
    const { dir, record } = await setup();
    const lock = lockFile(dir, record.profile);
    const t = Math.floor(Date.now() / 1000) - 200;
    writeFileSync(lock, '');
    utimesSync(lock, t, t);
    const at = helper(plainVault, [null], { now: () => t * 1000 + 120_000, sleep: async () => rmSync(lock) });
    expect(await runCredentialProcess(args(dir, record), at.deps)).toBe(1);
    expect(at.slept).toEqual([250]);
    writeFileSync(lock, '');
    utimesSync(lock, t, t);
    const after = helper(plainVault, [null], { now: () => t * 1000 + 120_001 });
    expect(await runCredentialProcess(args(dir, record), after.deps)).toBe(1);
    expect(after.slept).toEqual([]);
    expect(after.asked).toHaveLength(1);
  });

  it('an STS answer without complete credentials is an error, and the STS client is closed on every path', async () => {
    const { dir, record, serial } = await setup();
    const destroyed: string[] = [];
    const make = (answer: unknown) => (() => ({ send: async () => answer, destroy: () => void destroyed.push('x') })) as unknown as HelperDeps['sts'];
    const incomplete = helper(plainVault, ['123456']);
    incomplete.deps.sts = make({ Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't' } });
    expect(await runCredentialProcess(args(dir, record), incomplete.deps)).toBe(1);
    expect(incomplete.err.join('')).toContain('sts:GetSessionToken failed: incomplete answer');
    expect(destroyed).toHaveLength(1);
    // A real client, on the success path and the no-terminal path: destroyed each time.
    for (const answers of [[sb.scenario.mfaCode(serial, 3)], [null]]) {
      const h = helper(plainVault, answers);
      const real = h.deps.sts;
      h.deps.sts = (r, c) => {
        const client = real(r, c);
        const destroy = client.destroy.bind(client);
        client.destroy = () => (destroyed.push('real'), destroy());
        return client;
      };
      await runCredentialProcess(args(dir, record), h.deps);
    }
    expect(destroyed).toEqual(['x', 'real', 'real']);
  });
});

