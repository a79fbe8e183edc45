import { createNodePorts } from '../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack';
import { signInAdminWithKeys } from './support/admin-flow';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';

/**
 * Seeds 000/001, end to end through the UI: readiness says "no alert" → the admin sets up Slack alerts (plan, then
 * create) → a simulated root sign-in arrives in the fake Slack in Korean, then (set up again in English) in
 * English → a test alert goes through AWS → removing the alerts leaves nothing behind.
 */
test.describe('guarding the account through the UI', () => {
  let sandbox: Sandbox;
  let slack: FakeSlack;
  test.beforeEach(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-prod' });
    slack = await startFakeSlack();
    sandbox.guard.trustCa(slack.caPem);
  });
  test.afterEach(async () => {
    await slack.close();
    await sandbox.stop();
  });

  test('no alert → set up through the UI → root sign-ins arrive in Slack (ko, en) → test alert → removed', async ({ launchApp }) => {
    const { page } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(tempHome()) });
    await signInAdminWithKeys(page, sandbox.admin);
    const row = page.getByTestId('check-rootAlerts');
    await expect(row).toHaveAttribute('data-status', 'fail');
    await expect(row.getByTestId('alert-coverage')).toContainText('루트 로그인(성공): 알림 없음');
    await expect(row).toContainText('us-east-1');

    const secretPath = new URL(slack.webhookUrl).pathname;
    const setUp = async (labels: { webhook: string; review: string; apply: string }) => {
      const before = sandbox.guard.view();
      await row.getByLabel(labels.webhook).fill(slack.webhookUrl);
      await row.getByRole('button', { name: labels.review }).click();
      await expect(row.getByTestId('alerts-plan-items')).toBeVisible();
      // Nothing changes until the admin agrees; the URL is gone from the screen.
      expect(sandbox.guard.view()).toEqual(before);
      expect(await page.content()).not.toContain(secretPath);
      await row.getByRole('button', { name: labels.apply }).click();
      await expect(row.getByTestId('alerts-created')).toBeVisible();
      await expect(row).toHaveAttribute('data-status', 'ok');
    };

    await setUp({ webhook: 'Slack 수신 웹후크 URL', review: '만들어질 것 확인하기…', apply: '알림 만들기' });
    await expect(row.getByTestId('alerts-ours')).toContainText(`Slack: ${new URL(slack.webhookUrl).host}`);
    await page.screenshot({ path: `${ARTIFACTS}admin-root-alerts-ko.png`, fullPage: true });

    const signIn = await sandbox.guard.simulateRootSignIn({ result: 'Success', sourceIp: '203.0.113.7' });
    const [ko] = await slack.waitForPosts(1);
    expect(ko?.text).toBe(
      `AWS 루트 사용자 로그인\n계정: ${sandbox.accountId} (acme-prod)\n시간: ${(signIn.detail as { eventTime: string }).eventTime} (UTC)\n출발지 IP: 203.0.113.7\n결과: 성공`,
    );

    // The same setup in English replaces the Korean one.
    await page.getByRole('button', { name: 'English' }).click();
    await setUp({ webhook: 'Slack incoming-webhook URL', review: 'Review what will be created…', apply: 'Create alerts' });
    await sandbox.guard.simulateRootSignIn({ result: 'Failure', sourceIp: '198.51.100.9' });
    const en = (await slack.waitForPosts(2))[1];
    expect(en?.text).toContain('AWS root user sign-in failed\nAccount: ');
    expect(en?.text).toContain('Source IP: 198.51.100.9\nResult: failure');

    await row.getByRole('button', { name: 'Send a test alert' }).click();
    await expect(row.getByTestId('alerts-test-sent')).toContainText('Each rule also matches a sample root event.');
    const test = (await slack.waitForPosts(3))[2];
    expect(test?.text).toContain('Test alert from IAM Onboarding Assistant');

    await row.getByRole('button', { name: 'Remove the alerts' }).click();
    await expect(row.getByTestId('alerts-removed')).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'fail');
    expect(sandbox.guard.view()).toMatchObject({ rules: [], apiDestinations: [], connections: [] });
    expect(sandbox.state.listUsers().length).toBeGreaterThan(0);
    // Nothing the renderer kept holds the webhook URL.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.documentElement.outerHTML);
    expect(stored).not.toContain(secretPath);
  });

  test('CloudTrail and S3 Block Public Access through the UI (en): plan shown first, created, then undone', async ({ launchApp }) => {
    const { page } = await launchApp({ env: sandbox.env, locale: 'en-US', ports: createNodePorts(tempHome()) });
    await signInAdminWithKeys(page, sandbox.admin);
    const trail = page.getByTestId('check-cloudTrail');
    await expect(trail).toHaveAttribute('data-status', 'fail');
    await trail.getByRole('button', { name: 'Review what creating a trail makes…' }).click();
    await expect(trail.getByTestId('trail-plan-items')).toContainText('Trail for all regions');
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [] });
    await trail.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(trail).toHaveAttribute('data-status', 'ok');
    expect(sandbox.guard.view().trails).toMatchObject([{ name: 'iam-onboarding-account-trail', isMultiRegionTrail: true, isLogging: true }]);
    await trail.getByRole('button', { name: 'Remove the trail this app created' }).click();
    await expect(trail.getByTestId('trail-removed')).toContainText('The trail and its (empty) bucket are removed.');
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [] });

    const s3 = page.getByTestId('check-s3PublicAccess');
    await s3.getByRole('button', { name: 'Turn on Block Public Access…' }).click();
    await expect(s3.getByRole('alertdialog')).toContainText('static website');
    await s3.getByRole('button', { name: 'Yes, block public access' }).click();
    await expect(s3).toHaveAttribute('data-status', 'ok');
    expect(sandbox.guard.view().accountPublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await page.screenshot({ path: `${ARTIFACTS}admin-guard-en.png`, fullPage: true });
    await s3.getByRole('button', { name: 'Undo (put back the previous settings)' }).click();
    await expect(s3).toHaveAttribute('data-status', 'fail');
    expect(sandbox.guard.view().accountPublicAccessBlock).toBeNull();
  });
});
