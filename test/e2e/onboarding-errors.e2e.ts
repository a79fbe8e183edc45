import { readFileSync } from 'node:fs';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { expect, test } from './support/fixtures';
import { changePassword, errorCode, openWizard, signInWithInvite } from './support/onboarding-flow';
import { writeInviteFile } from './support/onboarding-invite';

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

/** Seed 003's mistake: everything but MFA registration denied without MFA — including the first password change. */
const SEED_003_LIKE = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['iam:*'], Resource: ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:mfa/${aws:username}'] },
    { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], Resource: '*' },
    {
      Effect: 'Deny',
      NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'iam:GetUser', 'iam:GetLoginProfile', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

test.describe('onboarding wizard: bad input gets a clear message and changes nothing', () => {
  test('a wrong temporary password: the invite does not open, and nothing reaches AWS', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), `${user.password}x`);
    await expect(errorCode(app.page)).toHaveAttribute('data-error-code', 'invite.wrongPassword');
    await expect(errorCode(app.page)).toContainText('임시 비밀번호가 맞지 않습니다');
    expect(sandbox.requestLog).toEqual([]);
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
  });

  test('a tampered invite dropped onto the drop zone: refused as altered, nothing reaches AWS', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'en' });
    const { page, text } = app;
    const armored = readFileSync(await writeInviteFile(app.home.home, sandbox, user), 'utf8');
    // Flip one character of the encrypted payload (the last line before the END marker), as a mail relay might.
    const lines = armored.trimEnd().split('\n');
    const i = lines.length - 2;
    lines[i] = (lines[i]!.startsWith('A') ? 'B' : 'A') + lines[i]!.slice(1);
    const tampered = `${lines.join('\n')}\n`;
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'jdoe.invite.age', { type: 'application/octet-stream' }));
      return dt;
    }, tampered);
    await page.getByTestId('invite-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('invite-file-name')).toContainText('jdoe.invite.age');
    await page.getByLabel(text.signIn.temporaryPassword, { exact: true }).fill(user.password);
    await page.getByRole('button', { name: text.signIn.submit, exact: true }).click();
    await expect(errorCode(page)).toHaveAttribute('data-error-code', 'invite.tampered');
    await expect(errorCode(page)).toContainText('damaged or has been altered');
    expect(sandbox.requestLog).toEqual([]);
  });

  test('an invite pointing at a foreign host is refused before any credential is sent', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'en' });
    const file = await writeInviteFile(app.home.home, sandbox, user, { endpoints: { iam: 'https://iam.attacker.example', sts: sandbox.url } });
    await signInWithInvite(app, file, user.password);
    await expect(errorCode(app.page)).toHaveAttribute('data-error-code', 'onboarding.foreignEndpoint');
    await expect(errorCode(app.page)).toContainText('iam.attacker.example');
    expect(sandbox.requestLog).toEqual([]);
  });

  test('the account policy tightens while the user types: AWS refuses, the rules refresh, the password stays', async ({ launchApp }) => {
    sandbox.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, RequireSymbols: true });
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    const { page } = app;
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await expect(page.getByTestId('policy-source')).toHaveAttribute('data-source', 'account');
    await expect(page.locator('[data-rule="symbols"]')).toBeVisible();
    sandbox.scenario.setPasswordPolicy({ MinimumPasswordLength: 30, RequireSymbols: true });
    await changePassword(app, 'Blue-Harbor-Lantern-42');
    await expect(errorCode(page)).toHaveAttribute('data-error-code', 'onboarding.passwordPolicyViolation');
    await expect(page.locator('[data-rule="minLength"]')).toHaveAttribute('data-ok', 'false');
    await expect(page.locator('[data-rule="minLength"]')).toContainText('30자 이상');
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
    expect(sandbox.state.getLoginProfile('jdoe')?.passwordResetRequired).toBe(true);
  });

  test('a seed-003-style policy that forgets the first sign-in: the user is told which actions to ask for', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', policies: [{ name: 'seed003', document: SEED_003_LIKE }] });
    const app = await openWizard(launchApp, sandbox, { lang: 'en' });
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await changePassword(app, 'Blue-Harbor-Lantern-42');
    await expect(errorCode(app.page)).toHaveAttribute('data-error-code', 'onboarding.changePasswordDenied');
    await expect(errorCode(app.page)).toContainText('iam:ChangePassword, iam:GetAccountPasswordPolicy');
    expect(sandbox.requestLog.filter((e) => e.action === 'ChangePassword').map((e) => e.errorCode)).toEqual(['AccessDenied']);
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
  });
});
