import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountOf, type AdminSession } from '../../../../../electron/admin/admin-session';
import { createAdminUsersHandlers } from '../../../../../electron/admin/users/admin-users.handlers';
import { InviteGenerations } from '../../../../../electron/admin/users/invite-generations';
import { existsSync } from 'node:fs';
import type { AppDeps } from '../../../../../electron/app/app-deps';
import { SecretLifecycle } from '../../../../../electron/app/secret-lifecycle';
import { createAwsClientFactory } from '../../../../../electron/aws/client-factory';
import { plainVault } from '../../../../../electron/cli-access/cli-vault';
import { ServerClock } from '../../../../../electron/aws/server-clock';
import { decryptInvite } from '../../../../../electron/invites/invite-codec';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts } from '../../../../../electron/platform/node-ports';
import type { CreateUserInput } from '../../../../../src/shared/ipc/channels/admin-users';
import { FakeIam } from './fake-iam';

const POLICY = 'arn:aws:iam::123456789012:policy/IamOnboardingEnforceMfa';
const NOW = Date.parse('2030-01-02T03:04:05.000Z');

function setup(endpoints: Record<string, string> = {}) {
  const iam = new FakeIam();
  iam.policies.add(POLICY);
  iam.groups.set('dev', new Set());
  const home = mkdtempSync(join(tmpdir(), 'admin-users-'));
  const ports = createNodePorts({ home, userData: home });
  const clock = { now: () => NOW };
  const deps: AppDeps = {
    aws: createAwsClientFactory({ region: 'ap-northeast-2', endpoints }),
    serverClock: new ServerClock(clock),
    platform: ports,
    clock,
    log: silentLogger,
    info: { version: 't', platform: 't' },
    env: {},
    lifecycle: new SecretLifecycle(0),
    cliHelper: { command: null, vault: plainVault },
  };
  const hooks: Array<() => void> = [];
  const identity = { accountId: '123456789012', accountAlias: 'acme', arn: 'arn:aws:iam::123456789012:user/admin' };
  const session = {
    onSignOut: (h: () => void) => void hooks.push(h),
    iam: () => iam,
    requireIdentity: () => identity,
    account: (): ReturnType<AdminSession['account']> => accountOf(identity as Parameters<typeof accountOf>[0]),
  } as unknown as AdminSession;
  const events: unknown[] = [];
  const ctx = { emit: (_e: string, p: unknown) => void events.push(p) };
  const generations = new InviteGenerations();
  const handlers = createAdminUsersHandlers(deps, session, generations);
  return { iam, home, ports, handlers, ctx, events, deps, generations, signOut: () => hooks.forEach((h) => h()) };
}

const input: CreateUserInput = {
  userName: 'lee.jun',
  groups: ['dev'],
  tags: [{ key: 'team', value: 'platform' }],
  attachPolicyTo: { kind: 'user' },
  inviteValidDays: 3,
};
const dialog = { dialogTitle: 'Save', filterName: 'Invite' };

describe('admin:users handlers', () => {
  it('creates, saves an invite (0600) that decrypts with the password shown once, and wipes on dismiss', async () => {
    const { iam, home, ports, handlers, ctx, events } = setup({ iam: 'http://127.0.0.1:4566', sts: 'http://127.0.0.1:4566' });
    const run = await handlers['admin:users:create'](input, ctx);
    expect(run.phase).toBe('done');
    expect(events.length).toBeGreaterThan(5);

    // Cancelled dialog: nothing written, no password.
    ports.dialogs.queueSave(null);
    expect(await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx)).toMatchObject({ saved: false });

    const path = join(home, 'out', '..', 'lee.jun.invite.age');
    ports.dialogs.queueSave(path);
    const saved = await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx);
    expect(saved.saved).toBe(true);
    const password = saved.temporaryPassword!;
    expect(password).toBe(iam.users.get('lee.jun')!.loginProfile!.password);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(path);
    expect(bytes.toString('utf8')).not.toContain(password);
    const invite = await decryptInvite(new Uint8Array(bytes), password, NOW);
    expect(invite).toMatchObject({
      accountId: '123456789012',
      accountAlias: 'acme',
      partition: 'aws',
      region: 'ap-northeast-2',
      userName: 'lee.jun',
      accessKeyId: iam.users.get('lee.jun')!.keys[0],
      consoleUrl: 'https://acme.signin.aws.amazon.com/console',
      issuedAt: '2030-01-02T03:04:05.000Z',
      expiresAt: '2030-01-05T03:04:05.000Z',
      endpoints: { iam: 'http://127.0.0.1:4566', sts: 'http://127.0.0.1:4566' },
    });
    expect(bytes.toString('utf8')).not.toContain(invite.secretAccessKey);
    expect(saved.run.invite).toMatchObject({ savedPath: path, expiresAt: '2030-01-05T03:04:05.000Z' });

    // Shown once: saving again does not return it.
    ports.dialogs.queueSave(join(home, 'again.invite.age'));
    expect((await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx)).temporaryPassword).toBeUndefined();

    expect(await handlers['admin:users:copyPassword']({ runId: run.runId }, ctx)).toEqual({ copied: true, clearAfterMs: 30_000 });
    expect(ports.clipboard.read()).toBe(password);
    await expect(handlers['admin:users:copyMessage']({ runId: run.runId, text: `pw: ${password}` }, ctx)).rejects.toMatchObject({
      code: 'adminUsers.messageHasSecret',
    });
    await handlers['admin:users:copyMessage']({ runId: run.runId, text: 'hello' }, ctx);
    expect(ports.clipboard.read()).toBe('hello');

    await handlers['admin:users:dismiss']({ runId: run.runId }, ctx);
    expect(await handlers['admin:users:current']({}, ctx)).toBeNull();
    await expect(handlers['admin:users:copyPassword']({ runId: run.runId }, ctx)).rejects.toMatchObject({ code: 'adminUsers.noSuchRun' });
  });

  it('puts no endpoints in the invite when talking to AWS itself', async () => {
    const { home, ports, handlers, ctx } = setup();
    const run = await handlers['admin:users:create'](input, ctx);
    ports.dialogs.queueSave(join(home, 'x.invite.age'));
    const saved = await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx);
    const invite = await decryptInvite(new Uint8Array(readFileSync(join(home, 'x.invite.age'))), saved.temporaryPassword!, NOW);
    expect(invite.endpoints).toBeUndefined();
  });

  it('catches a taken name before creating anything', async () => {
    const { iam, handlers, ctx } = setup();
    iam.users.set('lee.jun', { path: '/', tags: [], loginProfile: null, policies: new Set(), groups: new Set(), keys: [], inline: new Map() });
    iam.calls = [];
    await expect(handlers['admin:users:create'](input, ctx)).rejects.toMatchObject({ code: 'adminUsers.userExists', params: { userName: 'lee.jun' } });
    expect(iam.calls).toEqual(['GetUser']);
  });

  it('a failed run must be retried or undone before the next user, and survives leaving the screen', async () => {
    const { iam, handlers, ctx } = setup();
    iam.groups.delete('dev');
    const run = await handlers['admin:users:create'](input, ctx);
    expect(run.phase).toBe('failed');
    await handlers['admin:users:dismiss']({ runId: run.runId }, ctx);
    expect((await handlers['admin:users:current']({}, ctx))?.runId).toBe(run.runId);
    await expect(handlers['admin:users:create']({ ...input, userName: 'other', groups: [] }, ctx)).rejects.toMatchObject({
      code: 'adminUsers.unfinishedRun',
    });
    await expect(handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx)).rejects.toMatchObject({ code: 'adminUsers.secretsGone' });
    expect((await handlers['admin:users:undo']({ runId: run.runId }, ctx)).phase).toBe('undone');
    expect(iam.users.size).toBe(0);
    expect((await handlers['admin:users:create']({ ...input, userName: 'other', groups: [] }, ctx)).phase).toBe('done');
  });

  it('lists groups across pages', async () => {
    const { iam, handlers, ctx } = setup();
    for (const g of ['a', 'b', 'c', 'd']) iam.groups.set(g, new Set());
    const { groups } = await handlers['admin:users:listGroups']({}, ctx);
    expect(groups.map((g) => g.groupName)).toEqual(['a', 'b', 'c', 'd', 'dev']);
  });

  it('sign-out wipes the secrets; a failed run retried afterwards makes a new password and replaces the key', async () => {
    const { iam, home, ports, handlers, ctx, signOut } = setup();
    iam.fail('CreateAccessKey', { error: Object.assign(new Error('Throttling'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }) });
    const run = await handlers['admin:users:create'](input, ctx);
    expect(run.phase).toBe('failed');
    const firstKey = iam.users.get('lee.jun')!.keys[0];
    const firstPassword = iam.users.get('lee.jun')!.loginProfile!.password;
    expect(firstKey).toBeUndefined();
    signOut();
    const done = await handlers['admin:users:retry']({ runId: run.runId }, ctx);
    expect(done.phase).toBe('done');
    expect(iam.calls).toContain('UpdateLoginProfile');
    ports.dialogs.queueSave(join(home, 'y.invite.age'));
    const saved = await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx);
    expect(saved.temporaryPassword).not.toBe(firstPassword);
    expect(saved.temporaryPassword).toBe(iam.users.get('lee.jun')!.loginProfile!.password);
    expect(iam.users.get('lee.jun')!.keys).toHaveLength(1);
    signOut();
    expect(await handlers['admin:users:current']({}, ctx)).toBeNull();
  });

  it('an idle lock wipes the secrets of a finished run', async () => {
    const { handlers, ctx, deps } = setup();
    const run = await handlers['admin:users:create'](input, ctx);
    await deps.lifecycle.lock('idle');
    await expect(handlers['admin:users:copyPassword']({ runId: run.runId }, ctx)).rejects.toMatchObject({ code: 'adminUsers.noSuchRun' });
  });

  it('a finished run whose invite is not saved survives leaving the screen, and blocks the next user until saved', async () => {
    const { home, ports, handlers, ctx } = setup();
    const run = await handlers['admin:users:create'](input, ctx);
    await handlers['admin:users:dismiss']({ runId: run.runId }, ctx);
    expect((await handlers['admin:users:current']({}, ctx))?.phase).toBe('done');
    await expect(handlers['admin:users:create']({ ...input, userName: 'next', groups: [] }, ctx)).rejects.toMatchObject({
      code: 'adminUsers.inviteNotSaved',
    });
    ports.dialogs.queueSave(join(home, 'z.invite.age'));
    expect((await handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx)).temporaryPassword).toBeTruthy();
    await handlers['admin:users:dismiss']({ runId: run.runId }, ctx);
    expect(await handlers['admin:users:current']({}, ctx)).toBeNull();
    expect((await handlers['admin:users:create']({ ...input, userName: 'next', groups: [] }, ctx)).phase).toBe('done');
  });

  it('a newer invite for the user (status tab) supersedes the result: no invite is saved, nothing is copied, and it blocks nothing', async () => {
    const { home, ports, handlers, ctx, generations } = setup();
    const run = await handlers['admin:users:create'](input, ctx);
    await handlers['admin:users:dismiss']({ runId: run.runId }, ctx);
    expect((await handlers['admin:users:current']({}, ctx))?.superseded).toBe(false);
    // What the status tab's resend does first (case differs: IAM names are case-insensitive).
    generations.reissued('123456789012', 'LEE.JUN');
    expect((await handlers['admin:users:current']({}, ctx))?.superseded).toBe(true);
    const path = join(home, 'stale.invite.age');
    ports.dialogs.queueSave(path);
    await expect(handlers['admin:users:saveInvite']({ runId: run.runId, ...dialog }, ctx)).rejects.toMatchObject({
      code: 'adminUsers.inviteSuperseded',
      params: { userName: 'lee.jun' },
    });
    expect(existsSync(path)).toBe(false);
    await expect(handlers['admin:users:copyPassword']({ runId: run.runId }, ctx)).rejects.toMatchObject({ code: 'adminUsers.inviteSuperseded' });
    expect(ports.clipboard.read()).toBe('');
    // A reissue for another user, or in another account, supersedes nothing of this one.
    const other = setup();
    const run2 = await other.handlers['admin:users:create'](input, other.ctx);
    other.generations.reissued('123456789012', 'someone.else');
    other.generations.reissued('999999999999', 'lee.jun');
    expect((await other.handlers['admin:users:current']({}, other.ctx))?.runId).toBe(run2.runId);
    expect((await other.handlers['admin:users:current']({}, other.ctx))?.superseded).toBe(false);
    // The stale run holds nothing of use: the next user can be created.
    expect((await handlers['admin:users:create']({ ...input, userName: 'next', groups: [] }, ctx)).phase).toBe('done');
  });
});
