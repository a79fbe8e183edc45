import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppDeps } from '../../../../../electron/app/app-deps';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

const PROD = '222233334444';

/**
 * A role session lives an hour (AssumeRole's default). The admin's work in a member account must
 * not fail when it ends: the app asks STS again a few minutes before the expiry it was given, once
 * for all calls in flight, and never while the session has long to live. The process's Date is
 * moved (timers stay real), so the app, the SDK's own credential cache and the sandbox (in this
 * process) all see the same hour pass.
 */
describe('role sessions are refreshed before they expire', () => {
  let sandbox: Sandbox;
  let deps: AppDeps;
  let handlers: HandlerTable;
  let start = 0;
  const at = (minutes: number) => vi.setSystemTime(start + minutes * 60_000);
  const call = dispatchCaller(() => handlers);
  const assumeRoles = () => sandbox.requestLog.filter((e) => e.action === 'AssumeRole' && e.status === 200).length;

  beforeAll(async () => {
    // The sandbox reads Date.now at each request, so it sees the moved Date too.
    sandbox = await startSandbox({ accountAlias: 'acme-mgmt', now: () => Date.now() });
    sandbox.scenario.createOrganization({ members: [{ accountId: PROD, name: 'Production', alias: 'acme-prod' }] });
    sandbox.account(PROD).scenario.newUser({ userName: 'someone.in.prod' });
    const dir = mkdtempSync(join(tmpdir(), 'role-refresh-'));
    const ports = createNodePorts({ home: dir, userData: join(dir, 'userData') });
    ({ deps, handlers } = composeApp({
      platform: ports,
      log: silentLogger,
      env: sandbox.env,
      info: { version: 't', platform: 'linux' },
      maxAttempts: 2,
    }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    await call('admin:accounts:list', {});
  });
  afterAll(async () => {
    vi.useRealTimers();
    deps.lifecycle.dispose();
    await sandbox.stop();
  });

  it('half an hour in: the same session; four minutes before its end: one new AssumeRole, the work goes on in the same account', async () => {
    start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start, shouldAdvanceTime: true });
    await call('admin:accounts:switch', { accountId: PROD });
    const afterSwitch = assumeRoles();
    expect(afterSwitch).toBeGreaterThan(0);
    const listed = async () => (await call('admin:status:list', {})).users.map((u) => u.userName);

    at(30);
    expect(await listed()).toContain('someone.in.prod');
    expect(assumeRoles()).toBe(afterSwitch);

    at(56);
    // Two screens reading at once share one refresh.
    const [a, b] = await Promise.all([listed(), listed()]);
    expect(a).toContain('someone.in.prod');
    expect(b).toEqual(a);
    expect(assumeRoles()).toBe(afterSwitch + 1);
    expect(await call('admin:identity', {})).toMatchObject({ accountId: PROD });
    // The new session is Production's, for the same role.
    expect(sandbox.account(PROD).state.listSessions().filter((s) => s.principal.startsWith('OrganizationAccountAccessRole/')).length).toBeGreaterThanOrEqual(2);
    await call('admin:accounts:back', {});
  });
});
