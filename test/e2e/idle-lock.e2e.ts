import { expect, test } from './support/fixtures';

test('after the idle timeout the UI locks, says why, and main has dropped what it held', async ({ launchApp }) => {
  const app = await launchApp({ env: {}, locale: 'en-US', idleLockMs: 1_500 });
  let wiped = false;
  app.deps.lifecycle.hold('test/probe', { holdsSecrets: () => !wiped, wipe: () => void (wiped = true) });
  await app.page.getByTestId('job-resync').click();
  await app.page.evaluate(() => window.api.invoke('app:info', {})); // activity
  await expect(app.page.getByTestId('locked-notice')).toContainText('Locked after a period of inactivity', { timeout: 10_000 });
  await expect(app.page.getByTestId('job-onboarding')).toBeVisible();
  expect(wiped).toBe(true);
});
