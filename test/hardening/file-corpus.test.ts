/**
 * The file corpus of test/fixtures/files (made with iconv, LibreOffice and the age CLI) through the
 * real handlers, as the renderer calls them: every file gets its own answer, in both languages,
 * naming what is wrong — and a bad invite never causes a request to AWS.
 */
import { armor, Encrypter } from 'age-encryption';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../electron/app/compose';
import { decryptInvite, encryptInvite, INVITE_SCRYPT_LOG_N } from '../../electron/invites/invite-codec';
import type { HandlerTable } from '../../electron/ipc/handler-types';
import { silentLogger } from '../../electron/logging/logger';
import { createNodePorts, type ScriptedDialogs } from '../../electron/platform/node-ports';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/resources';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { invitePayloadFor } from '../e2e/support/onboarding-invite';
import { ageCliAvailable, ageDecrypt, ageEncryptPassphrase } from '../support/age-cli';
import { dispatchCaller } from '../support/dispatch-call';
import { BAD_CELLS, CSV_CORPUS, csvFixture, FIXTURE_PASSPHRASE, INVITE_CORPUS, inviteFixture } from '../fixtures/files/corpus';
import { languagesWithoutMessage, messageTemplate } from './support/messages';

let sandbox: Sandbox;
let handlers: HandlerTable;
let dialogs: ScriptedDialogs;
const call = dispatchCaller(() => handlers);
const failure = <T>(p: Promise<T>) => p.then(() => null, (e: { code: string; params?: Record<string, unknown> }) => ({ code: e.code, params: e.params ?? {} }));

beforeAll(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  const home = mkdtempSync(join(tmpdir(), 'corpus-'));
  const ports = createNodePorts({ home, userData: join(home, 'userData') });
  dialogs = ports.dialogs;
  ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: sandbox.env, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
  sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
  sandbox.scenario.createGroup('developers');
  sandbox.scenario.createGroup('ops');
  await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
});
afterAll(async () => sandbox.stop());

const importFile = (path: string) => {
  dialogs.queueOpen(path);
  return call('admin:bulk:import', { dialogTitle: 't', filterName: 'CSV' });
};

/** Every {{placeholder}} of the message is filled by the params: nothing raw reaches the screen. */
function expectMessageFilled(key: string, params: Record<string, unknown>): void {
  for (const lang of SUPPORTED_LANGUAGES) {
    const template = messageTemplate(key, lang);
    expect(template, `${key} (${lang})`).toBeDefined();
    for (const [, name] of template!.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) expect(params, `${key} (${lang}) needs {{${name}}}`).toHaveProperty(name!);
  }
}

describe('CSV files as Excel, LibreOffice and Google Sheets write them', () => {
  for (const expected of CSV_CORPUS) {
    it(`${expected.file}: ${'code' in expected ? expected.code : `${expected.encoding}, ${JSON.stringify(expected.delimiter)}`}`, async () => {
      if ('code' in expected) {
        const error = await failure(importFile(csvFixture(expected.file)));
        expect(error).toMatchObject({ code: expected.code, ...(expected.params ? { params: expected.params } : {}) });
        expect(await languagesWithoutMessage(expected.code)).toEqual([]);
        expectMessageFilled(`adminBulk:errors.${expected.code.split('.')[1]}`, error!.params);
        return;
      }
      const result = await importFile(csvFixture(expected.file));
      expect(result).toMatchObject({ encoding: expected.encoding, delimiter: expected.delimiter, problems: [], ready: true });
      expect(result!.preview.map((r) => r.userName)).toEqual(expected.users);
      if (expected.groups) expect(result!.preview.map((r) => r.groups)).toEqual(expected.groups);
      if (expected.tags) expect(result!.preview.map((r) => r.tagCount)).toEqual(expected.tags.map((t) => Object.keys(t).length));
    });
  }

  it('bad-cells.csv: every problem on its own row, naming line, column, the rule and the character, in ko and en', async () => {
    const result = await importFile(csvFixture('bad-cells.csv'));
    expect(result!.ready).toBe(false);
    const found = result!.problems.filter((p) => p.code !== 'unknownGroup');
    expect(found.map((p) => ({ line: p.line, code: p.code, column: p.column, params: p.params }))).toEqual(
      BAD_CELLS.map((b) => ({ ...b, params: expect.objectContaining(b.params) })),
    );
    for (const p of found) expectMessageFilled(`adminBulk:problems.${p.code}`, p.params ?? {});
  });

  it('a folder named users.csv is refused as a folder, not an internal error', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'folder-')), 'users.csv');
    mkdirSync(dir);
    expect(await failure(importFile(dir))).toEqual({ code: 'adminBulk.notAFile', params: { fileName: 'users.csv' } });
  });

  it('a tab-separated file without a user name column names what its header has (not a generic "no column")', async () => {
    const p = join(mkdtempSync(join(tmpdir(), 'tsv-')), 'people.txt');
    writeFileSync(p, 'name\u00a0x\temail\nkim\tk@example.com\n');
    expect(await failure(importFile(p))).toEqual({ code: 'adminBulk.noUserNameColumn', params: { found: "'name\u00a0x', 'email'", count: 2 } });
  });
});

describe('invite files made with the age CLI', () => {
  for (const expected of INVITE_CORPUS) {
    it(`${expected.file} -> ${expected.code}`, async () => {
      const bytes = readFileSync(inviteFixture(expected.file));
      if (expected.code === 'ok') {
        // The CLI's default work factor (2^18) opens; the payload is the one make-fixtures.sh encrypted.
        expect(readFileSync(inviteFixture(expected.file)).toString('latin1')).toContain(expected.file.includes('armored') ? 'BEGIN AGE' : ' 18\n');
        const invite = await decryptInvite(new Uint8Array(bytes), FIXTURE_PASSPHRASE, Date.parse('2099-01-02T00:00:00Z'));
        expect(invite).toMatchObject({ userName: 'kim.minji', accountId: '123456789012', region: 'ap-northeast-2' });
        return;
      }
      const before = sandbox.requestLog.length;
      const error = await failure(call('onboarding:signIn', { method: 'invite', inviteBase64: bytes.toString('base64'), temporaryPassword: FIXTURE_PASSPHRASE }));
      expect(error).toMatchObject({ code: expected.code, ...(expected.params ? { params: expected.params } : {}) });
      expect(sandbox.requestLog.length, 'no request reaches AWS').toBe(before);
      expect(await languagesWithoutMessage(expected.code)).toEqual([]);
    });
  }

  // CI installs the age CLI (.ci/run); elsewhere the test says it is skipped.
  it.runIf(process.env.CI === 'true' || ageCliAvailable())(
    "an invite the app wrote, opened with `age -d` and re-encrypted with `age -p` (work factor 2^18), signs in",
    async () => {
      const user = sandbox.scenario.newUser({ userName: 'reencrypted.user', attachEnforcementPolicy: true });
      const dir = mkdtempSync(join(tmpdir(), 'age-cli-'));
      writeFileSync(join(dir, 'app.invite.age'), await encryptInvite(invitePayloadFor(sandbox, user), user.password));
      await ageDecrypt(join(dir, 'app.invite.age'), join(dir, 'invite.json'), user.password);
      expect(JSON.parse(readFileSync(join(dir, 'invite.json'), 'utf8'))).toMatchObject({ userName: 'reencrypted.user' });
      await ageEncryptPassphrase(join(dir, 'invite.json'), join(dir, 'cli.invite.age'), user.password);
      const cli = readFileSync(join(dir, 'cli.invite.age'));
      expect(cli.toString('latin1')).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
      const out = await call('onboarding:signIn', { method: 'invite', inviteBase64: cli.toString('base64'), temporaryPassword: user.password });
      expect(out).toMatchObject({ identity: { userName: 'reencrypted.user', accountId: sandbox.accountId }, step: 'password' });
      await call('onboarding:cancel', {});
    },
    60_000,
  );
});

describe('hostile invites are refused before any network call', () => {
  /** An age passphrase file around any JSON, as an attacker with the age CLI would make it. */
  const sealed = async (json: unknown, passphrase: string) => {
    const e = new Encrypter();
    e.setScryptWorkFactor(INVITE_SCRYPT_LOG_N);
    e.setPassphrase(passphrase);
    return Buffer.from(armor.encode(await e.encrypt(JSON.stringify(json))));
  };
  const base = () => {
    const user = sandbox.scenario.newUser({ userName: `hostile.${Math.random().toString(36).slice(2, 8)}`, attachEnforcementPolicy: true });
    return { user, payload: invitePayloadFor(sandbox, user) as unknown as Record<string, unknown> };
  };
  const cases: Array<[string, (p: Record<string, unknown>) => Record<string, unknown>, string]> = [
    ['a newline in the user name that would start an INI section', (p) => ({ ...p, userName: `${String(p.userName)}\n[default]` }), 'invite.field.userName'],
    ['a carriage return in the region', (p) => ({ ...p, region: 'us-east-1\rx' }), 'invite.field.region'],
    ['a NUL in the secret key', (p) => ({ ...p, secretAccessKey: `${String(p.secretAccessKey).slice(0, 20)}\u0000${String(p.secretAccessKey).slice(21)}` }), 'invite.field.secretAccessKey'],
    ['a line separator in the alias', (p) => ({ ...p, accountAlias: 'acme\u2028prod' }), 'invite.field.accountAlias'],
    ['an access key id with a trailing newline', (p) => ({ ...p, accessKeyId: `${String(p.accessKeyId)}\n` }), 'invite.field.accessKeyId'],
    ['an http endpoint that is not this computer', (p) => ({ ...p, endpoints: { iam: 'http://198.51.100.7:4566', sts: 'http://198.51.100.7:4566' } }), 'invite.field.endpoint'],
    ['a file: endpoint', (p) => ({ ...p, endpoints: { sts: 'file:///etc/passwd' } }), 'invite.field.endpoint'],
    ['an expiry a year after issue', (p) => ({ ...p, expiresAt: new Date(Date.parse(String(p.issuedAt)) + 365 * 86_400_000).toISOString() }), 'invite.field.expiry'],
    ['a 40 KB field (inside the file size limit)', (p) => ({ ...p, region: 'r'.repeat(40_000) }), 'invite.field.region'],
  ];
  for (const [name, mutate, code] of cases) {
    it(`${name} -> ${code}`, async () => {
      const { user, payload } = base();
      const before = sandbox.requestLog.length;
      const file = await sealed(mutate(payload), user.password);
      const error = await failure(call('onboarding:signIn', { method: 'invite', inviteBase64: file.toString('base64'), temporaryPassword: user.password }));
      expect(error?.code).toBe(code);
      expect(sandbox.requestLog.length, 'no request reaches AWS').toBe(before);
    });
  }

  it('a 10 MB field: the file is refused by size, the channel refuses the payload, nothing is decrypted or sent', async () => {
    const { user, payload } = base();
    const before = sandbox.requestLog.length;
    const file = await sealed({ ...payload, userName: 'x'.repeat(10 * 1024 * 1024) }, user.password);
    await expect(decryptInvite(new Uint8Array(file), user.password, Date.now())).rejects.toMatchObject({ code: 'invite.tooLarge' });
    const error = await failure(call('onboarding:signIn', { method: 'invite', inviteBase64: file.toString('base64'), temporaryPassword: user.password }));
    expect(error?.code).toBe('ipc.invalidInput');
    expect(sandbox.requestLog.length).toBe(before);
  });

  it('the same invite without the hostile value signs in (the checks refuse only what is wrong)', async () => {
    const { user, payload } = base();
    const file = await sealed(payload, user.password);
    const out = await call('onboarding:signIn', { method: 'invite', inviteBase64: file.toString('base64'), temporaryPassword: user.password });
    expect(out.identity.userName).toBe(user.userName);
    await call('onboarding:cancel', {});
  });
});
