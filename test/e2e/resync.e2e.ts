import AxeBuilder from '@axe-core/playwright';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createNodePorts } from '../../electron/platform/node-ports';
import type { Api } from '../../src/shared/ipc/create-api';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode } from './support/oathtool';
import { tempHome } from './support/temp-home';

/**
 * The phone runs 5 minutes (10 windows) fast. The sandbox, like AWS, accepts a code for
 * GetSessionToken / EnableMFADevice within ±2 windows (MFA_WINDOW_STEPS) — so these codes fail —
 * while ResyncMFADevice searches ±20 windows (RESYNC_WINDOW_STEPS), finds them and remembers the drift.
 */
const DRIFT_MS = 5 * 60_000;
const phoneCode = (seed: string, offsetWindows = 0) => oathtoolCode(seed, Date.now() + DRIFT_MS + offsetWindows * 30_000);

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
});
test.afterAll(async () => sandbox.stop());

/** The sandbox endpoints without the admin's keys: whatever the app does, it does with the user's own credentials. */
const appEnv = (extra: Record<string, string>) => {
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  return { ...env, ...extra };
};

function driftedUser(userName: string) {
  const u = sandbox.scenario.newUser({ userName, withMfa: true, attachEnforcementPolicy: true });
  if (!u.mfa || !u.accessKeyId || !u.secretAccessKey) throw new Error('scenario did not create a device and a key');
  return { userName, accessKeyId: u.accessKeyId, secretAccessKey: u.secretAccessKey, ...u.mfa };
}

/** What `aws sts get-session-token --serial-number … --token-code …` would do: straight to the sandbox, not through the app. */
async function directSessionToken(user: { accessKeyId: string; secretAccessKey: string; serialNumber: string }, code: string) {
  const sts = new STSClient({ region: sandbox.region, endpoint: sandbox.url, credentials: user, maxAttempts: 1 });
  try {
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: user.serialNumber, TokenCode: code, DurationSeconds: 900 }));
    return { ok: true as const, accessKeyId: out.Credentials?.AccessKeyId };
  } catch (e) {
    return { ok: false as const, name: (e as Error).name };
  }
}

/** Codes are computed right before typing; a sequence that needs one window starts with enough of it left. */
async function awaitWindowWithAtLeast(page: Page, seconds: number) {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < seconds) await page.waitForTimeout(Math.ceil((left + 0.5) * 1000));
}

const resyncCalls = (userName: string) =>
  sandbox.requestLog.filter((e) => e.caller === userName && e.action === 'ResyncMFADevice').map((e) => e.errorCode ?? e.status);

test.describe('self-service MFA resync', () => {
  test('a drifted phone: sign in with a profile from a temp AWS config, resync with oathtool codes, prove it, and AWS accepts the drifted codes', async ({
    launchApp,
  }) => {
    const user = driftedUser('kim.drift');
    const home = tempHome();
    writeFileSync(home.awsConfigFile, `[profile work]\nregion = ${sandbox.region}\n\n[profile admin]\nrole_arn = arn:aws:iam::${sandbox.accountId}:role/Admin\nsource_profile = work\n`);
    writeFileSync(home.awsCredentialsFile, `[work]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`);

    // The world before: the phone's current code is refused by STS.
    expect(await directSessionToken(user, phoneCode(user.base32Seed))).toEqual({ ok: false, name: 'AccessDenied' });

    const { page } = await launchApp({
      env: appEnv({ AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile }),
      locale: 'ko-KR',
      ports: createNodePorts({ userData: home.userData, home: home.home }),
    });
    await page.getByTestId('job-resync').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('MFA 기기 재동기화');
    const profile = page.getByLabel('프로필', { exact: true });
    await expect(profile.locator('option')).toHaveText([`work (키 …${user.accessKeyId.slice(-4)})`]);
    await page.screenshot({ path: `${ARTIFACTS}resync-1-sign-in-ko.png` });
    await page.getByRole('button', { name: '내 MFA 기기 찾기' }).click();
    await expect(page.getByTestId('resync-identity')).toHaveText(`kim.drift 사용자(계정 ${sandbox.accountId})로 로그인했습니다.`);
    await expect(page.getByRole('radio', { name: new RegExp(user.serialNumber.replace(/[.]/g, '\\.')) })).toBeChecked();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    // Resync, proof and the world check all in one 30-second window (see the note at the top).
    await awaitWindowWithAtLeast(page, 15);
    await page.getByLabel('첫 번째 코드').fill(phoneCode(user.base32Seed, -2));
    await page.getByLabel('두 번째 코드(바로 다음 코드)').fill(phoneCode(user.base32Seed, -1));
    await page.screenshot({ path: `${ARTIFACTS}resync-2-codes-ko.png` });
    await page.getByRole('button', { name: '재동기화', exact: true }).click();
    await expect(page.getByText('AWS가 MFA 기기를 다시 동기화했습니다.')).toBeVisible();
    await page.getByLabel('새 코드').fill(phoneCode(user.base32Seed));
    await page.getByRole('button', { name: '확인', exact: true }).click();
    await expect(page.getByTestId('resync-success')).toContainText('kim.drift 사용자의 MFA 기기를 AWS와 다시 맞췄고');
    await page.screenshot({ path: `${ARTIFACTS}resync-3-done-ko.png` });

    // The world after: STS now accepts the drifted phone's next code, and the app held an MFA session for the user.
    const after = await directSessionToken(user, phoneCode(user.base32Seed, 1));
    expect(after).toMatchObject({ ok: true, accessKeyId: expect.stringMatching(/^ASIA/) });
    expect(resyncCalls(user.userName)).toEqual([200]);
    expect(sandbox.state.listSessions().filter((s) => s.principal.includes('kim.drift') && s.mfaAuthenticated)).toHaveLength(2);
    // The flow ended: main no longer holds the user's keys.
    const again = await page.evaluate(() =>
      (window as unknown as { api: Api }).api.invoke('resync:verify', { code: '123456' }).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      ),
    );
    expect(again).toBe('resync.notSignedIn');
  });

  test('bad input: non-numeric, the same code twice, wrong codes — each explained; the device stays as it was', async ({ launchApp }) => {
    const user = driftedUser('lee.typo');
    const other = driftedUser('park.other');
    const home = tempHome();
    const { page } = await launchApp({ env: appEnv({}), locale: 'ko-KR', ports: createNodePorts({ userData: home.userData, home: home.home }) });
    await page.getByTestId('job-resync').click();
    await expect(page.getByText('사용할 수 있는 프로필이 없습니다. 액세스 키를 직접 입력해 주세요.')).toBeVisible();
    await page.getByLabel('액세스 키 ID').fill(user.accessKeyId);
    await page.getByLabel('비밀 액세스 키').fill(user.secretAccessKey);
    await page.getByRole('button', { name: '내 MFA 기기 찾기' }).click();
    await expect(page.getByTestId('resync-identity')).toContainText('lee.typo');

    const code1 = page.getByLabel('첫 번째 코드');
    const code2 = page.getByLabel('두 번째 코드(바로 다음 코드)');
    const submit = page.getByRole('button', { name: '재동기화', exact: true });
    // Non-numeric: caught in the renderer…
    await code1.fill('12a45b');
    await code2.fill('654321');
    await submit.click();
    await expect(page.locator('#resync-code1-error')).toHaveText('인증 앱에 표시된 숫자 6자리를 입력하세요.');
    await expect(code1).toHaveAttribute('aria-invalid', 'true');
    // …and again by the channel's schema, for anything that gets past it.
    const viaSeam = await page.evaluate(
      (serialNumber) =>
        (window as unknown as { api: Api }).api.invoke('resync:resync', { serialNumber, code1: '12a45b', code2: '654321' }).then(
          () => 'ok',
          (e: { code: string; params?: { fields?: string } }) => `${e.code} ${e.params?.fields}`,
        ),
      user.serialNumber,
    );
    expect(viaSeam).toBe('ipc.invalidInput code1');

    // The same code twice.
    const same = phoneCode(user.base32Seed);
    await code1.fill(same);
    await code2.fill(` ${same}`);
    await submit.click();
    await expect(page.locator('#resync-code2-error')).toHaveText(
      '첫 번째와 같은 코드입니다. 코드가 바뀔 때까지 기다렸다가 다음 코드를 입력하세요.',
    );
    expect(resyncCalls(user.userName)).toEqual([]);

    // Wrong codes: the authenticator's entry of another user (a wrong entry in the app).
    await code1.fill(phoneCode(other.base32Seed, -1));
    await code2.fill(phoneCode(other.base32Seed));
    await submit.click();
    const alert = page.locator('[data-error-code="resync.invalidCodes"]');
    await expect(alert).toContainText('AWS가 두 코드를 받아들이지 않았습니다.');
    await expect(alert).toContainText('날짜와 시간을 ‘자동으로 설정’으로 바꾸세요');
    await expect(code1).toHaveValue('');
    await page.screenshot({ path: `${ARTIFACTS}resync-4-invalid-codes-ko.png` });
    expect(resyncCalls(user.userName)).toEqual(['InvalidAuthenticationCode']);

    // Leaving the screen drops the session in main.
    await page.getByTestId('resync-back').click();
    await expect(page.getByTestId('job-resync')).toBeVisible();
    const afterLeave = await page.evaluate(
      (serialNumber) =>
        (window as unknown as { api: Api }).api.invoke('resync:resync', { serialNumber, code1: '111111', code2: '222222' }).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      user.serialNumber,
    );
    expect(afterLeave).toBe('resync.notSignedIn');
    // The world: the device was not resynced — the drifted phone's code is still refused.
    expect(await directSessionToken(user, phoneCode(user.base32Seed))).toEqual({ ok: false, name: 'AccessDenied' });
  });

  test('a user with no MFA device is told to set up the account or ask the admin', async ({ launchApp }) => {
    const u = sandbox.scenario.newUser({ userName: 'choi.nomfa', attachEnforcementPolicy: true });
    const home = tempHome();
    const { page } = await launchApp({ env: appEnv({}), locale: 'en-US', ports: createNodePorts({ userData: home.userData, home: home.home }) });
    await page.getByTestId('job-resync').click();
    await page.getByLabel('Access key ID').fill(u.accessKeyId ?? '');
    await page.getByLabel('Secret access key').fill(u.secretAccessKey ?? '');
    await page.getByRole('button', { name: 'Find my MFA device' }).click();
    await expect(page.locator('[data-error-code="resync.noMfaDevice"]')).toHaveText(
      "No MFA device is registered for choi.nomfa. Use 'Set up my account' to register one, or ask your administrator.",
    );
    // Nothing past the look-up was called.
    expect(sandbox.requestLog.filter((e) => e.caller === 'choi.nomfa').map((e) => e.action)).toEqual(['GetCallerIdentity', 'ListMFADevices']);
    await page.getByRole('button', { name: "Go to 'Set up my account'" }).click();
    await expect(page.getByTestId('resync-identity')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Resync my MFA device');
    expect(sandbox.state.listMfaDevices('choi.nomfa')).toEqual([]);
  });
});
