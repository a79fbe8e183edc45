import { describe, expect, it } from 'vitest';
import { ProvisioningRun, type RunAccount } from '../../../../../electron/admin/users/provisioning-run';
import type { IamSender } from '../../../../../electron/admin/users/list-groups';
import { silentLogger } from '../../../../../electron/logging/logger';
import type { CreateUserInput, ProvisionRun } from '../../../../../src/shared/ipc/channels/admin-users';
import { buildInviteExpiryPolicy } from '../../../../../src/shared/mfa-policy/onboarding-window';
import { awsError, dropped, FakeIam } from './fake-iam';

const POLICY = 'arn:aws:iam::123456789012:policy/IamOnboardingEnforceMfa';
const account: RunAccount = {
  accountId: '123456789012',
  accountAlias: null,
  partition: 'aws',
  consoleUrl: 'https://123456789012.signin.aws.amazon.com/console',
  policyArn: POLICY,
};

function setup(over: Partial<CreateUserInput> = {}) {
  const iam = new FakeIam();
  iam.policies.add(POLICY);
  iam.groups.set('dev', new Set());
  iam.groups.set('ops', new Set());
  const input: CreateUserInput = {
    userName: 'kim.minji',
    groups: ['dev', 'ops'],
    tags: [{ key: 'email', value: 'minji@example.com' }],
    attachPolicyTo: { kind: 'user' },
    inviteValidDays: 7,
    ...over,
  };
  const run = new ProvisioningRun(input, account, silentLogger, () => NOW);
  const views: ProvisionRun[] = [];
  const emit = (v: ProvisionRun) => void views.push(v);
  return { iam, run, views, emit, sender: iam as unknown as IamSender };
}

const NOW = Date.parse('2025-03-01T09:30:15.250Z');

const statuses = (v: ProvisionRun) => Object.fromEntries(v.steps.map((s) => [s.id, s.status]));

describe('ProvisioningRun', () => {
  it('runs every step in order, reports each as it completes, and keeps the secrets out of the view', async () => {
    const { iam, run, views, emit, sender } = setup();
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('done');
    // Born with the window's tag, its end right after, enforcement before groups, credentials last.
    expect(v.steps.map((s) => s.id)).toEqual(['createUser', 'inviteExpiry', 'attachPolicy', 'addToGroup:dev', 'addToGroup:ops', 'createLoginProfile', 'createAccessKey']);
    expect(Object.values(statuses(v))).toEqual(Array(7).fill('done'));
    // A 'running' snapshot for each step, so the screen can tick them off one by one.
    expect(views.filter((x) => x.steps.some((s) => s.status === 'running'))).toHaveLength(7);
    const u = iam.users.get('kim.minji')!;
    expect(u.tags).toEqual([
      { Key: 'email', Value: 'minji@example.com' },
      { Key: 'iam-onboarding-window', Value: '2025-03-08T09:30:15Z' },
    ]);
    expect(JSON.parse(u.inline.get('IamOnboardingInviteExpiry')!)).toEqual(buildInviteExpiryPolicy('2025-03-08T09:30:15Z'));
    // One call per thing done (the password policy and GetPolicy are the lookups a bulk run makes once).
    expect(iam.calls).toEqual([
      'CreateUser',
      'PutUserPolicy',
      'GetPolicy',
      'AttachUserPolicy',
      'AddUserToGroup',
      'AddUserToGroup',
      'GetAccountPasswordPolicy',
      'CreateLoginProfile',
      'CreateAccessKey',
    ]);
    expect(run.inviteSecrets().expiresAt).toBe('2025-03-08T09:30:15Z');
    expect(u.loginProfile?.resetRequired).toBe(true);
    expect([...u.policies]).toEqual([POLICY]);
    expect([...u.groups]).toEqual(['dev', 'ops']);
    expect(u.keys).toHaveLength(1);
    const secrets = run.inviteSecrets();
    expect(secrets.accessKeyId).toBe(u.keys[0]);
    expect(secrets.password).toBe(u.loginProfile?.password);
    expect(secrets.password.length).toBeGreaterThanOrEqual(20);
    expect(JSON.stringify(views)).not.toContain(secrets.password);
    expect(JSON.stringify(views)).not.toContain(secrets.secretAccessKey);
    expect(v.accessKeyId).toBe(u.keys[0]);
    expect(v.invite).toMatchObject({ fileName: 'kim.minji.invite.age', validDays: 7, savedPath: null });
  });

  it('generates a password that meets a strict account policy', async () => {
    const { iam, run, emit, sender } = setup();
    iam.passwordPolicy = { MinimumPasswordLength: 32, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true };
    await run.run(sender, emit);
    expect(iam.users.get('kim.minji')!.loginProfile!.password.length).toBeGreaterThanOrEqual(32);
  });

  it('shows the password once, copies it after that, and forgets it on wipe', async () => {
    const { run, emit, sender } = setup();
    await run.run(sender, emit);
    const pw = run.takePasswordForDisplay();
    expect(pw).toBeTruthy();
    expect(run.takePasswordForDisplay()).toBeUndefined();
    expect(run.password()).toBe(pw);
    expect(run.containsSecret(`hello ${pw}`)).toBe(true);
    expect(run.holdsSecrets).toBe(true);
    run.wipe();
    expect(run.holdsSecrets).toBe(false);
    expect(() => run.password()).toThrow(expect.objectContaining({ code: 'adminUsers.secretsGone' }));
    expect(() => run.inviteSecrets()).toThrow(expect.objectContaining({ code: 'adminUsers.secretsGone' }));
  });

  it('a run stopped at the key step holds the password it made (the lock must wipe it), and nothing after wipe', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateAccessKey', { error: Object.assign(new Error('Throttling'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }) });
    expect((await run.run(sender, emit)).phase).toBe('failed');
    expect(iam.users.get('kim.minji')!.loginProfile).toBeTruthy();
    expect(run.holdsSecrets).toBe(true);
    run.wipe();
    expect(run.holdsSecrets).toBe(false);
  });

  it('stops at the policy step when the enforcement policy does not exist, and undo leaves no user', async () => {
    const { iam, run, emit, sender } = setup();
    iam.policies.clear();
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('failed');
    expect(v.error).toEqual({ code: 'adminUsers.policyMissing', params: { policyName: 'IamOnboardingEnforceMfa' } });
    // No credentials before the enforcement is in place.
    expect(statuses(v)).toMatchObject({ createUser: 'done', attachPolicy: 'failed', 'addToGroup:dev': 'pending', createLoginProfile: 'pending' });
    expect(iam.users.get('kim.minji')!.loginProfile).toBeNull();
    expect(iam.calls).not.toContain('CreatePolicy');
    const u = await run.undo(sender, emit);
    expect(u.phase).toBe('undone');
    expect(iam.users.size).toBe(0);
  });

  it('a group that vanished: clear message at that step; undo removes what was created, last first', async () => {
    const { iam, run, emit, sender } = setup();
    iam.groups.delete('ops');
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('failed');
    expect(v.somethingCreated).toBe(true);
    expect(run.unfinished).toBe(true);
    expect(v.error).toMatchObject({ code: 'adminUsers.groupVanished', params: { group: 'ops' } });
    expect(statuses(v)).toMatchObject({ 'addToGroup:dev': 'done', 'addToGroup:ops': 'failed', createLoginProfile: 'pending', createAccessKey: 'pending' });
    iam.calls = [];
    const u = await run.undo(sender, emit);
    expect(u.phase).toBe('undone');
    // Last first; the window's tag goes with the user.
    expect(iam.calls).toEqual(['RemoveUserFromGroup', 'DetachUserPolicy', 'DeleteUserPolicy', 'DeleteUser']);
    expect(iam.users.size).toBe(0);
    expect(statuses(u)).toMatchObject({ createUser: 'undone', 'addToGroup:ops': 'failed', createAccessKey: 'pending' });
    expect(() => run.inviteSecrets()).toThrow();
    await expect(run.run(sender, emit)).rejects.toMatchObject({ code: 'adminUsers.notAllowedNow' });
  });

  it('retry the rest continues from the failed step once the group is back', async () => {
    const { iam, run, emit, sender } = setup();
    iam.groups.delete('ops');
    await run.run(sender, emit);
    iam.groups.set('ops', new Set());
    iam.calls = [];
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('done');
    expect(iam.calls).toEqual(['AddUserToGroup', 'GetAccountPasswordPolicy', 'CreateLoginProfile', 'CreateAccessKey']);
    expect([...iam.users.get('kim.minji')!.groups]).toEqual(['dev', 'ops']);
  });

  it('CreateUser answered but the answer lost: the retry recognises its own user and moves on', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateUser', { error: dropped(), after: true });
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('failed');
    expect(v.error).toMatchObject({ code: 'aws.network', retryable: true });
    const r = await run.run(sender, emit);
    expect(r.phase).toBe('done');
    expect(iam.users.size).toBe(1);
  });

  it('CreateUser answered but lost, then undo: deletes the user only because it is this run’s', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateUser', { error: awsError('ServiceFailure', 500), after: true });
    expect((await run.run(sender, emit)).phase).toBe('failed');
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.users.size).toBe(0);
  });

  it('a name taken by someone else between the check and the run: userExists, and undo never deletes that user', async () => {
    const { iam, run, emit, sender } = setup();
    iam.users.set('kim.minji', { path: '/', tags: [], loginProfile: null, policies: new Set(), groups: new Set(), keys: [], inline: new Map() });
    const v = await run.run(sender, emit);
    expect(v.error).toEqual({ code: 'adminUsers.userExists', params: { userName: 'kim.minji' } });
    iam.calls = [];
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.calls).toEqual([]);
    expect(iam.users.has('kim.minji')).toBe(true);
  });

  it('CreateLoginProfile answered but lost: the retry sets a fresh password it holds', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateLoginProfile', { error: dropped(), after: true });
    await run.run(sender, emit);
    const v = await run.run(sender, emit);
    expect(v.phase).toBe('done');
    expect(iam.calls).toContain('UpdateLoginProfile');
    expect(iam.users.get('kim.minji')!.loginProfile!.password).toBe(run.inviteSecrets().password);
  });

  it('CreateAccessKey answered but lost: the retry lists keys, removes the orphan, ends with exactly one key', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateAccessKey', { error: dropped(), after: true });
    const v = await run.run(sender, emit);
    expect(v.steps.find((s) => s.id === 'createAccessKey')).toMatchObject({ status: 'failed' });
    expect(iam.users.get('kim.minji')!.keys).toHaveLength(1);
    const orphan = iam.users.get('kim.minji')!.keys[0];
    const r = await run.run(sender, emit);
    expect(r.phase).toBe('done');
    const keys = iam.users.get('kim.minji')!.keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(orphan);
    expect(run.inviteSecrets().accessKeyId).toBe(keys[0]);
  });

  it('CreateAccessKey lost, then undo: the orphan key goes too and no user is left', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateAccessKey', { error: dropped(), after: true });
    await run.run(sender, emit);
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.users.size).toBe(0);
  });

  it('AccessDenied on CreateUser names the missing permission; nothing was created, nothing to undo', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateUser', { error: awsError('AccessDenied', 403) });
    const v = await run.run(sender, emit);
    expect(v.error).toEqual({ code: 'adminUsers.accessDenied', params: { action: 'iam:CreateUser' } });
    expect(iam.users.size).toBe(0);
    expect(v.somethingCreated).toBe(false);
    expect(run.unfinished).toBe(false);
    iam.calls = [];
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.calls).toEqual([]);
  });

  it('throttling that outlasted the SDK retries is retryable and the retry finishes', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('AddUserToGroup', { error: awsError('Throttling', 400) });
    const v = await run.run(sender, emit);
    expect(v.error).toMatchObject({ code: 'aws.Throttling', retryable: true });
    expect((await run.run(sender, emit)).phase).toBe('done');
  });

  it('attaching via a group: the policy goes on the group; undo detaches it only if this run put it there', async () => {
    const a = setup({ attachPolicyTo: { kind: 'group', groupName: 'dev' } });
    a.iam.groups.delete('ops');
    await a.run.run(a.sender, a.emit);
    expect([...a.iam.groupPolicyMap.get('dev')!]).toEqual([POLICY]);
    expect(a.iam.users.get('kim.minji')!.policies.size).toBe(0);
    await a.run.undo(a.sender, a.emit);
    expect(a.iam.groupPolicyMap.get('dev')!.size).toBe(0);

    const b = setup({ attachPolicyTo: { kind: 'group', groupName: 'dev' } });
    b.iam.groupPolicyMap.set('dev', new Set([POLICY]));
    b.iam.groups.delete('ops');
    await b.run.run(b.sender, b.emit);
    await b.run.undo(b.sender, b.emit);
    expect([...b.iam.groupPolicyMap.get('dev')!]).toEqual([POLICY]);
    expect(b.iam.users.size).toBe(0);
  });

  it('an undo that fails part-way can be run again and finishes', async () => {
    const { iam, run, emit, sender } = setup();
    iam.groups.delete('ops');
    await run.run(sender, emit);
    iam.fail('DetachUserPolicy', { error: awsError('ServiceUnavailable', 503) });
    const v = await run.undo(sender, emit);
    expect(v.phase).toBe('undoFailed');
    expect(statuses(v)).toMatchObject({ attachPolicy: 'undoFailed', 'addToGroup:dev': 'undone', createUser: 'done' });
    expect(run.unfinished).toBe(true);
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.users.size).toBe(0);
  });

  it('the onboarding window: stopped before its end is written, no credential exists; a retry keeps the expiry it chose', async () => {
    const s = setup();
    const { iam, emit, sender } = s;
    let now = NOW;
    const run = new ProvisioningRun(s.run.input, account, silentLogger, () => now);
    iam.fail('PutUserPolicy', { error: dropped() });
    const v = await run.run(sender, emit);
    expect(statuses(v)).toMatchObject({ createUser: 'done', inviteExpiry: 'failed', createLoginProfile: 'pending', createAccessKey: 'pending' });
    // The tag is there, but nobody can use it: no password, no key, no policy that grants anything.
    const u = iam.users.get('kim.minji')!;
    expect(u.tags.at(-1)).toEqual({ Key: 'iam-onboarding-window', Value: '2025-03-08T09:30:15Z' });
    expect({ profile: u.loginProfile, keys: u.keys, policies: [...u.policies], groups: [...u.groups], inline: [...u.inline.keys()] }).toEqual({
      profile: null,
      keys: [],
      policies: [],
      groups: [],
      inline: [],
    });
    // The retry, an hour later, writes the date the tag carries, not a new one.
    now += 3_600_000;
    expect((await run.run(sender, emit)).phase).toBe('done');
    expect(JSON.parse(u.inline.get('IamOnboardingInviteExpiry')!)).toEqual(buildInviteExpiryPolicy('2025-03-08T09:30:15Z'));
    expect(run.inviteSecrets().expiresAt).toBe('2025-03-08T09:30:15Z');
    expect(iam.calls.filter((c) => c === 'TagUser')).toEqual([]);
  });

  it('the expiry refused (AccessDenied): named, and undo deletes the user (its tag goes with it); a lost PutUserPolicy answer is undone too', async () => {
    const a = setup();
    a.iam.fail('PutUserPolicy', { error: awsError('AccessDenied', 403) });
    const f = await a.run.run(a.sender, a.emit);
    expect(f.error).toEqual({ code: 'adminUsers.accessDenied', params: { action: 'iam:PutUserPolicy' } });
    a.iam.calls = [];
    expect((await a.run.undo(a.sender, a.emit)).phase).toBe('undone');
    expect(a.iam.calls).toEqual(['DeleteUser']);
    expect(a.iam.users.size).toBe(0);

    const b = setup();
    b.iam.fail('PutUserPolicy', { error: awsError('ServiceFailure', 500), after: true });
    expect((await b.run.run(b.sender, b.emit)).phase).toBe('failed');
    b.iam.calls = [];
    expect((await b.run.undo(b.sender, b.emit)).phase).toBe('undone');
    expect(b.iam.calls).toEqual(['DeleteUserPolicy', 'DeleteUser']);
    expect(b.iam.users.size).toBe(0);
  });

  it('a user of that name with our tags but another window date is not ours: userExists, never deleted', async () => {
    const { iam, run, emit, sender } = setup();
    // The first CreateUser's connection drops before it reaches IAM; meanwhile someone creates the same user.
    iam.fail('CreateUser', { error: dropped() });
    expect((await run.run(sender, emit)).phase).toBe('failed');
    const theirs = { Key: 'iam-onboarding-window', Value: '2025-03-08T09:30:16Z' };
    iam.users.set('kim.minji', { path: '/', tags: [{ Key: 'email', Value: 'minji@example.com' }, theirs], loginProfile: null, policies: new Set(), groups: new Set(), keys: [], inline: new Map() });
    const v = await run.run(sender, emit);
    expect(v.error).toEqual({ code: 'adminUsers.userExists', params: { userName: 'kim.minji' } });
    iam.calls = [];
    expect((await run.undo(sender, emit)).phase).toBe('undone');
    expect(iam.calls).toEqual(['GetUser']);
    expect(iam.users.get('kim.minji')!.tags.at(-1)).toEqual(theirs);
  });

  it('throttled CreateAccessKey: AWS ran nothing, so the retry lists no keys (exactly one CreateAccessKey answered)', async () => {
    const { iam, run, emit, sender } = setup();
    iam.fail('CreateAccessKey', { error: awsError('Throttling', 400) });
    expect((await run.run(sender, emit)).error).toMatchObject({ code: 'aws.Throttling', retryable: true });
    expect((await run.run(sender, emit)).phase).toBe('done');
    expect(iam.calls.filter((c) => c === 'ListAccessKeys' || c === 'DeleteAccessKey')).toEqual([]);
    expect(iam.users.get('kim.minji')!.keys).toHaveLength(1);
  });

  it('attaching via a group joins that group before any other', async () => {
    const { iam, run, emit, sender } = setup({ groups: ['ops', 'dev'], attachPolicyTo: { kind: 'group', groupName: 'dev' } });
    const v = await run.run(sender, emit);
    expect(v.steps.map((s) => s.id).slice(0, 5)).toEqual(['createUser', 'inviteExpiry', 'attachPolicy:dev', 'addToGroup:dev', 'addToGroup:ops']);
    expect(iam.calls.filter((c) => c === 'AddUserToGroup' || c === 'AttachGroupPolicy' || c === 'CreateLoginProfile')).toEqual([
      'AttachGroupPolicy',
      'AddUserToGroup',
      'AddUserToGroup',
      'CreateLoginProfile',
    ]);
  });

  it('refuses a second call while one is running', async () => {
    const { run, emit, sender } = setup();
    const first = run.run(sender, emit);
    await expect(run.run(sender, emit)).rejects.toMatchObject({ code: 'adminUsers.busy' });
    expect((await first).phase).toBe('done');
  });
});
