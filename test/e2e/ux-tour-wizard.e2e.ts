/**
 * The new-hire wizard and the self-service resync. Every screen, once per language, as a first-time user meets it — and each one checked the same
 * way (support/ux-checks.ts: one <h1>, the window title, the app's own validation, no axe finding,
 * no particle starting a line, screenshots at 1100 and 760 px into test/e2e/artifacts/tour/).
 * Every flow is walked with the keyboard only (Tab, Enter, Space, arrows): nothing is clicked.
 * Each walk ends on the state of the world: the sandbox account, files on disk, the clipboard.
 */
import { DeleteAccessKeyCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { expect, test } from './support/fixtures';
import { oathtoolCode } from './support/oathtool';
import { writeInviteFile } from './support/onboarding-invite';
import { scanQr } from './support/onboarding-flow';
import { checkScreen, press, tabTo, typeInto, openTourApp, title, type Lang } from './support/ux-checks';

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
});
test.afterAll(async () => sandbox?.stop());

const open = (launchApp: Parameters<typeof openTourApp>[0], lang: Lang, withAdminKeys: boolean) => openTourApp(launchApp, sandbox, lang, withAdminKeys);
const noEnglishIn = (texts: string[]) => texts.filter((s) => /[A-Za-z]{3,}/.test(s.replace(/AKIA|AWS|IAM|MFA|CSV/g, '')));

for (const lang of ['ko', 'en'] as const) {
  test.describe(`UX tour (${lang})`, () => {
    test(`wizard: sign-in errors under the field, weak-password floor, MFA errors, stop and resume, finish — keyboard only`, async ({ launchApp }) => {
      test.setTimeout(180_000);
      const { page, ports, home, t } = await open(launchApp, lang, false);
      const app = t('common:appName');
      await checkScreen(page, lang, 'start', app);
      await expect(page.locator('h1')).toBeFocused();

      await press(page, page.getByTestId('job-onboarding'));
      await expect(page.locator('[data-testid="step-signIn"] > h2')).toBeFocused();
      await checkScreen(page, lang, 'wizard-sign-in', title(t('onboarding:signIn.title'), t('onboarding:title'), app));

      // Typed values: our own messages, in the UI's language, under each field; focus on the first.
      await tabTo(page, page.locator('input[name="signin-mode"][value="invite"]'));
      await page.keyboard.press('ArrowRight');
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));
      await expect(page.locator('.field-error')).toHaveCount(5);
      await expect(page.locator('#manual-accountId')).toBeFocused();
      const messages = await page.locator('.field-error').allTextContents();
      expect(new Set(messages)).toEqual(new Set([t('onboarding:signIn.fieldErrors.required')]));
      if (lang === 'ko') expect(noEnglishIn(messages)).toEqual([]);
      await checkScreen(page, lang, 'wizard-sign-in-typed-errors', title(t('onboarding:signIn.title'), t('onboarding:title'), app));
      await page.keyboard.press('Shift+Tab'); // from the first field back to the mode radios
      await expect(page.locator('input[name="signin-mode"][value="manual"]')).toBeFocused();
      await page.keyboard.press('ArrowLeft');
      // The typed-values form's messages do not follow to the invite form.
      await expect(page.locator('.field-error')).toHaveCount(0);

      // A stale invite (its key deleted by a newer one): says so, and to ask the administrator.
      const stale = sandbox.scenario.newUser({ userName: `stale.${lang}`, attachEnforcementPolicy: true });
      // Issued yesterday: an invite minutes old gets ~10 s for its key to propagate before "no longer valid".
      const staleFile = await writeInviteFile(home.home, sandbox, stale, { issuedAt: new Date(Date.now() - 86_400_000).toISOString() });
      const iam = new IAMClient({ endpoint: sandbox.url, region: sandbox.region, credentials: sandbox.admin });
      await iam.send(new DeleteAccessKeyCommand({ UserName: stale.userName, AccessKeyId: stale.accessKeyId! }));
      iam.destroy();
      ports.dialogs.queueOpen(staleFile);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.chooseFile') }));
      await typeInto(page, page.locator('#invite-temp-password'), stale.password);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));
      await expect(page.locator('[data-error-code="onboarding.inviteNoLongerValid"]')).toHaveText(t('onboarding:errors.inviteNoLongerValid'));
      await expect(page.locator('[data-error-code="onboarding.inviteNoLongerValid"]')).toBeFocused();

      // A wrong temporary password: under the password field, focus there, the typed value kept.
      const user = sandbox.scenario.newUser({ userName: `tour.hire.${lang}`, attachEnforcementPolicy: true });
      ports.dialogs.queueOpen(await writeInviteFile(home.home, sandbox, user));
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.chooseFile') }));
      await typeInto(page, page.locator('#invite-temp-password'), `${user.password}x`);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));
      await expect(page.locator('#invite-temp-password-error')).toHaveAttribute('data-error-code', 'invite.wrongPassword');
      await expect(page.locator('#invite-temp-password')).toBeFocused();
      await expect(page.locator('#invite-temp-password')).toHaveValue(`${user.password}x`);
      await expect(page.locator('#invite-temp-password')).toHaveAttribute('aria-invalid', 'true');
      await checkScreen(page, lang, 'wizard-sign-in-wrong-password', title(t('onboarding:signIn.title'), t('onboarding:title'), app));
      // Show / hide: the field becomes readable and back.
      await press(page, page.locator('#invite-temp-password').locator('xpath=following-sibling::button'));
      await expect(page.locator('#invite-temp-password')).toHaveAttribute('type', 'text');
      await typeInto(page, page.locator('#invite-temp-password'), user.password);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));

      // The weak-password floor: "Passw0rd" meets every AWS default rule, and is refused.
      await expect(page.locator('[data-testid="step-password"] > h2')).toBeFocused();
      await expect(page.getByTestId('policy-source')).toBeVisible();
      await typeInto(page, page.locator('#new-password'), 'Passw0rd');
      await typeInto(page, page.locator('#confirm-password'), 'Passw0rd');
      await expect(page.locator('[data-rule="threeOfFour"]')).toHaveAttribute('data-ok', 'true');
      await press(page, page.getByRole('button', { name: t('onboarding:password.submit') }));
      const refused = page.locator('#new-password-error');
      await expect(refused).toContainText(t('onboarding:password.tooWeak', { advice: '' }).trim());
      await expect(page.locator('#new-password')).toBeFocused();
      if (lang === 'ko') expect(noEnglishIn([(await refused.textContent()) ?? ''])).toEqual([]);
      await checkScreen(page, lang, 'wizard-password-weak', title(t('onboarding:password.title'), t('onboarding:title'), app));
      expect(sandbox.state.checkPassword(user.userName, user.password)).toBe(true); // nothing reached AWS
      await typeInto(page, page.locator('#new-password'), 'Blue-Harbor-Lantern-42');
      await typeInto(page, page.locator('#confirm-password'), 'Blue-Harbor-Lantern-42');
      await press(page, page.getByRole('button', { name: t('onboarding:password.submit') }));

      // MFA: the QR (decoded by zbarimg), the key in groups with a copy button, errors under the codes.
      await expect(page.locator('[data-testid="step-mfa"] > h2')).toBeFocused();
      const { seed } = await scanQr(page);
      await press(page, page.getByRole('button', { name: t('onboarding:mfa.showKey') }));
      await expect(page.getByTestId('mfa-key')).toHaveText(seed);
      await press(page, page.getByRole('button', { name: t('onboarding:mfa.copyKey') }));
      await expect.poll(() => ports.clipboard.read()).toBe(seed);
      await checkScreen(page, lang, 'wizard-mfa', title(t('onboarding:mfa.title'), t('onboarding:title'), app));
      await typeInto(page, page.locator('#mfa-code1'), '000000');
      await typeInto(page, page.locator('#mfa-code2'), '111111');
      await press(page, page.getByRole('button', { name: t('onboarding:mfa.submit') }));
      await expect(page.locator('#mfa-code1-error')).toHaveAttribute('data-error-code', 'onboarding.noMatch');
      await expect(page.locator('#mfa-code1')).toBeFocused();
      await checkScreen(page, lang, 'wizard-mfa-error', title(t('onboarding:mfa.title'), t('onboarding:title'), app));

      // "Continue later": asked, then back to the start; AWS keeps what was done.
      await press(page, page.getByTestId('wizard-stop'));
      await expect(page.getByTestId('wizard-stop-confirm')).toBeVisible();
      await checkScreen(page, lang, 'wizard-stop-dialog', title(t('onboarding:mfa.title'), t('onboarding:title'), app));
      await press(page, page.getByTestId('wizard-stop-confirm').getByRole('button', { name: t('onboarding:exit.confirmStop') }));
      await expect(page.getByTestId('job-onboarding')).toBeVisible();
      expect(sandbox.state.getLoginProfile(user.userName)?.passwordResetRequired).toBe(false);

      // A user with MFA already registered: resumes at "prove it", with the countdown; then finishes.
      const done = sandbox.scenario.newUser({ userName: `tour.done.${lang}`, attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
      await press(page, page.getByTestId('job-onboarding'));
      ports.dialogs.queueOpen(await writeInviteFile(home.home, sandbox, done));
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.chooseFile') }));
      await typeInto(page, page.locator('#invite-temp-password'), done.password);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));
      await expect(page.locator('[data-testid="step-prove"] > h2')).toBeFocused();
      await expect(page.getByTestId('countdown')).toBeVisible();
      await checkScreen(page, lang, 'wizard-prove', title(t('onboarding:prove.title'), t('onboarding:title'), app));
      await typeInto(page, page.locator('#prove-code'), oathtoolCode(done.mfa!.base32Seed));
      await press(page, page.getByRole('button', { name: t('onboarding:prove.submit'), exact: true }));
      await expect(page.locator('[data-testid="step-finish"] > h2')).toBeFocused();
      await checkScreen(page, lang, 'wizard-finish', title(t('onboarding:finish.title'), t('onboarding:title'), app));
      await press(page, page.getByRole('button', { name: t('onboarding:finish.submitDelete') }));
      await expect(page.locator('[data-testid="step-done"] > h2')).toBeFocused();
      // Advice for this path: no self-service resync (the key is gone): ask the administrator.
      await expect(page.getByTestId('next-steps')).toHaveAttribute('data-path', 'console');
      await expect(page.getByTestId('next-steps')).toContainText(t('onboarding:finish.nextCodesRefusedConsole'));
      await checkScreen(page, lang, 'wizard-done', title(t('onboarding:finish.doneTitle'), t('onboarding:title'), app));
      expect(sandbox.state.listAccessKeys(done.userName)).toEqual([]);

      // Command-line access: the command to try, copied with the keyboard; the advice is the administrator's resync.
      const cli = sandbox.scenario.newUser({ userName: `tour.cli.${lang}`, attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
      await press(page, page.getByRole('button', { name: t('onboarding:finish.home'), exact: true }));
      await press(page, page.getByTestId('job-onboarding'));
      ports.dialogs.queueOpen(await writeInviteFile(home.home, sandbox, cli));
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.chooseFile') }));
      await typeInto(page, page.locator('#invite-temp-password'), cli.password);
      await press(page, page.getByRole('button', { name: t('onboarding:signIn.submit'), exact: true }));
      await typeInto(page, page.locator('#prove-code'), oathtoolCode(cli.mfa!.base32Seed));
      await press(page, page.getByRole('button', { name: t('onboarding:prove.submit'), exact: true }));
      await press(page, page.getByLabel(t('onboarding:finish.keepCli')), 'Space');
      await press(page, page.getByRole('button', { name: t('onboarding:finish.submitKeep') }));
      await expect(page.locator('[data-testid="step-done"] > h2')).toBeFocused();
      await expect(page.getByTestId('next-steps')).toHaveAttribute('data-path', 'cli');
      await expect(page.getByTestId('next-steps')).toContainText(t('onboarding:finish.nextCodesRefusedCli'));
      const command = (await page.getByTestId('cli-command').textContent())!;
      expect(command).toMatch(new RegExp(`^aws sts get-caller-identity --profile tour-cli-${lang}-acme-prod$`));
      await press(page, page.getByRole('button', { name: t('onboarding:finish.copyCommand') }));
      await expect(page.getByText(t('onboarding:finish.commandCopied'))).toBeVisible();
      expect(ports.clipboard.read()).toBe(command);
      await checkScreen(page, lang, 'wizard-done-cli', title(t('onboarding:finish.doneTitle'), t('onboarding:title'), app));
      // The world: the invite's key is gone, a new one exists (kept by the app), the profile is in the AWS config.
      const cliKeys = sandbox.state.listAccessKeys(cli.userName).map((k) => k.accessKeyId);
      expect(cliKeys).toHaveLength(1);
      expect(cliKeys).not.toContain(cli.accessKeyId);
      expect(readFileSync(home.awsConfigFile, 'utf8')).toContain(`[profile tour-cli-${lang}-acme-prod]`);
    });

    test(`resync: sign-in and the two codes with a countdown — keyboard only`, async ({ launchApp }) => {
      const { page, t } = await open(launchApp, lang, false);
      const app = t('common:appName');
      const user = sandbox.scenario.newUser({ userName: `tour.drift.${lang}`, attachEnforcementPolicy: true, withMfa: true, passwordResetRequired: false });
      await press(page, page.getByTestId('job-resync'));
      await expect(page.locator('.resync-sign-in > h2')).toBeFocused();
      await checkScreen(page, lang, 'resync-sign-in', title(t('resync:steps.signIn'), t('resync:title'), app));
      // No AWS profile on this computer: typing the key is already chosen, and said why.
      await expect(page.locator('input[name="resync-method"][value="keys"]')).toBeChecked();
      await typeInto(page, page.locator('#resync-key-id'), user.accessKeyId!);
      await typeInto(page, page.locator('#resync-secret'), user.secretAccessKey!);
      await press(page, page.getByRole('button', { name: t('resync:signIn.submit') }));
      await expect(page.locator('.resync-codes > h2')).toBeFocused();
      await expect(page.getByTestId('countdown')).toBeVisible();
      // Two codes that are not consecutive: refused by AWS, said under the first code, focus there.
      await typeInto(page, page.locator('#resync-code1'), '000000');
      await typeInto(page, page.locator('#resync-code2'), '111111');
      await press(page, page.getByRole('button', { name: t('resync:codes.submit'), exact: true }));
      await expect(page.locator('#resync-code1-error')).toHaveAttribute('data-error-code', 'resync.invalidCodes');
      await expect(page.locator('#resync-code1')).toBeFocused();
      await checkScreen(page, lang, 'resync-codes', title(t('resync:steps.codes'), t('resync:title'), app));
    });
  });
}
