import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodePorts, type NodePorts } from '../../electron/platform/node-ports';
import { readFileSync } from 'node:fs';
import type koBulk from '../../src/i18n/ko/admin-bulk.json';
import type koAdminText from '../../src/i18n/ko/admin.json';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { signInAdminWithKeys } from './support/admin-flow';
import { expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';

/**
 * A Linux desktop without a keyring (safeStorage's basic_text backend): the bulk page says why it
 * needs a passphrase, seals the run key to it, and after a crash asks for it again; the SSO sign-in
 * says its client registration is not kept. Everything through the UI, ending on disk and in IAM.
 */
const text = <T>(name: string) => JSON.parse(readFileSync(new URL(`../../src/i18n/ko/${name}.json`, import.meta.url), 'utf8')) as T;
const ko = text<typeof koBulk>('admin-bulk');
const koAdmin = text<typeof koAdminText>('admin');

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
  sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
});
test.afterAll(async () => sandbox.stop());

test('weak keychain: the run key is sealed to the passphrase the admin types, and resuming after a crash asks for it', async ({ launchApp }) => {
  const home = tempHome();
  const ports = (): NodePorts => createNodePorts({ userData: home.userData, home: home.home }, { secretProtection: 'weak' });
  const env = { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile };
  const first = ports();
  const app = await launchApp({ env, ports: first, locale: 'ko-KR' });
  const { page } = app;

  await page.getByTestId('job-admin').click();
  await page.locator('input[name="admin-method"][value="sso"]').check();
  await expect(page.getByTestId('sso-no-cache')).toHaveText(koAdmin.sso.noCache);
  await page.goto(page.url());
  await signInAdminWithKeys(page, sandbox.admin, 'bulk');

  const csv = join(home.home, 'hires.csv');
  writeFileSync(csv, 'userName\nkey.one\nkey.two\n');
  first.dialogs.queueOpen(csv);
  await page.getByRole('button', { name: ko.chooseFile }).click();
  const fields = page.getByTestId('bulk-key-passphrase');
  await expect(fields).toContainText(ko.keyProtection.weak);
  const start = page.getByRole('button', { name: '폴더를 골라 2명 만들기…' });
  await start.click();
  // Each problem under the field it is about, with focus on that field.
  await expect(fields.locator('.field-error')).toHaveText(ko.keyProtection.tooShort.replace('{{min}}', '12'));
  await expect(page.locator('#bulk-key-pass')).toBeFocused();
  await page.locator('#bulk-key-pass').fill('a long passphrase');
  await page.locator('#bulk-key-again').fill('a long passphrasf');
  await start.click();
  await expect(fields.locator('.field-error')).toHaveText(ko.keyProtection.mismatch);
  await expect(page.locator('#bulk-key-again')).toBeFocused();
  await page.locator('#bulk-key-again').fill('a long passphrase');
  const out = join(home.home, 'invites');
  mkdirSync(out);
  first.dialogs.queueFolder(out);
  await start.click();
  await expect(page.locator('.bulk-run')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  const [runId] = readdirSync(join(home.userData, 'bulk-runs'));
  expect(existsSync(join(home.userData, 'bulk-runs', runId!, 'run-key.age'))).toBe(true);
  expect(existsSync(join(home.userData, 'bulk-runs', runId!, 'run-key.bin'))).toBe(false);
  await app.close();

  // The computer restarts: a new app, the same disk.
  const second = ports();
  const again = await launchApp({ env, ports: second, locale: 'ko-KR' });
  await signInAdminWithKeys(again.page, sandbox.admin, 'bulk');
  const saved = again.page.getByTestId(`saved-run-${runId}`);
  await expect(saved).toContainText(ko.savedKey.hint);
  await saved.getByLabel(ko.savedKey.label).fill('not the passphrase');
  await saved.getByRole('button', { name: ko.saved.resume, exact: true }).click();
  await expect(again.page.getByText(ko.errors.passphraseWrong)).toBeVisible();
  // Under the passphrase field, which has focus (and only there: not repeated at the top of the page).
  await expect(saved.locator('.field-error')).toHaveText(ko.errors.passphraseWrong);
  await expect(saved.getByLabel(ko.savedKey.label)).toBeFocused();
  await expect(again.page.getByText(ko.errors.passphraseWrong)).toHaveCount(1);
  await saved.getByLabel(ko.savedKey.label).fill('a long passphrase');
  await saved.getByRole('button', { name: ko.saved.resume, exact: true }).click();
  await expect(again.page.locator('.bulk-run')).toBeVisible();
  await again.page.getByRole('button', { name: 'key.one의 임시 비밀번호 복사' }).click();
  // The password unsealed after the restart is the one IAM has for the user.
  await expect.poll(() => second.clipboard.read()).not.toBe('');
  expect(second.clipboard.concealed()).toBe(true);
  expect(sandbox.state.checkPassword('key.one', second.clipboard.read())).toBe(true);
});
