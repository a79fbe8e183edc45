import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode, twoConsecutiveCodes } from './support/oathtool';
import {
  awaitNextWindow,
  awaitWindowWithAtLeast,
  openWizard,
  passwordMfaAndProof,
  scanQr,
  signInWithInvite,
  typeTwoCodes,
} from './support/onboarding-flow';
import { writeInviteFile } from './support/onboarding-invite';
import { fakeAccessKeyId } from '../support/fake-keys';

const NEW_PASSWORD = 'Blue-Harbor-Lantern-42';

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

test.describe('onboarding wizard: the whole flow, as a person with a phone', () => {
  test('invite → new password → QR scanned and two codes → fresh code → bootstrap key deleted (Korean)', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    const { page, text } = app;
    const invite = await writeInviteFile(app.home.home, sandbox, user);
    await page.screenshot({ path: `${ARTIFACTS}onboarding-1-sign-in-ko.png`, fullPage: true });
    const axe1 = await new AxeBuilder({ page }).analyze();
    expect(axe1.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await signInWithInvite(app, invite, user.password);
    await expect(page.getByTestId('onboarding-identity')).toHaveText(`acme-prod(${sandbox.accountId}) 계정의 jdoe 사용자로 진행합니다.`);
    await expect(page.getByTestId('policy-source')).toHaveAttribute('data-source', 'awsDefaultUnset');
    await page.getByLabel(text.password.newPassword, { exact: true }).fill('short');
    await expect(page.locator('[data-rule="minLength"]')).toHaveAttribute('data-ok', 'false');
    await page.getByLabel(text.password.newPassword, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(text.password.confirm, { exact: true }).fill(NEW_PASSWORD);
    await expect(page.locator('[data-rule="minLength"]')).toHaveAttribute('data-ok', 'true');
    await expect(page.getByTestId('strength')).not.toHaveAttribute('data-score', '');
    await page.screenshot({ path: `${ARTIFACTS}onboarding-2-password-ko.png`, fullPage: true });
    await page.getByRole('button', { name: text.password.submit }).click();

    await expect(page.getByTestId('step-mfa')).toBeVisible();
    const { uri, seed } = await scanQr(page);
    expect(uri).toMatch(/^otpauth:\/\/totp\/AWS%20acme-prod:jdoe\?secret=[A-Z2-7]+&issuer=AWS%20acme-prod/);
    await page.getByRole('button', { name: text.mfa.showKey }).click();
    // Shown in groups of four (spacing, not spaces: a selection copies the exact key).
    await expect(page.getByTestId('mfa-key')).toHaveText(seed);
    await expect(page.getByTestId('mfa-key').locator('.group')).toHaveText(seed.match(/.{1,4}/g)!);
    await expect(page.getByTestId('countdown')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}onboarding-3-mfa-ko.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await awaitWindowWithAtLeast(page, 4);
    const [c1, c2] = twoConsecutiveCodes(seed);
    await typeTwoCodes(app, c1, c2);

    await expect(page.getByTestId('step-prove')).toBeVisible();
    // The codes just used are spent: a person waits for the next one.
    await page.getByLabel(text.prove.code, { exact: true }).fill(c2);
    await page.getByRole('button', { name: text.prove.submit, exact: true }).click();
    await expect(page.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'onboarding.codeAlreadyUsed');
    await page.screenshot({ path: `${ARTIFACTS}onboarding-4-prove-ko.png`, fullPage: true });
    await awaitNextWindow(page);
    await page.getByLabel(text.prove.code, { exact: true }).fill(oathtoolCode(seed));
    await page.getByRole('button', { name: text.prove.submit, exact: true }).click();

    await expect(page.getByTestId('step-finish')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}onboarding-5-finish-ko.png`, fullPage: true });
    await page.getByRole('button', { name: text.finish.submitDelete }).click();
    await expect(page.getByTestId('step-done')).toBeVisible();
    await expect(page.getByTestId('console-url')).toHaveText('https://acme-prod.signin.aws.amazon.com/console');
    await page.screenshot({ path: `${ARTIFACTS}onboarding-6-done-ko.png`, fullPage: true });
    await page.getByRole('button', { name: text.finish.openConsole }).click();
    await expect.poll(() => app.ports.links.opened).toEqual(['https://acme-prod.signin.aws.amazon.com/console']);

    // The world: MFA enabled with the seed the QR carried, password changed, bootstrap key gone.
    const devices = sandbox.state.listMfaDevices('jdoe');
    expect(devices).toHaveLength(1);
    expect(sandbox.state.getVirtualMfaSeed(devices[0]!.serialNumber)).toBe(seed);
    expect(sandbox.state.listVirtualMfaDevices()).toHaveLength(1);
    expect(sandbox.state.getLoginProfile('jdoe')?.passwordResetRequired).toBe(false);
    expect(sandbox.state.checkPassword('jdoe', NEW_PASSWORD)).toBe(true);
    expect(sandbox.state.listAccessKeys('jdoe')).toEqual([]);
    expect(sandbox.state.listSessions().some((s) => s.principal.includes('jdoe') && s.mfaAuthenticated)).toBe(true);
    // No CLI access asked for: no AWS config file written.
    expect(existsSync(app.home.awsConfigFile)).toBe(false);
  });

  test('CLI access: the invite key is deleted, a fresh key kept by the app, a credential_process profile next to an existing one, no secret in the AWS files (English)', async ({
    launchApp,
  }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'en' });
    const { page, text } = app;
    // Someone already has a profile of the name the app would pick.
    const existingConfig = '[default]\nregion = eu-west-1\n\n[profile jdoe-acme-prod]\nregion = eu-west-1\n';
    writeFileSync(app.home.awsConfigFile, existingConfig);
    writeFileSync(app.home.awsCredentialsFile, `[default]\naws_access_key_id = ${fakeAccessKeyId('existing')}\naws_secret_access_key = existing\n`, { mode: 0o644 });

    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await expect(page.getByTestId('onboarding-identity')).toHaveText(`Signed in as jdoe in acme-prod (${sandbox.accountId}).`);
    await passwordMfaAndProof(app, NEW_PASSWORD);
    await page.getByLabel(text.finish.keepCli).check();
    await page.getByRole('button', { name: text.finish.submitKeep }).click();
    await expect(page.getByTestId('profile-written')).toContainText('“jdoe-acme-prod-2”');
    await expect(page.getByTestId('profile-written')).toContainText('A profile “jdoe-acme-prod” already existed');
    // No OS keychain outside Electron: the screen says where the key is, unencrypted.
    await expect(page.getByTestId('key-protection')).toContainText('stored unencrypted');
    await expect(page.getByTestId('cli-command')).toHaveText('aws sts get-caller-identity --profile jdoe-acme-prod-2');
    // The command to try, copied as one line (the clipboard as the OS sees it).
    await page.getByRole('button', { name: text.finish.copyCommand }).click();
    await expect(page.getByText(text.finish.commandCopied)).toBeVisible();
    expect(app.ports.clipboard.read()).toBe('aws sts get-caller-identity --profile jdoe-acme-prod-2');
    // Drifted codes: the CLI key cannot resync (credential_process only), so the advice is the administrator's.
    await expect(page.getByTestId('next-steps')).toHaveAttribute('data-path', 'cli');
    await expect(page.getByTestId('next-steps')).toContainText(text.finish.nextCodesRefusedCli);

    // The world: the invite's key is gone; the one kept is new and only in the app's store (0600).
    const keys = sandbox.state.listAccessKeys('jdoe');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.accessKeyId).not.toBe(user.accessKeyId);
    const storeFile = join(app.home.userData, 'cli-profiles', 'jdoe-acme-prod-2.json');
    const record = JSON.parse(readFileSync(storeFile, 'utf8')) as { accessKeyId: string; secretAccessKey: { protection: string }; mfaSerial: string };
    expect(record).toMatchObject({ accessKeyId: keys[0]!.accessKeyId, secretAccessKey: { protection: 'plain' }, mfaSerial: sandbox.state.listMfaDevices('jdoe')[0]!.serialNumber });
    expect(statSync(storeFile).mode & 0o777).toBe(0o600);
    const config = readFileSync(app.home.awsConfigFile, 'utf8');
    expect(config.startsWith(existingConfig)).toBe(true);
    expect(config).toMatch(/\[profile jdoe-acme-prod-2\]\nregion = us-east-1\ncredential_process = "[^"\n]+node" "[^"\n]+\/dist-electron\/credential-process\.js" "--data-dir" "[^"\n]+\/cli-profiles" "--profile" "jdoe-acme-prod-2"\n$/);
    expect(config).not.toContain('aws_secret_access_key');
    // The credentials file is not touched.
    expect(readFileSync(app.home.awsCredentialsFile, 'utf8')).toBe(`[default]\naws_access_key_id = ${fakeAccessKeyId('existing')}\naws_secret_access_key = existing\n`);
    expect(sandbox.state.getUser('jdoe')?.tags).not.toHaveProperty('iam-onboarding-window');
    expect(sandbox.state.checkPassword('jdoe', NEW_PASSWORD)).toBe(true);
  });
});
