import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS } from '../../../../../electron/admin/bulk/csv-validate';
import { importUsersCsv } from '../../../../../electron/admin/bulk/csv-import';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../../../../electron/platform/node-ports';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';

/** Import → check → start through the bulk handlers: the check keeps no rows, the run reads the same file again. */
describe('bulk import: a streaming check, then a run of exactly the checked file', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let ports: NodePorts;
  let dir: string;
  const call = dispatchCaller(() => handlers);
  const dialog = { dialogTitle: 't', filterName: 'f' };
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, ['userName,email,groups,tags', ...lines].join('\n'));
    return path;
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    sandbox.scenario.createGroup('devs');
    sandbox.scenario.newUser({ userName: 'taken.user' });
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-'));
    ports = createNodePorts({ home: dir, userData: join(dir, 'userData') });
    ({ handlers } = composeApp({ platform: ports, log: silentLogger, env: { ...sandbox.env }, info: { version: 't', platform: 'linux' }, maxAttempts: 1 }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterAll(async () => sandbox.stop());

  it('every problem counted, the first 500 listed by line; duplicates name their first line; the account check works from names', async () => {
    const lines: string[] = ['dup.me,,,', 'taken.user,,,', 'DUP.ME,,,']; // lines 2-4; line 4 repeats line 2 regardless of case
    for (let i = 0; i < 1200; i++) lines.push(i % 2 ? `ok.${i},u${i}@example.com,devs,team=a` : `bad name ${i},,nogroup,`);
    const path = write('many.csv', lines);
    const file = await importUsersCsv(path, { keepRows: false });
    expect(file.rows).toEqual([]);
    expect(file.validation.rowCount).toBe(1203);
    expect(file.validation.nameCount).toBe(1202); // every distinct name once (DUP.ME is dup.me)

    ports.dialogs.queueOpen(path);
    const checked = await call('admin:bulk:import', dialog);
    expect(checked).toMatchObject({ rowCount: 1203, ready: false, groups: ['devs', 'nogroup'] });
    // 600 bad names + 600 unknown groups + 1 duplicate + 1 existing user.
    expect(checked!.problemCount).toBe(1202);
    // The account's problem (line 3) is listed among the lowest lines, though found after the file's.
    expect(checked!.problems.slice(0, 2)).toEqual([
      { line: 3, userName: 'taken.user', code: 'alreadyExists', column: 1, columnName: 'userName' },
      { line: 4, userName: 'DUP.ME', code: 'duplicateInFile', column: 1, columnName: 'userName', params: { firstLine: 2 } },
    ]);
    expect(checked!.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(checked!.problems.map((p) => p.line)).toEqual([...checked!.problems.map((p) => p.line)].sort((a, b) => a - b));
    expect(checked!.preview).toHaveLength(200);
    await expect(call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 2, attachTo: null })).rejects.toMatchObject({ code: 'adminBulk.notReady' });
  });

  it('a file changed after its check is refused at start; the checked one runs, creating exactly its users', async () => {
    const path = write('clean.csv', ['imp.a,a@example.com,devs,team=x', 'imp.b,,,']);
    ports.dialogs.queueOpen(path);
    expect(await call('admin:bulk:import', dialog)).toMatchObject({ ready: true, problemCount: 0, rowCount: 2 });
    write('clean.csv', ['imp.a,a@example.com,devs,team=x', 'imp.b,,,', 'imp.sneaked,,,']);
    // Refused before the folder dialog (nothing queued for it).
    await expect(call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 2, attachTo: null })).rejects.toMatchObject({ code: 'adminBulk.fileChanged' });
    expect(sandbox.state.getUser('imp.sneaked')).toBeUndefined();

    write('clean.csv', ['imp.a,a@example.com,devs,team=x', 'imp.b,,,']);
    const out = mkdtempSync(join(dir, 'out-'));
    ports.dialogs.queueFolder(out);
    const run = await call('admin:bulk:start', { dialogTitle: 't', inviteValidDays: 7, concurrency: 2, attachTo: null });
    expect(run).toMatchObject({ total: 2, seq: expect.any(Number) });
    const deadline = Date.now() + 30_000;
    while ((await call('admin:bulk:current', {}))?.phase !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const end = await call('admin:bulk:current', {});
    expect(end?.users.map((u) => u.error?.code ?? u.status)).toEqual(['done', 'done']);
    expect(end).toMatchObject({ phase: 'done', done: 2, failed: 0 });
    expect(sandbox.state.getUser('imp.a')).toMatchObject({ groups: ['devs'], tags: { team: 'x', email: 'a@example.com' } });
    expect(sandbox.state.getUser('imp.b')).toBeDefined();
    expect(sandbox.state.getUser('imp.sneaked')).toBeUndefined();
  });
});
