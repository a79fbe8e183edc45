import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode, twoConsecutiveCodes } from './support/oathtool';
import { awaitWindowWithAtLeast, errorCode, openWizard, scanQr, signInWithInvite, typeTwoCodes } from './support/onboarding-flow';
import { writeInviteFile } from './support/onboarding-invite';

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

/** A user whose password is already changed: sign-in lands straight on the MFA step. */
async function atMfaStep(launchApp: Parameters<typeof openWizard>[0]) {
  const user = sandbox.scenario.newUser({ userName: 'mina', attachEnforcementPolicy: true, passwordResetRequired: false });
  const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
  await signInWithInvite(app, await writeInviteFile(app.home.home, sandbox, user), user.password);
  await expect(app.page.getByTestId('step-mfa')).toBeVisible();
  return { app, user, ...(await scanQr(app.page)) };
}

test.describe('onboarding wizard: the local two-code check tells each mistake apart', () => {
  test('same code twice, not consecutive, old QR, phone clock ahead, not six digits — then the right codes', async ({ launchApp }) => {
    const { app, seed } = await atMfaStep(launchApp);
    const { page, text } = app;
    const tryCodes = async (c1: string, c2: string, expected: string) => {
      await typeTwoCodes(app, c1, c2);
      await expect(errorCode(page)).toHaveAttribute('data-error-code', expected);
    };
    await awaitWindowWithAtLeast(page, 8);
    const now = oathtoolCode(seed);
    await tryCodes(now, now, 'onboarding.sameCodeTwice');
    await expect(errorCode(page)).toContainText('같은 코드를 두 번 입력했습니다');
    await page.screenshot({ path: `${ARTIFACTS}onboarding-3b-same-code-twice-ko.png`, fullPage: true });
    await tryCodes(oathtoolCode(seed, Date.now() - 60_000), oathtoolCode(seed), 'onboarding.notConsecutive');
    // An old QR: the phone holds another device's seed.
    const [o1, o2] = twoConsecutiveCodes('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await tryCodes(o1, o2, 'onboarding.noMatch');
    await awaitWindowWithAtLeast(page, 4); // the drift is measured in whole windows
    const [a1, a2] = twoConsecutiveCodes(seed, Date.now() + 5 * 60_000);
    await tryCodes(a1, a2, 'onboarding.phoneClockAhead');
    await expect(errorCode(page)).toContainText('약 300초 빠른');
    await tryCodes('12345', oathtoolCode(seed), 'onboarding.notSixDigits');

    // None of those reached AWS: the device is still unassigned and EnableMFADevice was never called.
    expect(sandbox.requestLog.filter((e) => e.action === 'EnableMFADevice')).toEqual([]);
    expect(sandbox.state.listMfaDevices('mina')).toEqual([]);

    await awaitWindowWithAtLeast(page, 4);
    const [c1, c2] = twoConsecutiveCodes(seed);
    await typeTwoCodes(app, c1, c2);
    await expect(page.getByTestId('step-prove')).toBeVisible();
    await expect(page.getByText(text.prove.enabled)).toBeVisible();
    const devices = sandbox.state.listMfaDevices('mina');
    expect(devices).toHaveLength(1);
    expect(sandbox.state.getVirtualMfaSeed(devices[0]!.serialNumber)).toBe(seed);
    expect(sandbox.requestLog.filter((e) => e.action === 'EnableMFADevice').map((e) => e.status)).toEqual([200]);
  });

  test('a desktop clock 2 minutes behind AWS: the app says so and checks codes on AWS time', async ({ launchApp }) => {
    sandbox.setClockSkewMs(120_000);
    const { app, seed } = await atMfaStep(launchApp);
    const { page } = app;
    await expect(page.getByTestId('desktop-skew')).toContainText('약 120초 느립니다');
    // The phone keeps true time, which here is AWS's.
    await awaitWindowWithAtLeast(page, 4);
    const [c1, c2] = twoConsecutiveCodes(seed, Date.now() + 120_000);
    await typeTwoCodes(app, c1, c2);
    await expect(page.getByTestId('step-prove')).toBeVisible();
    expect(sandbox.state.listMfaDevices('mina')).toHaveLength(1);
  });
});
