import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunKey } from '../../../../../electron/admin/bulk/run-key';
import { runPaths } from '../../../../../electron/admin/bulk/run-files';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, createProcessSecretStore, type NodePorts } from '../../../../../electron/platform/node-ports';
import type { SecretProtection } from '../../../../../electron/platform/ports';
import type { BulkRun } from '../../../../../src/shared/ipc/channels/admin-bulk';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

describe('the run key at rest', () => {
  it('sealed to a passphrase: opens with it, refuses a wrong or missing one, and can be given up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runkey-'));
    const files = { key: join(dir, 'run-key.bin'), sealedKey: join(dir, 'run-key.age') };
    const secrets = createProcessSecretStore('weak');
    const key = await RunKey.create(files, { kind: 'passphrase', passphrase: 'correct horse battery' });
    const sealed = await key.seal('Temp-Pass-1!');
    expect(existsSync(files.key)).toBe(false);
    expect(readFileSync(files.sealedKey, 'utf8')).toContain('BEGIN AGE ENCRYPTED FILE');
    expect(RunKey.needsPassphrase(files)).toBe(true);
    await expect(RunKey.load(files, { secrets })).rejects.toMatchObject({ code: 'adminBulk.passphraseNeeded' });
    await expect(RunKey.load(files, { secrets, passphrase: 'wrong horse battery' })).rejects.toMatchObject({ code: 'adminBulk.passphraseWrong' });
    const again = await RunKey.load(files, { secrets, passphrase: 'correct horse battery' });
    expect(again.replaced).toBe(false);
    expect(await again.open(sealed)).toBe('Temp-Pass-1!');
    // Given up: a new key (sealed to the new passphrase); the old password is gone for good.
    const fresh = await RunKey.load(files, { secrets, passphrase: 'a brand new passphrase', forget: true });
    expect(fresh.replaced).toBe(true);
    expect(await fresh.open(sealed)).toBeNull();
    // A weak keychain is never used for a replacement key.
    await expect(RunKey.load(files, { secrets, forget: true })).rejects.toMatchObject({ code: 'adminBulk.passphraseNeeded' });
  });
});

/** The handlers on desktops without a real keychain (Linux basic_text, or none at all). */
describe.each<SecretProtection>(['weak', 'none'])('bulk run and SSO cache with a %s keychain', (protection) => {
  let sandbox: Sandbox;
  let home: string;
  let ports: NodePorts;
  let handlers: HandlerTable;
  const call = dispatchCaller(() => handlers);
  const compose = () => composeApp({ platform: ports, log: silentLogger, env: sandbox.env, info: { version: 't', platform: 'linux' }, maxAttempts: 2 }).handlers;

  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    home = mkdtempSync(join(tmpdir(), `weak-${protection}-`));
    ports = createNodePorts({ home, userData: join(home, 'userData') }, { secretProtection: protection });
    handlers = compose();
  });
  afterAll(async () => sandbox.stop());

  it('says so in app:info, refuses to start without a passphrase (no folder asked, no run folder left), and seals the key to it', async () => {
    expect((await call('app:info', {})).secretStorage).toBe(protection);
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    const csv = join(home, 'users.csv');
    writeFileSync(csv, 'userName\nweak.one\nweak.two\n');
    ports.dialogs.queueOpen(csv);
    expect((await call('admin:bulk:import', { dialogTitle: 't', filterName: 'f' }))?.ready).toBe(true);
    const out = join(home, 'invites');
    mkdirSync(out);
    ports.dialogs.queueFolder(out);
    await expect(call('admin:bulk:start', { dialogTitle: 't' })).rejects.toMatchObject({ code: 'adminBulk.keychainWeak', params: { protection } });
    expect(existsSync(join(home, 'userData', 'bulk-runs')) ? readdirSync(join(home, 'userData', 'bulk-runs')) : []).toEqual([]);

    // The queued folder was not consumed: the refusal came before the dialog.
    const run = (await call('admin:bulk:start', { dialogTitle: 't', keyPassphrase: 'sealed by the admin' }))!;
    expect(run.folder).toBe(out);
    const done = await waitDone(run.runId);
    expect(done.users.map((u) => [u.userName, u.status, u.error?.code ?? null])).toEqual([["weak.one", "done", null], ["weak.two", "done", null]]);
    const files = runPaths(join(home, 'userData'), run.runId);
    expect(existsSync(files.key)).toBe(false);
    expect(existsSync(files.sealedKey)).toBe(true);

    // A crash (or quit): a new process, the same disk. Resuming needs the passphrase.
    const password = (await call('admin:handoff:copyPassword', { source: run.runId, userName: 'weak.one' })) && ports.clipboard.read();
    handlers = compose();
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    const saved = (await call('admin:bulk:savedRuns', {})).runs.find((r) => r.runId === run.runId)!;
    expect(saved.needsPassphrase).toBe(true);
    await expect(call('admin:bulk:resumeSaved', { runId: run.runId })).rejects.toMatchObject({ code: 'adminBulk.passphraseNeeded' });
    await expect(call('admin:bulk:resumeSaved', { runId: run.runId, keyPassphrase: 'not the passphrase' })).rejects.toMatchObject({ code: 'adminBulk.passphraseWrong' });
    const resumed = await call('admin:bulk:resumeSaved', { runId: run.runId, keyPassphrase: 'sealed by the admin' });
    expect(resumed.passwordsReissued).toBe(0);
    await call('admin:handoff:copyPassword', { source: run.runId, userName: 'weak.one' });
    expect(ports.clipboard.read()).toBe(password);
    // The password unsealed after the restart is the one IAM has.
    expect(sandbox.state.checkPassword('weak.one', password as string)).toBe(true);
  });

  it('does not cache the SSO client registration (its secret) on disk', async () => {
    const started = await call('admin:ssoStart', { startUrl: 'https://example.awsapps.com/start', region: 'us-east-1' });
    expect(started.userCode).toBeTruthy();
    await call('admin:cancelSignIn', {});
    const ssoDir = join(home, 'userData', 'sso');
    expect(existsSync(ssoDir) ? readdirSync(ssoDir) : []).toEqual([]);
  });

  async function waitDone(runId: string): Promise<BulkRun> {
    for (let i = 0; i < 200; i++) {
      const run = await call('admin:bulk:current', {});
      if (run?.runId === runId && run.phase === 'done') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('run did not finish');
  }
});
