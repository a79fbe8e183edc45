import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { decryptInvite } from '../../../../../electron/invites/invite-codec';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

const PROD = '222233334444';
const STAGING = '333344445555';
const LEGACY = '444455556666';

/** A bulk file with an `account` column: every cell resolved and every account checked before anything is created. */
describe('bulk provisioning into the organization\'s accounts', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let dir: string;
  const call = dispatchCaller(() => handlers);
  const dialog = { dialogTitle: 't', filterName: 'f' };
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, ['userName,email,account', ...lines].join('\n'));
    return path;
  };
  const everyoneCreated = () => sandbox.accountIds().flatMap((id) => sandbox.account(id).state.listUsers().map((u) => `${id}/${u.userName}`));

  beforeAll(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-mgmt' });
    sandbox.scenario.createOrganization({
      members: [
        { accountId: PROD, name: 'Production', alias: 'acme-prod' },
        { accountId: STAGING, name: 'Staging' },
        { accountId: LEGACY, name: 'Legacy', joinedMethod: 'INVITED' },
      ],
    });
    sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    sandbox.account(STAGING).scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    dir = mkdtempSync(join(tmpdir(), 'bulk-accounts-'));
    ports = createNodePorts({ home: dir, userData: join(dir, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterAll(async () => sandbox.stop());

  it('names an unknown account at its cell, and an account whose role cannot be assumed, before creating anything', async () => {
    const before = everyoneCreated();
    ports.dialogs.queueOpen(write('bad.csv', ['kim.a,,Production', 'lee.b,,Nowhere', 'park.c,,Legacy']));
    const checked = await call('admin:bulk:import', dialog);
    expect(checked?.ready).toBe(false);
    expect(checked?.problems).toEqual([{ line: 3, userName: 'lee.b', code: 'account.unknown', column: 3, columnName: 'account', params: { account: 'Nowhere' } }]);
    expect(checked?.blockers).toEqual(
      expect.arrayContaining([
        { code: 'adminAccounts.assumeDenied', params: { accountId: LEGACY, roleName: 'OrganizationAccountAccessRole', code: 'AccessDenied' } },
        // Production has no MFA-enforcement policy yet: the blocker says which account.
        { code: 'adminBulk.policyMissingIn', params: { policyName: ENFORCEMENT_POLICY_NAME, accountId: PROD, name: 'Production' } },
      ]),
    );
    expect(everyoneCreated()).toEqual(before);
  });

  it('runs a clean file: each user in the account its row names (by id or name), rows without one in the account in use', async () => {
    sandbox.account(PROD).scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    ports.dialogs.queueOpen(write('good.csv', ['kim.a,,Production', `lee.b,,${STAGING}`, 'park.c,,', 'choi.d,,staging']));
    const checked = await call('admin:bulk:import', dialog);
    expect(checked).toMatchObject({ ready: true, problemCount: 0 });
    expect(checked?.accounts).toEqual(
      expect.arrayContaining([
        { accountId: PROD, name: 'Production', users: 1 },
        { accountId: STAGING, name: 'Staging', users: 2 },
        { accountId: sandbox.accountId, name: 'acme-mgmt', users: 1 },
      ]),
    );
    const out = mkdtempSync(join(dir, 'out-'));
    ports.dialogs.queueFolder(out);
    const run = await call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 2, attachTo: null });
    const deadline = Date.now() + 30_000;
    let view = run!;
    // Done, and its summary written (the summary is the run's last act).
    while ((view.phase !== 'done' || !view.summaryFile) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await call('admin:bulk:current', {}))!;
    }
    expect(view).toMatchObject({ phase: 'done', done: 4, failed: 0 });
    expect(view.users.map((u) => [u.userName, u.accountId])).toEqual([
      ['kim.a', PROD],
      ['lee.b', STAGING],
      ['park.c', null],
      ['choi.d', STAGING],
    ]);
    expect(sandbox.account(PROD).state.getUser('kim.a')).toBeDefined();
    expect(sandbox.account(STAGING).state.listUsers().map((u) => u.userName).sort()).toEqual(['choi.d', 'lee.b']);
    expect(sandbox.state.getUser('park.c')).toBeDefined();
    expect(sandbox.state.getUser('kim.a')).toBeUndefined();
    // The invite carries its user's account; the summary says where each user went.
    const passwordOf = async (userName: string) => {
      await call('admin:handoff:copyPassword', { source: run!.runId, userName });
      return ports.clipboard.read();
    };
    const invite = await decryptInvite(readFileSync(join(out, 'kim.a.invite.age')), await passwordOf('kim.a'), Date.now());
    expect(invite).toMatchObject({ accountId: PROD, accountAlias: 'acme-prod', consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console' });
    const summary = readFileSync(view.summaryFile!, 'utf8');
    expect(readdirSync(out).some((f) => f.startsWith('bulk-summary-'))).toBe(true);
    // The hand-off (message, slips) names each user's own account.
    const facts = await call('admin:handoff:facts', { source: run!.runId });
    expect(facts.accountId).toBe(sandbox.accountId);
    expect(facts.users.find((u) => u.userName === 'kim.a')?.account).toEqual({ accountId: PROD, accountAlias: 'acme-prod', consoleUrl: 'https://acme-prod.signin.aws.amazon.com/console' });
    expect(facts.users.find((u) => u.userName === 'lee.b')?.account?.accountId).toBe(STAGING);
    expect(facts.users.find((u) => u.userName === 'park.c')?.account).toBeNull();
    expect(summary).toContain(`"kim.a","created","kim.a.invite.age","","${PROD}"`);
  });
});
