/**
 * The status table with 100 users, as an admin who asks "who is still waiting?": the state filter
 * and the expiry sort against the sandbox's own window tags, the side panel in view (focus in, Escape
 * back to the row), nothing wrapping mid-word at the minimum width, a disabled danger button that
 * looks disabled, axe, and screenshots at 1100 and 760 in Korean and English.
 */
import type { Page } from '@playwright/test';
import { ONBOARDING_WINDOW_TAG, windowDate } from '../../src/shared/mfa-policy/onboarding-window';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { signInAdminWithKeys } from './support/admin-flow';
import { expect, test } from './support/fixtures';
import { checkScreen, openTourApp, press, tabTo, title, translator } from './support/ux-checks';

const USERS = 100;
const HOUR = 3_600_000;
let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
  const now = Date.now();
  for (let i = 0; i < USERS; i++) {
    // Long names (ellipsis), and invite ends spread from 12 days ago to 48 days ahead, all different.
    const userName = i % 10 === 0 ? `kim.minji.platform-engineering.${i}` : `user${String(i).padStart(3, '0')}.kim.minji`;
    const expiresAt = windowDate(now + (((i * 37) % 60) - 12) * 24 * HOUR + i * HOUR);
    sandbox.scenario.newUser({ userName, attachEnforcementPolicy: true, onboardingWindow: { expiresAt } });
  }
});
test.afterAll(async () => sandbox?.stop());

/** Each user's invite end as the sandbox holds it (the window tag), or null. */
const windowTags = () =>
  sandbox.state.listUsers().map((u) => {
    const tag = sandbox.state.getUser(u.userName)?.tags[ONBOARDING_WINDOW_TAG];
    return { userName: u.userName, ms: tag ? Date.parse(tag) : null };
  });
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const shownNames = (page: Page) => page.locator('.status-table tbody tr[data-testid]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.replace('status-row-', '')));

/**
 * Places where text breaks inside a word: in each header cell, user-name cell and status badge,
 * two neighbouring non-space characters whose boxes sit on different lines.
 */
function midWordBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    for (const el of document.querySelectorAll('.status-table thead th, .status-table .row-open, .status-table .status-badge, .state-filter')) {
      if ((el as HTMLElement).offsetParent === null) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        let prev: DOMRect | null = null;
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getClientRects()[0];
          if (!r || r.width === 0) continue; // clipped by the ellipsis
          if (prev && r.top > prev.top + 2 && /\S/.test(text[i]!) && /\S/.test(text[i - 1] ?? ' ')) bad.push(`${el.tagName}: ${text.slice(0, i)}⏎${text.slice(i)}`);
          prev = r;
        }
      }
      // One line for headings and names: no wrapping at all.
      if (el.matches('thead th, .row-open') && el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.6 + 16) bad.push(`${el.tagName}: more than one line: ${el.textContent}`);
    }
    return bad;
  });
}

test('100 users: filter by state, sort by expiry, the side panel in view, no mid-word breaks, disabled danger looks off — ko and en', async ({ launchApp }) => {
  test.setTimeout(180_000);
  const { page, t: tKo } = await openTourApp(launchApp, sandbox, 'ko', true);
  await signInAdminWithKeys(page, sandbox.admin, 'status');
  await expect(page.getByTestId('status-summary')).toBeVisible();
  await expect(page.locator('.status-table tbody tr[data-testid]')).toHaveCount(USERS + 1);

  // "Invite expired": exactly the users whose window tag is in the past.
  const now = Date.now();
  const expired = windowTags().filter((u) => u.ms !== null && u.ms < now).map((u) => u.userName).sort(byName);
  expect(expired.length).toBeGreaterThan(5);
  await press(page, page.getByTestId('state-filter-expired'));
  await expect(page.getByTestId('state-filter-expired')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.status-table tbody tr[data-testid]')).toHaveCount(expired.length);
  expect(await shownNames(page)).toEqual(expired);
  await expect(page.getByTestId('state-filter-expired').locator('.state-count')).toHaveText(String(expired.length));
  for (const name of expired.slice(0, 3)) await expect(page.getByTestId(`invite-expired-${name}`)).toBeVisible();
  // "Waiting for onboarding": the rest of the invited users (none has signed in), never an expired one.
  await press(page, page.getByTestId('state-filter-waiting'));
  await expect(page.locator('.status-table tbody tr[data-testid]')).toHaveCount(USERS - expired.length);
  expect((await shownNames(page)).filter((n) => expired.includes(n))).toEqual([]);
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByTestId('state-filter-all')).toBeFocused();
  await page.keyboard.press('Enter');

  // Sort by expiry with the keyboard: the order of the sandbox's tag values; users without one last.
  const tags = windowTags();
  const withTag = tags.filter((u) => u.ms !== null).sort((a, b) => a.ms! - b.ms! || byName(a.userName, b.userName));
  const without = tags.filter((u) => u.ms === null).map((u) => u.userName).sort(byName);
  await press(page, page.getByTestId('sort-expiry'));
  await expect(page.locator('th[data-col="expiry"]')).toHaveAttribute('aria-sort', 'ascending');
  expect(await shownNames(page)).toEqual([...withTag.map((u) => u.userName), ...without]);
  await page.keyboard.press('Enter'); // the same header again: the other way
  await expect(page.locator('th[data-col="expiry"]')).toHaveAttribute('aria-sort', 'descending');
  expect(await shownNames(page)).toEqual([...[...withTag].reverse().map((u) => u.userName), ...without]);
  await page.keyboard.press('Shift+Tab'); // status
  await page.keyboard.press('Shift+Tab'); // user
  await expect(page.getByTestId('sort-user')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('thead th[data-col="user"]')).toHaveAttribute('aria-sort', 'ascending');

  const adminTitle = (tr: typeof tKo) => title(tr('admin:nav.status'), tr('admin:title'), tr('common:appName'));
  for (const lang of ['ko', 'en'] as const) {
    if (lang === 'en') await page.locator('.language-switch button[lang="en"]').click();
    const t = lang === 'ko' ? tKo : await translator('en');
    await expect(page.locator('th[data-col="expiry"]')).toHaveText(t('adminStatus:table.expiry'));
    await checkScreen(page, lang, 'admin-status-table', adminTitle(t));
    for (const width of [1100, 760]) {
      await page.setViewportSize({ width, height: 780 });
      expect(await midWordBreaks(page), `${lang} at ${width}px`).toEqual([]);
    }
    // The name is whole in its title and accessible name even where the cell shows "…".
    const long = page.locator('.row-open', { hasText: 'kim.minji.platform-engineering.0' });
    await expect(long).toHaveAttribute('title', 'kim.minji.platform-engineering.0');

    // The last row's panel (the table scrolled to its end) is in the window, focus in it.
    for (const width of [1100, 760]) {
      await page.setViewportSize({ width, height: 780 });
      const last = page.locator('.status-table tbody tr[data-testid]').last().locator('.row-open');
      const lastName = (await last.getAttribute('title'))!;
      await tabTo(page, last, 400);
      await page.keyboard.press('Enter');
      const panel = page.getByTestId('status-panel');
      await expect(panel).toBeInViewport({ ratio: 1 });
      await expect(page.locator('#status-panel-h')).toBeFocused();
      await expect(page.locator('#status-panel-h')).toContainText(lastName);
      // Back at the page's top, it leaves the header and the section tabs uncovered: sign-out and the tabs still take a click.
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect
        .poll(() =>
          page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('.admin-sign-out, .admin-nav-item')].map((el) => {
              const r = el.getBoundingClientRect();
              return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)) ? 'free' : `covered: ${el.textContent}`;
            }),
          ),
        )
        // Sign-out and the seven section tabs (the last two: accounts, readiness across accounts).
        .toEqual(Array(8).fill('free'));
      await expect(panel).toBeInViewport({ ratio: 1 });
      await page.keyboard.press('Escape');
      await expect(panel).toHaveCount(0);
      await expect(last).toBeFocused();
    }

    // An invited user: "reset MFA" (danger) is disabled — no device —, "remove bootstrap key" (danger) is not.
    await page.setViewportSize({ width: 1100, height: 780 });
    const opener = page.getByRole('button', { name: t('adminStatus:table.manageLabel', { userName: 'user001.kim.minji' }), exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('status-panel');
    await expect(panel.getByTestId('status-panel-source')).toHaveText(t('adminStatus:panel.readAt'));
    const off = panel.getByRole('button', { name: t('adminStatus:actions.resetMfa'), exact: true });
    const on = panel.getByRole('button', { name: t('adminStatus:actions.removeKeys'), exact: true });
    await expect(off).toBeDisabled();
    await expect(on).toBeEnabled();
    const look = (b: typeof on) => b.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, color: getComputedStyle(el).color, border: getComputedStyle(el).borderTopStyle, cursor: getComputedStyle(el).cursor }));
    const [disabled, enabled] = [await look(off), await look(on)];
    expect(disabled.bg).not.toBe(enabled.bg);
    expect(disabled.color).not.toBe(enabled.color);
    expect([disabled.border, disabled.cursor]).toEqual(['dashed', 'not-allowed']);
    expect([enabled.border, enabled.cursor]).toEqual(['solid', 'pointer']);
    // A fresh invite key is not a problem: nothing red in the panel's key list.
    await expect(panel.locator('.status-keys [data-problem]')).toHaveCount(0);
    await checkScreen(page, lang, 'admin-status-panel', adminTitle(t));
    await press(page, panel.getByRole('button', { name: t('adminStatus:panel.close'), exact: true }));
    await expect(opener).toBeFocused();
  }
  // Only reading happened: every user still has the window tag the test gave it.
  expect(windowTags().filter((u) => u.ms !== null)).toHaveLength(USERS);
});
