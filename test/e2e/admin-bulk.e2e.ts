import AxeBuilder from '@axe-core/playwright';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { armor, Decrypter } from 'age-encryption';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BulkJournal } from '../../electron/admin/bulk/journal';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { createNodePorts, type NodePorts } from '../../electron/platform/node-ports';
import type { BrowserShell, BrowserShellOptions } from '../../scripts/browser-shell/launch-browser-shell';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import type { InvitePayload } from '../../src/shared/invites/invite-schema';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { openWizard, passwordMfaAndProof, signInWithInvite } from './support/onboarding-flow';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';
import { signInAdminWithKeys } from './support/admin-flow';

let sandbox: Sandbox;
let policyArn: string;

test.beforeAll(async () => {
  sandbox = await startSandbox();
  policyArn = sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
  sandbox.scenario.createGroup('developers');
  sandbox.scenario.createGroup('team-platform');
});
test.afterAll(async () => {
  await sandbox?.stop();
});
test.afterEach(() => sandbox.faults.clear());

type LaunchApp = (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>;
type Home = ReturnType<typeof tempHome>;

const launch = (launchApp: LaunchApp, home: Home, ports: NodePorts) =>
  launchApp({ env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile }, locale: 'ko-KR', ports });

/** Start → "Administer users" → typed access keys → the Bulk tab. */
async function signInAndOpenBulk(page: Page) {
  await signInAdminWithKeys(page, sandbox.admin, 'bulk');
  await expect(page.locator('.admin-bulk h2')).toBeVisible();
}

const csv = (rows: string[]) => ['userName,email,groups,tags', ...rows].join('\r\n') + '\r\n';
const goodRow = (name: string, i: number) => `${name},${name}@example.com,developers|team-platform,team=platform|seq=${i}`;
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
const userNames = () => sandbox.state.listUsers().map((u) => u.userName).sort();
const run = (page: Page) => page.locator('.bulk-run');

/** "Copy password" for one user, read back from the clipboard as the admin would paste it. */
async function copiedPassword(page: Page, ports: NodePorts, name: string): Promise<string> {
  await page.getByRole('button', { name: `${name}의 임시 비밀번호 복사` }).click();
  await expect(page.getByText(`${name}의 비밀번호를 복사했습니다`)).toBeVisible();
  return ports.clipboard.read();
}

async function openInvite(folder: string, name: string, password: string): Promise<InvitePayload> {
  return decryptInvite(new Uint8Array(readFileSync(join(folder, `${name}.invite.age`))), password, Date.now());
}

/** Every file under a folder, as text, to look for secrets. */
const everything = (dir: string): string =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((p) => readFileSync(p).toString('latin1'))
    .join('\n');

test.describe('admin: bulk provisioning from CSV', () => {
  test('every problem of the file at once and nothing created; the fixed file creates 25 users whose invites open with the copied passwords', async ({ launchApp }) => {
    sandbox.scenario.newUser({ userName: 'already.here' });
    const home = tempHome();
    const ports = createNodePorts({ userData: home.userData, home: home.home });
    const { page } = await launch(launchApp, home, ports);
    await signInAndOpenBulk(page);

    const good = names('bulk.user', 25);
    const file = join(home.home, 'new-hires.csv');
    // 25 rows, 4 of them bad: a Hangul name, a duplicate, an unknown group, a user who already exists.
    const bad = [...good.slice(0, 21).map(goodRow), '김민지,minji@example.com,developers,', goodRow('bulk.user05', 99), 'bulk.user23,u23@example.com,no-such-group,', 'already.here,,,'];
    writeFileSync(file, csv(bad));
    const before = userNames();
    const calls = sandbox.requestLog.length;
    ports.dialogs.queueOpen(file);
    await page.getByRole('button', { name: 'CSV 파일 선택…' }).click();
    await expect(page.getByTestId('bulk-file-summary')).toContainText('new-hires.csv: 사용자 25명');
    const problems = page.locator('.bulk-problems tbody tr');
    await expect(problems).toHaveCount(4);
    await expect(page.locator('.bulk-problems tr[data-code="userName.invalidCharacters"]')).toContainText("사용자 이름에는 '김', '민', '지' 문자를 쓸 수 없습니다");
    await expect(page.locator('.bulk-problems tr[data-code="duplicateInFile"]')).toContainText('6번째 줄과 같은 이름입니다');
    await expect(page.locator('.bulk-problems tr[data-code="unknownGroup"]')).toContainText("'no-such-group' 그룹이 이 계정에 없습니다");
    await expect(page.locator('.bulk-problems tr[data-code="alreadyExists"]')).toContainText('already.here');
    await expect(page.getByRole('button', { name: /명 만들기…$/ })).toHaveCount(0);
    await page.screenshot({ path: `${ARTIFACTS}admin-bulk-problems-ko.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).include('.admin-bulk').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    // Checked, not created: only reads reached IAM.
    expect(userNames()).toEqual(before);
    const actions = new Set(sandbox.requestLog.slice(calls).map((e) => e.action));
    expect([...actions].filter((a) => !/^(Get|List|Describe)/.test(a))).toEqual([]); // reads only (the readiness rows describe security groups)

    // The admin fixes the file and imports it again.
    writeFileSync(file, csv(good.map(goodRow)));
    await page.getByRole('button', { name: '고친 파일 다시 불러오기' }).click();
    await expect(page.getByText('문제가 없습니다. 사용자 25명을 만들 수 있습니다.')).toBeVisible();
    const out = join(home.home, 'invites');
    mkdirSync(out);
    ports.dialogs.queueFolder(out);
    await page.getByRole('button', { name: '폴더를 골라 25명 만들기…' }).click();
    await expect(run(page)).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('bulk-counts')).toContainText('25명 중 25명 완료 · 실패 0명');
    await expect(page.locator('#bulk-progress')).toHaveAttribute('value', '25');
    await page.screenshot({ path: `${ARTIFACTS}admin-bulk-done-ko.png`, fullPage: true });

    // The account: 25 new users, each with its policy, groups, tags, login profile and one key.
    expect(userNames()).toEqual([...before, ...good].sort());
    for (const [i, name] of good.entries()) {
      // The CSV's tags, plus the onboarding window the run opened (its end is the invite's).
      expect(sandbox.state.getUser(name)!.tags).toEqual({ team: 'platform', seq: String(i), email: `${name}@example.com`, 'iam-onboarding-window': expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(sandbox.state.listUserPolicies(name).map((p) => p.policyName)).toEqual(['IamOnboardingInviteExpiry']);
      expect(sandbox.state.listAttachedUserPolicies(name).map((p) => p.policyArn)).toEqual([policyArn]);
      expect(sandbox.state.listGroupsForUser(name).sort()).toEqual(['developers', 'team-platform']);
      expect(sandbox.state.getLoginProfile(name)?.passwordResetRequired).toBe(true);
      expect(sandbox.state.listAccessKeys(name)).toHaveLength(1);
    }
    // 25 invites, each opening with the password copied from the screen, holding the user's key.
    expect(readdirSync(out).filter((f) => f.endsWith('.invite.age'))).toHaveLength(25);
    const passwords = new Map<string, string>();
    for (const name of good) {
      const pw = await copiedPassword(page, ports, name);
      expect(sandbox.state.checkPassword(name, pw)).toBe(true);
      const invite = await openInvite(out, name, pw);
      expect(invite.accessKeyId).toBe(sandbox.state.listAccessKeys(name)[0]!.accessKeyId);
      passwords.set(name, pw);
      if (name === good[0]) {
        const sts = new STSClient({ endpoint: sandbox.url, region: sandbox.region, credentials: { accessKeyId: invite.accessKeyId, secretAccessKey: invite.secretAccessKey } });
        expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(sandbox.state.getUser(name)!.arn);
        sts.destroy();
      }
    }
    // The summary next to the invites: every user created, no secrets.
    const summary = readFileSync(readdirSync(out).map((f) => join(out, f)).find((p) => p.includes('bulk-summary-'))!, 'utf8');
    expect(summary).toContain('"bulk.user17","created","bulk.user17.invite.age",""');
    for (const pw of passwords.values()) expect(summary).not.toContain(pw);

    // The password sheet: age with the admin's passphrase (typed twice).
    const sheet = join(home.home, 'passwords.csv.age');
    await page.locator('#bulk-pass').fill('correct horse battery');
    await page.locator('#bulk-pass-again').fill('correct horse batterY');
    await page.getByRole('button', { name: '비밀번호 목록 저장…' }).click();
    await expect(page.getByText('두 암호가 다릅니다.')).toBeVisible();
    await page.locator('#bulk-pass-again').fill('correct horse battery');
    ports.dialogs.queueSave(sheet);
    await page.getByRole('button', { name: '비밀번호 목록 저장…' }).click();
    await expect(page.getByTestId('bulk-sheet-saved')).toContainText('25명의 비밀번호를');
    const d = new Decrypter();
    d.addPassphrase('correct horse battery');
    const sheetText = new TextDecoder().decode(await d.decrypt(armor.decode(readFileSync(sheet, 'utf8'))));
    for (const [name, pw] of passwords) expect(sheetText).toContain(`"${name}","${pw}"`);

    // Nothing under userData holds a password in plain text; closing the run deletes its key.
    const stored = everything(home.userData);
    for (const pw of passwords.values()) expect(stored).not.toContain(pw);
    await page.getByRole('button', { name: '실행 마치기' }).click();
    // Finishing ends access to the passwords: asked first.
    await page.getByTestId('finish-run-confirm').getByRole('button', { name: '마치고 키 지우기' }).click();
    await expect(page.getByText('실행을 마쳤습니다.')).toBeVisible();
    expect(readdirSync(join(home.userData, 'bulk-runs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('run-key.bin'))).toEqual([]);
  });

  test('a run killed half-way resumes from the journal: every user once, one key each, every invite opens (one through the wizard)', async ({ launchApp }) => {
    test.setTimeout(180_000);
    const home = tempHome();
    // One ports object across both launches: the OS keychain (safeStorage) survives a restart.
    const ports = createNodePorts({ userData: home.userData, home: home.home });
    const first = await launch(launchApp, home, ports);
    await signInAndOpenBulk(first.page);
    const list = names('crash.user', 20);
    const file = join(home.home, 'hires.csv');
    writeFileSync(file, csv(list.map(goodRow)));
    ports.dialogs.queueOpen(file);
    await first.page.getByRole('button', { name: 'CSV 파일 선택…' }).click();
    const out = join(home.home, 'out');
    mkdirSync(out);
    ports.dialogs.queueFolder(out);
    sandbox.faults.set('CreateAccessKey', { latencyMs: 150 });
    await first.page.getByRole('button', { name: '폴더를 골라 20명 만들기…' }).click();
    // "Half-way" by the keys IAM has answered, not by the screen, which lags on a loaded machine (by then
    // the run could be over): 5 answered, at most 4 in flight, so most users still meet the lost answers.
    const keysAnswered = () => sandbox.requestLog.filter((e) => e.action === 'CreateAccessKey' && e.status === 200).length;
    await expect.poll(keysAnswered, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(5);

    // Lost answers: the keys are made, their secrets never arrive. Then the process "dies".
    const mark = sandbox.requestLog.length;
    sandbox.faults.set('CreateAccessKey', { latencyMs: 150, drop: { times: 3, after: true } });
    await expect(first.page.locator('.bulk-users tr[data-status="done"]').nth(4)).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => sandbox.requestLog.slice(mark).filter((e) => e.errorCode === 'ConnectionDropped').length, { timeout: 20_000 }).toBe(3);
    const doneBefore = await first.page.locator('.bulk-users tr[data-status="done"]').count();
    await first.deps.lifecycle.lock('flowEnded');
    await first.close();
    await new Promise((r) => setTimeout(r, 400)); // requests already at the server land, as they would at a crash
    sandbox.faults.clear();
    // The invites the journal says were written before the crash.
    const runDir = join(home.userData, 'bulk-runs', readdirSync(join(home.userData, 'bulk-runs'))[0]!);
    const journal = BulkJournal.open(join(runDir, 'journal.jsonl'));
    const written = list.filter((n) => journal.of(n).done.has('writeInvite'));
    expect(list.some((n) => journal.of(n).inFlight !== null)).toBe(true);
    journal.close();
    const invitesBefore = new Map(written.map((n) => [`${n}.invite.age`, readFileSync(join(out, `${n}.invite.age`))]));
    expect(doneBefore).toBeLessThan(20);

    const second = await launch(launchApp, home, ports);
    const page = second.page;
    await signInAndOpenBulk(page);
    const saved = page.locator('.bulk-saved li');
    await expect(saved).toHaveCount(1);
    await expect(saved).toContainText(/20명 중 \d+명 완료/);
    await page.screenshot({ path: `${ARTIFACTS}admin-bulk-resume-ko.png`, fullPage: true });
    await saved.getByRole('button', { name: '이어서 하기' }).click();
    await expect(run(page)).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('bulk-counts')).toContainText('20명 중 20명 완료 · 실패 0명');
    await expect(page.locator('.notice', { hasText: '새 비밀번호' })).toHaveCount(0);

    // Every user exactly once, with exactly one key: the one in its invite.
    const all = sandbox.state.listUsers().map((u) => u.userName);
    for (const name of list) expect(all.filter((n) => n === name)).toHaveLength(1);
    const secrets: string[] = [];
    const passwords = new Map<string, string>();
    for (const name of list) {
      const pw = await copiedPassword(page, ports, name);
      const invite = await openInvite(out, name, pw);
      expect(sandbox.state.listAccessKeys(name).map((k) => k.accessKeyId)).toEqual([invite.accessKeyId]);
      expect(sandbox.state.checkPassword(name, pw)).toBe(true);
      secrets.push(pw, invite.secretAccessKey);
      passwords.set(name, pw);
    }
    // Users finished before the crash kept their invite and password (the sealed copy in the journal).
    expect(invitesBefore.size).toBeGreaterThan(0);
    for (const [f, bytes] of invitesBefore) expect(readFileSync(join(out, f)).equals(bytes)).toBe(true);
    // The journal and everything else under userData: no password, no secret key.
    const stored = everything(home.userData);
    expect(stored).toContain('"status":"started"');
    for (const s of secrets) expect(stored).not.toContain(s);

    // One of the pre-crash invites, opened by the new employee in the wizard.
    const [firstInvite] = [...invitesBefore.keys()];
    const who = firstInvite!.replace('.invite.age', '');
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    await signInWithInvite(app, join(out, firstInvite!), passwords.get(who)!);
    await expect(app.page.getByTestId('onboarding-identity')).toContainText(who);
    await passwordMfaAndProof(app, 'Quiet-Meadow-Compass-77');
    expect(sandbox.state.listMfaDevices(who)).toHaveLength(1);
    expect(sandbox.state.checkPassword(who, 'Quiet-Meadow-Compass-77')).toBe(true);
    expect(existsSync(join(home.userData, 'bulk-runs'))).toBe(true);
  });
});
