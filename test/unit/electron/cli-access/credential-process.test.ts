import { IAMClient, GetUserCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecord, sessionFile, writeRecord, type CliRecord } from '../../../../electron/cli-access/cli-store';
import { keychainVault, plainVault, type CliVault } from '../../../../electron/cli-access/cli-vault';
import { runCredentialProcess, type HelperDeps } from '../../../../electron/cli-access/credential-process';
import { createAwsClientFactory } from '../../../../electron/aws/client-factory';
import { createProcessSecretStore } from '../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

/**
 * The credential_process helper's core against the sandbox, with a scripted terminal: one code
 * per session, the session cached and handed out until 15 minutes before it ends, wrong codes
 * asked again, no terminal → a clear error, a keychain-sealed key unreadable without the keychain.
 */
let sb: Sandbox;
let serial: string;
let userName: string;
beforeAll(async () => {
  sb = await startSandbox();
  const u = sb.scenario.newUser({ userName: 'cli.user', attachEnforcementPolicy: true, withMfa: true, onboardingWindow: false });
  userName = u.userName;
  serial = u.mfa!.serialNumber;
  key = { accessKeyId: u.accessKeyId!, secretAccessKey: u.secretAccessKey! };
});
afterAll(() => sb.stop());
let key: { accessKeyId: string; secretAccessKey: string };

async function setup(vault: CliVault = plainVault, over: Partial<CliRecord> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cli-store-'));
  const record: CliRecord = {
    version: 1,
    profile: 'cli-user-acme',
    userName,
    accountId: sb.accountId,
    region: sb.region,
    mfaSerial: serial,
    endpoints: { sts: sb.url, iam: sb.url },
    accessKeyId: key.accessKeyId,
    secretAccessKey: { protection: vault.protection, data: vault.seal(key.secretAccessKey) },
    keyCreatedAt: new Date(Date.now() - 3600_000).toISOString(),
    sessionSeconds: 3600,
    ...over,
  };
  await writeRecord(dir, record);
  return { dir, record };
}

function helper(vault: CliVault, answers: Array<string | null>, now = () => Date.now()) {
  const out: string[] = [];
  const err: string[] = [];
  const told: string[] = [];
  const asked: string[] = [];
  const deps: HelperDeps = {
    vault,
    terminal: {
      ask: async (q) => {
        asked.push(q);
        return answers.length ? (answers.shift() as string | null) : null;
      },
      tell: (l) => void told.push(l),
    },
    sts: (r, c) => createAwsClientFactory({ region: r.region, endpoints: r.endpoints ?? {}, maxAttempts: 1 }).sts(c),
    now,
    sleep: async () => {},
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
  };
  return { deps, out, err, told, asked };
}

const args = (dir: string) => ['--data-dir', dir, '--profile', 'cli-user-acme'];

describe('credential_process helper', () => {
  it('asks once, prints an MFA session the CLI accepts, caches it (0600) and hands it out without asking again', async () => {
    const { dir } = await setup();
    const first = helper(plainVault, ['  12 34 56 ', sb.scenario.mfaCode(serial)]);
    expect(await runCredentialProcess(args(dir), first.deps)).toBe(0);
    expect(first.asked).toHaveLength(2);
    expect(first.asked[0]).toContain('MFA code for cli.user');
    expect(first.told).toEqual(['AWS did not accept that code. Wait for the next one and try again.']);
    const creds = JSON.parse(first.out.join('')) as { Version: number; AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
    expect(creds.Version).toBe(1);
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(sb.state.listSessions().find((s) => s.accessKeyId === creds.AccessKeyId)?.mfaAuthenticated).toBe(true);
    // The session works where the long-term key alone does not.
    const iam = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken }, maxAttempts: 1 });
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('cli.user');
    await expect(new IAMClient({ region: sb.region, endpoint: sb.url, credentials: key, maxAttempts: 1 }).send(new GetUserCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(statSync(sessionFile(dir, 'cli-user-acme')).mode & 0o777).toBe(0o600);

    const second = helper(plainVault, []);
    expect(await runCredentialProcess(args(dir), second.deps)).toBe(0);
    expect(second.asked).toEqual([]);
    expect(JSON.parse(second.out.join(''))).toEqual(creds);
  });

  it('asks again 15 minutes before the session ends (botocore refreshes then), and after three bad codes gives up', async () => {
    const { dir } = await setup();
    const first = helper(plainVault, [sb.scenario.mfaCode(serial, 1)]);
    expect(await runCredentialProcess(args(dir), first.deps)).toBe(0);
    const expiration = Date.parse((JSON.parse(first.out.join('')) as { Expiration: string }).Expiration);
    const late = helper(plainVault, ['000000', '111111', 'abc'], () => expiration - 14 * 60_000);
    expect(await runCredentialProcess(args(dir), late.deps)).toBe(1);
    expect(late.asked).toHaveLength(3);
    expect(late.told).toContain('The code is the 6 digits your authenticator app shows.');
    expect(late.err.join('')).toContain('no valid MFA code');
    expect(late.out).toEqual([]);
  });

  it('no terminal to ask on: exits 1 with a message on stderr and prints nothing on stdout', async () => {
    const { dir } = await setup();
    const h = helper(plainVault, [null]);
    expect(await runCredentialProcess(args(dir), h.deps)).toBe(1);
    expect(h.out).toEqual([]);
    expect(h.err.join('')).toMatch(/no terminal to ask on/);
  });

  it('a key sealed by the OS keychain stays sealed on disk and opens only with the keychain', async () => {
    const keychain = keychainVault(createProcessSecretStore());
    const { dir } = await setup(keychain);
    const text = readFileSync(join(dir, 'cli-user-acme.json'), 'utf8');
    expect(text).not.toContain(key.secretAccessKey);
    expect(JSON.parse(text).secretAccessKey.protection).toBe('keychain');
    const plain = helper(plainVault, [sb.scenario.mfaCode(serial, 2)]);
    expect(await runCredentialProcess(args(dir), plain.deps)).toBe(1);
    expect(plain.err.join('')).toContain('only the app itself can open it');
    const ok = helper(keychain, [sb.scenario.mfaCode(serial, 2)]);
    expect(await runCredentialProcess(args(dir), ok.deps)).toBe(0);
    const cached = readFileSync(sessionFile(dir, 'cli-user-acme'), 'utf8');
    expect(cached).not.toContain((JSON.parse(ok.out.join('')) as { SecretAccessKey: string }).SecretAccessKey);
  });

  it('unknown profile, bad arguments, a session cached for another key: refused or ignored', async () => {
    const { dir, record } = await setup();
    const h = helper(plainVault, []);
    expect(await runCredentialProcess(['--data-dir', dir, '--profile', 'nope'], h.deps)).toBe(2);
    expect(await runCredentialProcess(['--profile', 'x'], h.deps)).toBe(2);
    expect(await runCredentialProcess(['--data-dir', dir, '--profile', '../etc/passwd'], h.deps)).toBe(2);
    writeFileSync(sessionFile(dir, record.profile), JSON.stringify({ version: 1, accessKeyId: 'AKIAOTHERKEY000000', session: { protection: 'plain', data: '{}' } }));
    const asks = helper(plainVault, [null]);
    expect(await runCredentialProcess(args(dir), asks.deps)).toBe(1);
    expect(asks.asked).toHaveLength(1);
    expect(await readRecord(dir, record.profile)).toEqual(record);
  });
});
