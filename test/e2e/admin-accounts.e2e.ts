import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createNodePorts } from '../../electron/platform/node-ports';
import type enAccounts from '../../src/i18n/en/admin-accounts.json';
import type enBulk from '../../src/i18n/en/admin-bulk.json';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { createUserWithInviteThroughUi, signInAdminWithKeys } from './support/admin-flow';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { openWizard, passwordMfaAndProof, signInWithInvite } from './support/onboarding-flow';
import { tempHome } from './support/temp-home';

const PROD = '222233334444';
const STAGING = '333344445555';
const ROLE = 'OrganizationAccountAccessRole';

type Lang = 'ko' | 'en';
const load = <T>(lang: Lang, ns: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/i18n/${lang}/${ns}.json`, import.meta.url)), 'utf8')) as T;
/** The screens' own words, so the test finds controls the way a person reads them. */
const TEXT = (lang: Lang) => ({ accounts: load<typeof enAccounts>(lang, 'admin-accounts'), bulk: load<typeof enBulk>(lang, 'admin-bulk') });
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-mgmt' });
  sandbox.scenario.createOrganization({
    members: [
      { accountId: PROD, name: 'Production', alias: 'acme-prod' },
      { accountId: STAGING, name: 'Staging', alias: 'acme-staging' },
    ],
  });
  sandbox.account(PROD).scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
});
test.afterEach(async () => sandbox.stop());

/** Header → "Switch account" → "Work here" on Production: the header then names Production and the role. */
async function switchToProduction(page: Page, lang: Lang) {
  const t = TEXT(lang).accounts;
  await expect(page.getByTestId('admin-identity')).toContainText(sandbox.accountId);
  await page.getByTestId('account-switch').click();
  await expect(page.getByTestId(`account-row-${PROD}`)).toContainText('Production');
  await page.getByRole('button', { name: fill(t.switcher.switchTo, { account: `Production (${PROD})` }) }).click();
  await expect(page.getByTestId('admin-identity')).toContainText(PROD);
  await expect(page.getByTestId('account-role')).toContainText(ROLE);
  await expect(page.getByTestId('account-back')).toContainText(sandbox.accountId);
  // The new account's screens start afresh on its readiness page; the list marks the account in use.
  await expect(page.getByTestId('admin-tab-readiness')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('admin-tab-accounts').click();
  await expect(page.getByTestId(`account-row-${PROD}`)).toHaveAttribute('aria-current', 'true');
}

/** "All accounts" → check: every account's row; one cell of Staging fixed (plan, then apply, then yes). */
async function fixStagingCell(page: Page, lang: Lang, check: 'passwordPolicy' | 'enforcementPolicy') {
  const t = TEXT(lang).accounts;
  await page.getByTestId('admin-tab-accountsReadiness').click();
  await page.getByTestId('matrix-run').click();
  for (const id of [sandbox.accountId, PROD, STAGING]) await expect(page.getByTestId(`matrix-row-${id}`)).toBeVisible();
  await expect(page.getByTestId('matrix-run')).toBeEnabled();
  const cell = page.getByTestId(`cell-${STAGING}-${check}`);
  await expect(cell).toHaveAttribute('data-status', 'fail');
  await expect(page.getByTestId(`cell-${PROD}-enforcementPolicy`)).toHaveAttribute('data-status', 'ok');
  await cell.click();
  const detail = page.getByTestId('cell-detail');
  const account = `Staging (${STAGING})`;
  await expect(detail).toContainText(fill(t.matrix.detail.title, { check: t.matrix.checks[check], account }));
  await detail.getByRole('button', { name: t.matrix.detail.plan }).click();
  await expect(detail.getByTestId('fix-plan')).toBeVisible();
  await detail.getByRole('button', { name: fill(t.matrix.detail.apply, { account }) }).click();
  await expect(detail.getByRole('alertdialog')).toContainText(account);
  // Shown, not yet applied.
  if (check === 'passwordPolicy') expect(sandbox.account(STAGING).state.getAccountPasswordPolicy()).toBeUndefined();
  else expect(sandbox.account(STAGING).state.findPolicyByName(ENFORCEMENT_POLICY_NAME)).toBeUndefined();
  await detail.getByRole('button', { name: t.matrix.detail.confirmYes }).click();
  await expect(cell).toHaveAttribute('data-status', 'ok');
  await expect(detail).toContainText(fill(t.matrix.detail.applied, { account }));
}

test('(ko) one sign-in: switch to Production, fix Staging\'s password policy from the matrix, provision into Production; the new hire onboards with that invite', async ({ launchApp }) => {
  const home = tempHome();
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const admin = await launchApp({ env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile }, locale: 'ko-KR', ports });
  const page = admin.page;
  await signInAdminWithKeys(page, sandbox.admin);
  await switchToProduction(page, 'ko');

  await fixStagingCell(page, 'ko', 'passwordPolicy');
  expect(sandbox.account(STAGING).state.getAccountPasswordPolicy()).toMatchObject({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 });
  expect(sandbox.account(PROD).state.getAccountPasswordPolicy()).toBeUndefined();
  expect(sandbox.state.getAccountPasswordPolicy()).toBeUndefined();
  await page.screenshot({ path: `${ARTIFACTS}admin-accounts-matrix-ko.png`, fullPage: true });

  // Provisioning happens in the account in use (Production), said above the form.
  await page.getByTestId('admin-tab-users').click();
  await expect(page.getByTestId('account-note')).toContainText(PROD);
  const invitePath = join(home.home, 'han.prod.invite.age');
  const password = await createUserWithInviteThroughUi(page, ports.dialogs, { userName: 'han.prod', groups: [], invitePath });
  expect(sandbox.account(PROD).state.getUser('han.prod')).toBeDefined();
  for (const id of sandbox.accountIds().filter((x) => x !== PROD)) expect(sandbox.account(id).state.getUser('han.prod')).toBeUndefined();

  // One click back to the management account.
  await page.getByTestId('account-back').click();
  await expect(page.getByTestId('account-role')).toHaveCount(0);
  await expect(page.getByTestId('admin-identity')).toContainText(sandbox.accountId);

  // The new hire, on their own machine, with only the invite and the password: onboarding in Production.
  const hire = await openWizard(launchApp, sandbox, { lang: 'ko' });
  await signInWithInvite(hire, invitePath, password);
  await expect(hire.page.getByTestId('onboarding-identity')).toContainText(PROD);
  await passwordMfaAndProof(hire, 'Quiet-Harbor-Lantern-58');
  await hire.page.getByRole('button', { name: hire.text.finish.submitDelete }).click();
  await expect(hire.page.getByTestId('step-done')).toBeVisible();
  expect(sandbox.account(PROD).state.getLoginProfile('han.prod')?.passwordResetRequired).toBe(false);
  expect(sandbox.account(PROD).state.listMfaDevices('han.prod')).toHaveLength(1);
});

test('(en) fix Staging\'s MFA policy from the matrix, then a CSV whose account column sends users to Staging: the preview says where, they exist only there, and a Staging hire onboards with their invite', async ({ launchApp }) => {
  const t = TEXT('en');
  const home = tempHome();
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const { page } = await launchApp({ env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile }, locale: 'en-US', ports });
  await signInAdminWithKeys(page, sandbox.admin);
  await switchToProduction(page, 'en');
  await fixStagingCell(page, 'en', 'enforcementPolicy');

  const file = join(home.home, 'hires.csv');
  writeFileSync(file, ['userName,email,account', 'stage.one,,Staging', `stage.two,,${STAGING}`, 'prod.one,,'].join('\r\n') + '\r\n');
  await page.getByTestId('admin-tab-bulk').click();
  ports.dialogs.queueOpen(file);
  await page.getByRole('button', { name: t.bulk.chooseFile }).click();
  await expect(page.getByText(fill(t.bulk.file.ready_other, { count: 3 }))).toBeVisible();
  const where = page.getByTestId('bulk-accounts');
  await expect(where.locator(`[data-account="${STAGING}"]`)).toContainText(`Staging (${STAGING})`);
  await expect(where.locator(`[data-account="${STAGING}"]`)).toContainText('2');
  await expect(where.locator(`[data-account="${PROD}"]`)).toContainText(`Production (${PROD})`);
  await expect(page.getByRole('columnheader', { name: t.bulk.file.account })).toBeVisible();
  await expect(page.locator(`td[data-account="${STAGING}"]`)).toHaveCount(2);
  await page.screenshot({ path: `${ARTIFACTS}admin-accounts-bulk-preview-en.png`, fullPage: true });

  const out = join(home.home, 'invites');
  mkdirSync(out);
  ports.dialogs.queueFolder(out);
  await page.getByRole('button', { name: fill(t.bulk.options.start_other, { count: 3 }) }).click();
  await expect(page.locator('.bulk-run')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect(sandbox.account(STAGING).state.listUsers().map((u) => u.userName).sort()).toEqual(['stage.one', 'stage.two']);
  expect(sandbox.account(PROD).state.listUsers().map((u) => u.userName)).toEqual(['prod.one']);
  expect(sandbox.state.listUsers().map((u) => u.userName)).not.toContain('stage.one');
  // The Staging users carry the policy the matrix created there.
  expect(sandbox.account(STAGING).state.listAttachedUserPolicies('stage.one').map((p) => p.policyArn)).toEqual([`arn:aws:iam::${STAGING}:policy/${ENFORCEMENT_POLICY_NAME}`]);

  // The Staging hire, on their own machine, in English: the password read off the screen, the invite from the folder.
  await page.getByRole('button', { name: fill(t.bulk.handoff.revealLabel, { userName: 'stage.one' }) }).click();
  const password = (await page.getByTestId('revealed-stage.one').textContent())!.trim();
  expect(sandbox.account(STAGING).state.checkPassword('stage.one', password)).toBe(true);
  const hire = await openWizard(launchApp, sandbox, { lang: 'en' });
  await signInWithInvite(hire, join(out, 'stage.one.invite.age'), password);
  await expect(hire.page.getByTestId('onboarding-identity')).toContainText(STAGING);
  await passwordMfaAndProof(hire, 'Amber-Canyon-Ledger-42');
  await hire.page.getByRole('button', { name: hire.text.finish.submitDelete }).click();
  await expect(hire.page.getByTestId('step-done')).toBeVisible();
  expect(sandbox.account(STAGING).state.getLoginProfile('stage.one')?.passwordResetRequired).toBe(false);
  expect(sandbox.account(STAGING).state.listMfaDevices('stage.one')).toHaveLength(1);
  expect(sandbox.account(STAGING).state.listAccessKeys('stage.one')).toEqual([]);
});
