import { expect } from './fixtures';
import type { Page } from '@playwright/test';

export type AdminTabId = 'readiness' | 'policy' | 'users' | 'bulk' | 'status';

/** What an administrator does: Start → "Administer users" → typed access keys → sign in → a tab. */
export async function signInAdminWithKeys(
  page: Page,
  keys: { accessKeyId: string; secretAccessKey: string },
  tab?: AdminTabId,
): Promise<void> {
  await page.getByTestId('job-admin').click();
  await page.locator('input[name="admin-method"][value="keys"]').check();
  await page.locator('#admin-key-id').fill(keys.accessKeyId);
  await page.locator('#admin-secret').fill(keys.secretAccessKey);
  await page.locator('form:has(#admin-key-id) button[type="submit"]').click();
  if (tab) await page.getByTestId(`admin-tab-${tab}`).click();
}

/** On the MFA policy tab (Korean UI): create the enforcement policy and wait until it is current. */
export async function createEnforcementPolicyThroughUi(page: Page): Promise<void> {
  await page.getByTestId('admin-tab-policy').click();
  await page.getByRole('button', { name: '정책 만들기' }).click();
  await expect(page.getByTestId('policy-state')).toHaveAttribute('data-state', 'current');
}

/**
 * On the Users tab (Korean UI): create `userName` in `groups`, save the invite where the scripted
 * dialog answers `invitePath`, and return the temporary password shown once.
 */
export async function createUserWithInviteThroughUi(
  page: Page,
  dialogs: { queueSave(path: string | null): void },
  o: { userName: string; groups: string[]; invitePath: string },
): Promise<string> {
  await page.getByTestId('admin-tab-users').click();
  await page.locator('#cu-name').fill(o.userName);
  for (const g of o.groups) await page.locator('.group-list label', { hasText: new RegExp(`^${g}$`) }).locator('input').check();
  await page.getByRole('button', { name: '사용자 만들기' }).click();
  await expect(page.locator('.provision-run')).toHaveAttribute('data-phase', 'done');
  dialogs.queueSave(o.invitePath);
  await page.getByRole('button', { name: '초대 파일 저장…' }).click();
  await expect(page.getByTestId('invite-saved')).toContainText(o.invitePath);
  return (await page.getByTestId('temporary-password').textContent())!.trim();
}
