import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { createNodePorts } from '../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { createEnforcementPolicyThroughUi, signInAdminWithKeys } from './support/admin-flow';
import { expect, test } from './support/fixtures';
import { TEXT } from './support/onboarding-flow';
import { tempHome } from './support/temp-home';

/**
 * The preview (`npm run preview`, and `npm start` where Electron cannot be fetched) with its real
 * dialogs, not the scripted ones: a file is chosen in Chromium's own file chooser, a save and a
 * folder are chosen in the preview's dialog over the real folders. Each ends on the file system.
 */
let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox();
});
test.afterEach(async () => sandbox.stop());

function previewApp(launchApp: Parameters<Parameters<typeof test>[2]>[0]['launchApp']) {
  const home = tempHome();
  // The person's own folders, where the dialogs start.
  const person = join(home.home, 'person');
  mkdirSync(join(person, 'Documents'), { recursive: true });
  mkdirSync(join(person, 'Invites'), { recursive: true });
  const stageDir = join(home.home, 'opened-files');
  return {
    person,
    stageDir,
    launch: () =>
      launchApp({
        env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
        ports: createNodePorts({ userData: home.userData, home: home.home }),
        // As in the preview: its own temporary home (here the test's) is never where a save starts.
        browserDialogs: { stageDir, startDir: person, avoidDir: home.home },
      }),
  };
}

test('an invite saved where the person chose, then opened through Chromium\'s file chooser, signs the new employee in', async ({ launchApp }) => {
  const app = previewApp(launchApp);
  const { page } = await app.launch();
  await signInAdminWithKeys(page, sandbox.admin);
  await createEnforcementPolicyThroughUi(page);
  await page.getByTestId('admin-tab-users').click();
  await page.locator('#cu-name').fill('kim.preview');
  await page.getByRole('button', { name: '사용자 만들기' }).click();
  await expect(page.locator('.provision-run')).toHaveAttribute('data-phase', 'done');

  // Save: the preview's dialog, starting in the person's home; into Documents, the suggested name.
  await page.getByRole('button', { name: '초대 파일 저장…' }).click();
  const dialog = page.getByTestId('preview-file-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('#preview-dialog-path')).toHaveValue(app.person);
  await dialog.locator('button[data-folder="Documents"]').click();
  await expect(dialog.locator('#preview-dialog-path')).toHaveValue(join(app.person, 'Documents'));
  const name = await dialog.locator('#preview-dialog-name').inputValue();
  expect(name).toMatch(/^kim\.preview.*\.age$/);
  await dialog.getByRole('button', { name: '저장' }).click();
  const saved = join(app.person, 'Documents', name);
  await expect(page.getByTestId('invite-saved')).toContainText(saved);
  const password = (await page.getByTestId('temporary-password').textContent())!.trim();
  expect(statSync(saved).mode & 0o777).toBe(0o600);
  expect((await decryptInvite(readFileSync(saved), password, Date.now())).userName).toBe('kim.preview');

  // A second save to the same place asks before replacing.
  await page.getByRole('button', { name: '다른 위치에 한 번 더 저장…' }).click();
  await dialog.locator('button[data-folder="Documents"]').click();
  await dialog.getByRole('button', { name: '저장' }).click();
  await expect(dialog.getByRole('alert')).toContainText(name);
  await dialog.getByRole('button', { name: '바꾸기' }).click();
  await expect(dialog).toBeHidden();

  // Open: the new employee chooses that file in Chromium's own file chooser.
  await page.goto(page.url());
  await page.getByTestId('job-onboarding').click();
  const text = TEXT.ko;
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: text.signIn.chooseFile }).click()]);
  expect(chooser.isMultiple()).toBe(false);
  await chooser.setFiles(saved);
  await expect(page.getByTestId('invite-file-name')).toContainText(name);
  await page.getByLabel(text.signIn.temporaryPassword, { exact: true }).fill(password);
  const mark = sandbox.requestLog.length;
  await page.getByRole('button', { name: text.signIn.submit, exact: true }).click();
  await expect(page.getByTestId('step-password')).toBeVisible();
  // It reached AWS as the invited user, with the key from the file the person picked.
  expect(sandbox.requestLog.slice(mark).some((e) => e.action === 'GetCallerIdentity' && e.caller === 'kim.preview')).toBe(true);
  // The handler read a private copy; the original was not touched.
  const copies = readdirSync(app.stageDir).flatMap((d) => readdirSync(join(app.stageDir, d)).map((f) => join(app.stageDir, d, f)));
  expect(copies.map((c) => statSync(c).mode & 0o777)).toEqual([0o600]);
});

test('bulk: the CSV from Chromium\'s file chooser, the invite folder from the preview\'s folder dialog', async ({ launchApp }) => {
  const app = previewApp(launchApp);
  const { page } = await app.launch();
  await signInAdminWithKeys(page, sandbox.admin);
  await createEnforcementPolicyThroughUi(page);
  await page.getByTestId('admin-tab-bulk').click();
  const csv = join(app.person, 'Documents', 'new-hires.csv');
  writeFileSync(csv, 'userName,email\nbulk.preview1,a@example.com\nbulk.preview2,b@example.com\n');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'CSV 파일 선택…' }).click()]);
  await chooser.setFiles(csv);
  await page.getByRole('button', { name: '폴더를 골라 2명 만들기…' }).click();
  const dialog = page.getByTestId('preview-file-dialog');
  await dialog.locator('button[data-folder="Invites"]').click();
  await dialog.getByRole('button', { name: '이 폴더 선택' }).click();
  await expect(page.locator('.bulk-users tr[data-status="done"]')).toHaveCount(2, { timeout: 30_000 });
  const written = readdirSync(join(app.person, 'Invites')).filter((f) => f.endsWith('.age')).sort();
  expect(written).toHaveLength(2);
  expect(written[0]).toMatch(/^bulk\.preview1/);
});

test('npm run preview renders, and removes its demo invite and everything else it made when it exits', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const shot = join(mkdtempSync(join(tmpdir(), 'preview-shot-')), 'start.png');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/browser-shell/preview.ts', '--headless', '--screenshot', shot], {
    cwd: root,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, DISPLAY: '' },
  });
  expect(run.status, run.stderr).toBe(0);
  const invite = /invite (\S+\.age),/.exec(run.stderr)?.[1];
  expect(invite, run.stderr).toBeTruthy();
  expect(statSync(shot).size).toBeGreaterThan(10_000);
  expect(existsSync(invite!)).toBe(false);
  expect(existsSync(dirname(invite!))).toBe(false);
});
