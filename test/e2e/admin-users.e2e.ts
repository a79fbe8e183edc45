import AxeBuilder from '@axe-core/playwright';
import { CreateGroupCommand, DeleteGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { BrowserShell, BrowserShellOptions } from '../../scripts/browser-shell/launch-browser-shell';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { createNodePorts } from '../../electron/platform/node-ports';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';
import { signInAdminWithKeys } from './support/admin-flow';

let sandbox: Sandbox;
let policyArn: string;

test.beforeAll(async () => {
  sandbox = await startSandbox();
  policyArn = sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
});
test.afterAll(async () => {
  await sandbox?.stop();
});
test.afterEach(() => sandbox.faults.clear());

/** The sandbox's administrator, as the AWS CLI of a colleague would be: changes the account behind the app's back. */
const adminIam = () =>
  new IAMClient({
    endpoint: sandbox.url,
    region: sandbox.region,
    credentials: { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey },
  });

type LaunchApp = (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>;

async function openApp(launchApp: LaunchApp, opts: { maxAttempts?: number } = {}) {
  const home = tempHome();
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const app = await launchApp({
    env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
    locale: 'ko-KR',
    ports,
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
  return { ...app, home };
}

/** Start → "Administer users" → typed access keys → the Users tab. */
async function signInAndOpenUsers(page: Page, keys: { accessKeyId: string; secretAccessKey: string }) {
  await signInAdminWithKeys(page, keys, 'users');
  await expect(page.locator('#cu-name')).toBeVisible();
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('.admin-users').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function fillForm(page: Page, o: { userName: string; groups?: string[]; tags?: Array<[string, string]> }) {
  await page.locator('#cu-name').fill(o.userName);
  for (const g of o.groups ?? []) await page.locator('.group-list label', { hasText: new RegExp(`^${g}$`) }).locator('input').check();
  const tags = o.tags ?? [];
  for (let i = 0; i < tags.length; i++) {
    if (i > 0) await page.getByRole('button', { name: '태그 추가' }).click();
    const row = page.getByTestId(`tag-row-${i + 1}`);
    await row.locator('input').nth(0).fill(tags[i]![0]);
    await row.locator('input').nth(1).fill(tags[i]![1]);
  }
}

const step = (page: Page, id: string) => page.locator(`.provision-steps li[data-step="${id}"]`);
const runCard = (page: Page) => page.locator('.provision-run');

test.describe('admin: create a user and its invite', () => {
  test('creates a user with groups, tags and the policy; the invite decrypts with the password shown once', async ({ launchApp }) => {
    sandbox.scenario.createGroup('developers');
    sandbox.scenario.createGroup('team-platform');
    const { page, ports, home, handlers } = await openApp(launchApp);
    await signInAndOpenUsers(page, sandbox.admin);
    await expect(page.locator('.group-list')).toContainText('developers');

    await fillForm(page, { userName: 'kim.minji', groups: ['developers', 'team-platform'], tags: [['email', 'minji@example.com'], ['team', 'platform']] });
    await page.locator('#cu-days').fill('5');
    await page.screenshot({ path: `${ARTIFACTS}admin-users-form-ko.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: '사용자 만들기' }).click();

    await expect(runCard(page)).toHaveAttribute('data-phase', 'done');
    for (const id of ['createUser', 'inviteExpiry', 'attachPolicy', 'addToGroup:developers', 'addToGroup:team-platform', 'createLoginProfile', 'createAccessKey']) {
      await expect(step(page, id)).toHaveAttribute('data-status', 'done');
      await expect(step(page, id).locator('.step-icon')).toHaveText('✓');
    }

    const invitePath = join(home.home, 'outbox', '..', 'kim.minji.invite.age');
    ports.dialogs.queueSave(invitePath);
    await page.getByRole('button', { name: '초대 파일 저장…' }).click();
    await expect(page.getByTestId('invite-saved')).toContainText(invitePath);
    const password = (await page.getByTestId('temporary-password').textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: '비밀번호 복사' }).click();
    await expect(page.getByText('30초 뒤에 클립보드에서 지웁니다')).toBeVisible();
    expect(ports.clipboard.read()).toBe(password);
    await page.screenshot({ path: `${ARTIFACTS}admin-users-result-ko.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);

    // The note to send along: Korean and English, never the password.
    const message = await page.locator('#invite-message').inputValue();
    expect(message).toContain('kim.minji.invite.age');
    expect(message).toContain('내 계정 설정하기');
    expect(message).toContain('Set up my account');
    expect(message).not.toContain(password);
    await page.getByRole('button', { name: '메시지 복사' }).click();
    await expect(page.getByText('메시지를 복사했습니다.')).toBeVisible();
    expect(ports.clipboard.read()).toBe(message);

    // The account, as AWS sees it.
    const user = sandbox.state.getUser('kim.minji')!;
    // The form's tags, plus the onboarding window (its end is the one the invite states).
    expect(user.tags).toEqual({ email: 'minji@example.com', team: 'platform', 'iam-onboarding-window': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(sandbox.state.listUserPolicies('kim.minji').map((p) => p.policyName)).toEqual(['IamOnboardingInviteExpiry']);
    expect(sandbox.state.getLoginProfile('kim.minji')?.passwordResetRequired).toBe(true);
    expect(sandbox.state.checkPassword('kim.minji', password)).toBe(true);
    expect(sandbox.state.listAttachedUserPolicies('kim.minji').map((p) => p.policyArn)).toEqual([policyArn]);
    expect(sandbox.state.listGroupsForUser('kim.minji').sort()).toEqual(['developers', 'team-platform']);
    const keys = sandbox.state.listAccessKeys('kim.minji');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.status).toBe('Active');

    // The invite on disk: owner-only, encrypted, and opens with the password from the screen.
    expect(statSync(invitePath).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(invitePath);
    expect(bytes.toString('utf8')).not.toContain(password);
    expect(bytes.toString('utf8')).toContain('BEGIN AGE ENCRYPTED FILE');
    const invite = await decryptInvite(new Uint8Array(bytes), password, Date.now());
    expect(invite).toMatchObject({
      accountId: sandbox.accountId,
      userName: 'kim.minji',
      accessKeyId: keys[0]!.accessKeyId,
      region: sandbox.region,
      endpoints: { iam: sandbox.url, sts: sandbox.url },
    });
    // Valid for the 5 days chosen, ending exactly when AWS closes the onboarding window.
    const days = (Date.parse(invite.expiresAt) - Date.parse(invite.issuedAt)) / 86_400_000;
    expect(Math.abs(days - 5)).toBeLessThan(0.01);
    expect(Date.parse(invite.expiresAt)).toBe(Date.parse(user.tags['iam-onboarding-window']!));

    // Leaving wipes the secrets in main: the copy channel no longer has a run to copy from.
    await page.getByRole('button', { name: '완료 — 다른 사용자 만들기' }).click();
    await expect(page.locator('#cu-name')).toHaveValue('');
    expect(await handlers['admin:users:current']({}, { emit: () => {} })).toBeNull();
  });

  test('bad input: each user-name rule has its message, and an existing name creates nothing', async ({ launchApp }) => {
    sandbox.scenario.newUser({ userName: 'park.jisoo', tags: { team: 'sales' } });
    const keysBefore = sandbox.state.listAccessKeys('park.jisoo');
    const { page } = await openApp(launchApp);
    await signInAndOpenUsers(page, sandbox.admin);
    const name = page.locator('#cu-name');
    const errors = page.locator('#cu-name-errors');

    await name.fill('김 철수');
    await expect(errors).toHaveText(/^다음 문자는 사용할 수 없습니다: 공백, 김 철 수 /);
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: `${ARTIFACTS}admin-users-bad-name-ko.png` });
    await name.fill('lee#jun!');
    await expect(errors.locator('[data-rule="userName.rules.invalidCharacters"]')).toHaveText(/^다음 문자는 사용할 수 없습니다: # ! /);
    await name.fill('lee jun');
    await expect(errors).toHaveText('공백은 사용할 수 없습니다. IAM 사용자 이름에는 공백을 쓸 수 없습니다.');
    await name.fill('a'.repeat(65));
    await expect(errors).toHaveText('64자까지 쓸 수 있습니다. 지금 65자입니다.');
    await name.fill('');
    await name.blur();
    await expect(errors).toHaveText('사용자 이름을 입력해 주세요.');
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(name).toBeFocused();
    await expect(page.locator('.provision-run')).toHaveCount(0);

    const before = sandbox.requestLog.length;
    await name.fill('park.jisoo');
    await expect(errors.locator('li')).toHaveCount(0);
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(page.locator('[data-error-code="adminUsers.userExists"]')).toContainText('사용자 park.jisoo가 이미 있습니다');
    const calls = sandbox.requestLog.slice(before).map((e) => e.action);
    expect(calls).toContain('GetUser');
    expect(calls).not.toContain('CreateUser');
    // The existing user is untouched.
    expect(sandbox.state.getUser('park.jisoo')!.tags).toEqual({ team: 'sales' });
    expect(sandbox.state.listAccessKeys('park.jisoo')).toEqual(keysBefore);
    expect(sandbox.state.listAttachedUserPolicies('park.jisoo')).toEqual([]);
  });

  test('a group that vanished after the form loaded: clear message, undo leaves no user, retry after re-creating finishes', async ({ launchApp }) => {
    sandbox.scenario.createGroup('ephemeral');
    sandbox.scenario.createGroup('steady');
    const { page, ports, home } = await openApp(launchApp);
    await signInAndOpenUsers(page, sandbox.admin);
    await expect(page.locator('.group-list')).toContainText('ephemeral');
    const iam = adminIam();
    await iam.send(new DeleteGroupCommand({ GroupName: 'ephemeral' }));

    await fillForm(page, { userName: 'lee.vanish', groups: ['ephemeral', 'steady'], tags: [['team', 'qa']] });
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'failed');
    await expect(step(page, 'addToGroup:ephemeral')).toHaveAttribute('data-status', 'failed');
    await expect(step(page, 'addToGroup:ephemeral').locator('[data-error-code="adminUsers.groupVanished"]')).toContainText('ephemeral 그룹을 찾을 수 없습니다');
    await expect(step(page, 'createAccessKey')).toHaveAttribute('data-status', 'pending');
    await page.screenshot({ path: `${ARTIFACTS}admin-users-group-vanished-ko.png`, fullPage: true });
    expect(sandbox.state.getUser('lee.vanish')).toBeDefined();

    await page.getByRole('button', { name: '만든 것 되돌리기' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'undone');
    await expect(page.getByText('lee.vanish는 계정에 남아 있지 않습니다')).toBeVisible();
    expect(sandbox.state.getUser('lee.vanish')).toBeUndefined();
    expect(sandbox.state.getGroup('steady')!.members).toEqual([]);

    // Same form again (kept as typed); this time the group comes back and the rest is retried.
    await page.getByRole('button', { name: '입력 화면으로 돌아가기' }).click();
    await expect(page.locator('#cu-name')).toHaveValue('lee.vanish');
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'failed');
    await iam.send(new CreateGroupCommand({ GroupName: 'ephemeral' }));
    await page.getByRole('button', { name: '나머지 다시 시도' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'done');
    expect(sandbox.state.listGroupsForUser('lee.vanish').sort()).toEqual(['ephemeral', 'steady']);
    expect(sandbox.state.listAccessKeys('lee.vanish')).toHaveLength(1);
    ports.dialogs.queueSave(join(home.home, 'lee.vanish.invite.age'));
    await page.getByRole('button', { name: '초대 파일 저장…' }).click();
    const password = (await page.getByTestId('temporary-password').textContent())!.trim();
    const invite = await decryptInvite(new Uint8Array(readFileSync(join(home.home, 'lee.vanish.invite.age'))), password, Date.now());
    expect(invite.accessKeyId).toBe(sandbox.state.listAccessKeys('lee.vanish')[0]!.accessKeyId);
    iam.destroy();
  });

  test('a denied admin: CreateUser AccessDenied names the permission and creates nothing', async ({ launchApp }) => {
    const limited = sandbox.scenario.newUser({ userName: 'helpdesk', withAccessKey: true });
    const { page } = await openApp(launchApp);
    await signInAndOpenUsers(page, { accessKeyId: limited.accessKeyId!, secretAccessKey: limited.secretAccessKey! });
    // Without iam:ListGroups the form still works, and says why the list is empty.
    await expect(page.locator('.groups-field [data-error-code="adminUsers.accessDenied"]')).toContainText('iam:ListGroups');
    await fillForm(page, { userName: 'choi.denied' });
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'failed');
    await expect(step(page, 'createUser').locator('[data-error-code="adminUsers.accessDenied"]')).toContainText('iam:CreateUser');
    await page.screenshot({ path: `${ARTIFACTS}admin-users-denied-ko.png`, fullPage: true });
    expect(sandbox.state.getUser('choi.denied')).toBeUndefined();
    const denied = sandbox.requestLog.filter((e) => e.action === 'CreateUser' && e.caller === 'helpdesk');
    expect(denied.map((e) => e.errorCode)).toEqual(['AccessDenied']);
    // Nothing was created, so there is nothing to undo: back to the form, input kept.
    await expect(page.getByRole('button', { name: '만든 것 되돌리기' })).toHaveCount(0);
    await expect(page.getByText('계정에는 아직 아무것도 만들지 않았습니다')).toBeVisible();
    await page.getByRole('button', { name: '입력 화면으로 돌아가기' }).click();
    await expect(page.locator('#cu-name')).toHaveValue('choi.denied');
    expect(sandbox.state.getUser('choi.denied')).toBeUndefined();
  });

  test('a dropped connection on CreateAccessKey: retry the rest ends with exactly one key, the one in the invite', async ({ launchApp }) => {
    const { page, ports, home } = await openApp(launchApp, { maxAttempts: 1 });
    await signInAndOpenUsers(page, sandbox.admin);
    sandbox.faults.set('CreateAccessKey', { drop: { times: 1, after: true } });
    await fillForm(page, { userName: 'jung.dropped', tags: [['email', 'jung@example.com']] });
    await page.getByRole('button', { name: '사용자 만들기' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'failed');
    await expect(step(page, 'createAccessKey').locator('[data-error-code="aws.network"]')).toBeVisible();
    // The key was created; its answer was lost.
    expect(sandbox.state.listAccessKeys('jung.dropped')).toHaveLength(1);
    const orphan = sandbox.state.listAccessKeys('jung.dropped')[0]!.accessKeyId;

    await page.getByRole('button', { name: '나머지 다시 시도' }).click();
    await expect(runCard(page)).toHaveAttribute('data-phase', 'done');
    const keys = sandbox.state.listAccessKeys('jung.dropped');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.accessKeyId).not.toBe(orphan);

    ports.dialogs.queueSave(join(home.home, 'jung.invite.age'));
    await page.getByRole('button', { name: '초대 파일 저장…' }).click();
    const password = (await page.getByTestId('temporary-password').textContent())!.trim();
    const invite = await decryptInvite(new Uint8Array(readFileSync(join(home.home, 'jung.invite.age'))), password, Date.now());
    expect(invite.accessKeyId).toBe(keys[0]!.accessKeyId);
  });
});
