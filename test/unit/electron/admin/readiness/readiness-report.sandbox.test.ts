import { GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

const PER_USER = ['ListUsers', 'GetLoginProfile', 'ListMFADevices', 'ListAccessKeys', 'GetAccessKeyLastUsed'];

/** Readiness's user checks and the credential report download, through `dispatch`, against the sandbox. */
describe('readiness from the credential report', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let home: string;
  const call = dispatchCaller(() => handlers);
  const signIn = (k: { accessKeyId?: string; secretAccessKey?: string }) => call('admin:signInWithKeys', { accessKeyId: k.accessKeyId ?? '', secretAccessKey: k.secretAccessKey ?? '' });
  const check = (r: { checks: Array<{ id: string }> }, id: string) => r.checks.find((c) => c.id === id) as Record<string, unknown>;

  beforeEach(async () => {
    sandbox = await startSandbox({ credentialReportDelayMs: 100 });
    home = mkdtempSync(join(tmpdir(), 'readiness-report-'));
    ports = createNodePorts({ home, userData: join(home, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
  });
  afterEach(async () => sandbox.stop());

  it('users without MFA and keys older than 90 days come from the report, with its age; no per-user reads', async () => {
    sandbox.scenario.newUser({ userName: 'console.nomfa', passwordResetRequired: false, withAccessKey: false });
    const bot = sandbox.scenario.newUser({ userName: 'ci.bot', withMfa: true });
    sandbox.scenario.ageAccessKey(bot.accessKeyId ?? '', 120);
    sandbox.scenario.setAccessKeyLastUsed(bot.accessKeyId ?? '', { date: new Date('2024-02-03T04:05:06Z'), serviceName: 's3' });
    for (let i = 0; i < 30; i++) sandbox.scenario.newUser({ userName: `many.${i}`, withMfa: true });
    await signIn(sandbox.admin);
    const from = sandbox.requestLog.length;
    const r = await call('admin:readiness', {});
    const actions = sandbox.requestLog.slice(from).map((e) => e.action);
    expect(actions.filter((a) => PER_USER.includes(a))).toEqual([]);
    expect(check(r, 'consoleUsersWithoutMfa')).toMatchObject({ status: 'fail', users: ['console.nomfa'] });
    const keys = check(r, 'oldAccessKeys');
    expect(keys).toMatchObject({ status: 'fail', keys: [{ userName: 'ci.bot', accessKeyId: null, slot: 1, ageDays: 120, lastUsedDate: '2024-02-03T04:05:06.000Z' }] });
    expect(check(r, 'credentialReport')).toMatchObject({ status: 'ok' });
    const age = check(r, 'credentialReport').report as { generatedAt: string; nextAt: string };
    expect(r.reportGeneratedAt).toBe(age.generatedAt);
    expect(keys.report).toEqual(age);
    expect(Date.parse(age.nextAt) - Date.parse(age.generatedAt)).toBe(4 * 3600_000);
    expect(Date.parse(r.checkedAt)).toBeGreaterThanOrEqual(Date.parse(age.generatedAt));
  });

  it('downloads the report exactly as AWS produced it', async () => {
    sandbox.scenario.newUser({ userName: 'dl.user', tags: { a: 'b' } });
    await signIn(sandbox.admin);
    await call('admin:readiness', {});
    const path = join(home, 'report.csv');
    ports.dialogs.queueSave(path);
    const out = await call('admin:credentialReport:save', { dialogTitle: 'Save', filterName: 'CSV' });
    expect(out).toMatchObject({ saved: true, path, users: sandbox.state.listUsers().length });
    const iam = new IAMClient({ endpoint: sandbox.url, region: sandbox.region, credentials: sandbox.admin, maxAttempts: 1 });
    const aws = await iam.send(new GetCredentialReportCommand({}));
    iam.destroy();
    expect(readFileSync(path)).toEqual(Buffer.from(aws.Content as Uint8Array));
    expect(out.generatedAt).toBe((aws.GeneratedTime as Date).toISOString());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    ports.dialogs.queueSave(null);
    expect(await call('admin:credentialReport:save', { dialogTitle: 'Save', filterName: 'CSV' })).toMatchObject({ saved: false, path: null });
  });

  it('an admin without the report permission: user checks read one by one; the report row names the permission', async () => {
    sandbox.scenario.newUser({ userName: 'console.nomfa', passwordResetRequired: false, withAccessKey: false });
    const lister = sandbox.scenario.newUser({
      userName: 'lister',
      withMfa: true,
      policies: [{ name: 'list', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:List*', 'iam:GetLoginProfile', 'iam:GetAccountSummary'], Resource: '*' }] } }],
    });
    await signIn(lister);
    const r = await call('admin:readiness', {});
    expect(check(r, 'consoleUsersWithoutMfa')).toMatchObject({ status: 'fail', users: ['console.nomfa'], report: null });
    expect(check(r, 'credentialReport')).toMatchObject({ status: 'unknown', missingPermission: 'iam:GetCredentialReport', errorCode: 'AccessDenied' });
    expect(r.reportGeneratedAt).toBeNull();
    await expect(call('admin:credentialReport:save', { dialogTitle: 'Save', filterName: 'CSV' })).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 'iam:GetCredentialReport' } });
  });

  it('abuse: an admin who may not read the report does not get the one a previous admin downloaded', async () => {
    await signIn(sandbox.admin);
    expect(check(await call('admin:readiness', {}), 'credentialReport')).toMatchObject({ status: 'ok' });
    const nobody = sandbox.scenario.newUser({ userName: 'no.perms' });
    await signIn(nobody);
    const path = join(home, 'stolen.csv');
    ports.dialogs.queueSave(path);
    await expect(call('admin:credentialReport:save', { dialogTitle: 'Save', filterName: 'CSV' })).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 'iam:GetCredentialReport' } });
    expect(() => statSync(path)).toThrow();
    await expect(call('admin:status:list', {})).rejects.toMatchObject({ code: 'admin.missingPermission' });
    expect(sandbox.requestLog.filter((e) => e.caller === 'no.perms' && e.action === 'GetCredentialReport').map((e) => e.errorCode)).toEqual(['AccessDenied', 'AccessDenied']);
  });
});
