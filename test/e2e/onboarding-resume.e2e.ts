import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode, twoConsecutiveCodes } from './support/oathtool';
import {
  awaitWindowWithAtLeast,
  changePassword,
  errorCode,
  openWizard,
  scanQr,
  signInWithInvite,
  typeTwoCodes,
} from './support/onboarding-flow';
import { writeInviteFile } from './support/onboarding-invite';

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

const actions = () => sandbox.requestLog.map((e) => e.action);

test.describe('onboarding wizard: resumes a half-onboarded user where they stopped', () => {
  test('password already changed: straight to MFA, which completes', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true, passwordResetRequired: false });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await expect(app.page.getByTestId('step-mfa')).toBeVisible();
    await expect(app.page.getByTestId('resume-notice')).toContainText(app.text.resume.passwordAlreadyChanged);
    const { seed } = await scanQr(app.page);
    await awaitWindowWithAtLeast(app.page, 4);
    await typeTwoCodes(app, ...twoConsecutiveCodes(seed));
    await expect(app.page.getByTestId('step-prove')).toBeVisible();
    expect(actions()).not.toContain('ChangePassword');
    expect(actions()).not.toContain('GetAccountPasswordPolicy');
    expect(sandbox.state.listMfaDevices('jdoe')).toHaveLength(1);
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
  });

  test('an unassigned device left by an abandoned attempt: deleted and re-created, never two', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const abandoned = sandbox.scenario.createVirtualMfaDevice('jdoe');
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await changePassword(app, 'Blue-Harbor-Lantern-42');
    await expect(app.page.getByTestId('replaced-device')).toBeVisible();
    await app.page.screenshot({ path: `${ARTIFACTS}onboarding-3c-replaced-device-ko.png`, fullPage: true });
    const { seed } = await scanQr(app.page);
    expect(seed).not.toBe(abandoned.base32Seed);
    // The old QR (still in the phone from last time) is told apart from the new one.
    await awaitWindowWithAtLeast(app.page, 6);
    await typeTwoCodes(app, ...twoConsecutiveCodes(abandoned.base32Seed));
    await expect(errorCode(app.page)).toHaveAttribute('data-error-code', 'onboarding.noMatch');
    await awaitWindowWithAtLeast(app.page, 4);
    await typeTwoCodes(app, ...twoConsecutiveCodes(seed));
    await expect(app.page.getByTestId('step-prove')).toBeVisible();
    expect(sandbox.state.listVirtualMfaDevices()).toEqual([expect.objectContaining({ serialNumber: abandoned.serialNumber, userName: 'jdoe' })]);
    expect(sandbox.state.getVirtualMfaSeed(abandoned.serialNumber)).toBe(seed);
  });

  test('MFA already enabled: straight to "prove it" with the phone, then the key is deleted', async ({ launchApp }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true, passwordResetRequired: false, withMfa: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    const { page, text } = app;
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    await expect(page.getByTestId('step-prove')).toBeVisible();
    await expect(page.getByTestId('resume-notice')).toContainText(text.resume.mfaAlreadyEnabled);
    await awaitWindowWithAtLeast(page, 4);
    await page.getByLabel(text.prove.code, { exact: true }).fill(oathtoolCode(user.mfa!.base32Seed));
    await page.getByRole('button', { name: text.prove.submit, exact: true }).click();
    await page.getByRole('button', { name: text.finish.submitDelete }).click();
    await expect(page.getByTestId('step-done')).toBeVisible();
    expect(actions()).toEqual(['GetCallerIdentity', 'GetLoginProfile', 'ListMFADevices', 'GetSessionToken', 'UntagUser', 'DeleteAccessKey']);
    expect(sandbox.state.listAccessKeys('jdoe')).toEqual([]);
    expect(sandbox.state.listVirtualMfaDevices()).toHaveLength(1);
  });
});

test.describe('onboarding wizard: faults', () => {
  test('ChangePassword answers 5xx until the SDK gives up, CreateVirtualMFADevice loses its answer: retry button, exactly one device', async ({
    launchApp,
  }) => {
    const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
    const app = await openWizard(launchApp, sandbox, { lang: 'ko', maxAttempts: 2 });
    const { page } = app;
    await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
    sandbox.faults.set('ChangePassword', { error5xx: { times: 2 } });
    sandbox.faults.set('CreateVirtualMFADevice', { drop: { times: 1, after: true } });
    await changePassword(app, 'Blue-Harbor-Lantern-42');
    await expect(errorCode(page)).toHaveAttribute('data-error-code', 'onboarding.awsTemporary');
    await page.screenshot({ path: `${ARTIFACTS}onboarding-2b-retry-ko.png`, fullPage: true });
    expect(sandbox.state.checkPassword('jdoe', user.password)).toBe(true);
    await page.getByRole('button', { name: '다시 시도' }).click();

    // The lost CreateVirtualMFADevice answer left a device we have no seed for: replaced, not duplicated.
    await expect(page.getByTestId('step-mfa')).toBeVisible();
    const { seed } = await scanQr(page);
    await awaitWindowWithAtLeast(page, 4);
    await typeTwoCodes(app, ...twoConsecutiveCodes(seed));
    await expect(page.getByTestId('step-prove')).toBeVisible();

    expect(sandbox.requestLog.filter((e) => e.action === 'ChangePassword').map((e) => e.status)).toEqual([500, 500, 200]);
    expect(sandbox.requestLog.filter((e) => e.action === 'CreateVirtualMFADevice').length).toBeGreaterThanOrEqual(2);
    const all = sandbox.state.listVirtualMfaDevices();
    expect(all).toHaveLength(1);
    expect(all[0]!.userName).toBe('jdoe');
    expect(sandbox.state.getVirtualMfaSeed(all[0]!.serialNumber)).toBe(seed);
    expect(sandbox.state.checkPassword('jdoe', 'Blue-Harbor-Lantern-42')).toBe(true);
  });
});
