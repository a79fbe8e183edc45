import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { ARTIFACTS, expect, test } from './support/fixtures';

const SANDBOX_LIKE = 'http://127.0.0.1:1';

test.describe('start screen', () => {
  test('renders the three jobs in Korean by default, switches to English, and remembers the choice', async ({ launchApp }) => {
    const app = await launchApp({ env: { AWS_REGION: 'ap-northeast-2' }, locale: 'ko-KR' });
    const { page } = app;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('무엇을 하시겠어요?');
    await expect(page.getByTestId('job-onboarding')).toContainText('내 계정 설정하기');
    await expect(page.getByTestId('job-admin')).toContainText('사용자 관리');
    await expect(page.getByTestId('job-resync')).toContainText('MFA 기기 재동기화');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await page.screenshot({ path: `${ARTIFACTS}start-screen-ko.png` });

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
    await expect(page.getByTestId('job-onboarding')).toContainText('Set up my account');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.screenshot({ path: `${ARTIFACTS}start-screen-en.png` });

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
    // The screenshot is a real PNG a person can look at.
    const header = execFileSync('head', ['-c', '8', `${ARTIFACTS}start-screen-en.png`]);
    expect(header.subarray(1, 4).toString()).toBe('PNG');
  });

  test('defaults to English when the OS locale is English', async ({ launchApp }) => {
    const { page } = await launchApp({ env: {}, locale: 'en-US' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('What would you like to do?');
  });

  test('a real handler round-trip: app:info reports the endpoint override from the environment', async ({ launchApp }) => {
    const { page } = await launchApp({ env: { AWS_ENDPOINT_URL_IAM: SANDBOX_LIKE, AWS_REGION: 'us-east-1' }, locale: 'en-US' });
    await expect(page.getByTestId('endpoint')).toHaveText(`Connected to: ${SANDBOX_LIKE} (not AWS)`);
    const info = await page.evaluate(() => window.api.invoke('app:info', {}));
    expect(info).toMatchObject({ endpointOverride: SANDBOX_LIKE, region: 'us-east-1', platform: process.platform });
  });

  test('the seam refuses an unknown channel and a payload that fails its schema', async ({ launchApp }) => {
    const { page } = await launchApp({ env: {}, locale: 'en-US' });
    const unknown = await page.evaluate(() =>
      (window as unknown as { __iamInvoke(c: string, p: unknown): Promise<unknown> }).__iamInvoke('fs:readFile', { path: '/etc/passwd' }),
    );
    expect(unknown).toEqual({ ok: false, error: { code: 'ipc.unknownChannel', params: { channel: 'fs:readFile' } } });
    const invalid = await page.evaluate(() =>
      (window as unknown as { __iamInvoke(c: string, p: unknown): Promise<unknown> }).__iamInvoke('app:openExternal', { url: 42 }),
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'ipc.invalidInput' } });
    const refused = await page.evaluate(() =>
      window.api.invoke('app:openExternal', { url: 'https://evil.example.com/' }).then(
        () => 'opened',
        (e: { code: string }) => e.code,
      ),
    );
    expect(refused).toBe('app.urlNotAllowed');
  });

  test('is keyboard navigable and has no serious accessibility violations', async ({ launchApp }) => {
    const { page } = await launchApp({ env: {}, locale: 'ko-KR' });
    await expect(page.getByTestId('job-onboarding')).toBeVisible();
    for (const lng of ['ko', 'en']) {
      if (lng === 'en') await page.getByRole('button', { name: 'English' }).click();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }
    // Tab reaches the first job card and Enter opens it.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 8; i++) {
      if (await page.getByTestId('job-onboarding').evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.getByTestId('job-onboarding')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('job-onboarding')).toHaveCount(0);
  });
});
