import AxeBuilder from '@axe-core/playwright';
import { ChangePasswordCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { createNodePorts } from '../../electron/platform/node-ports';
import type { BrowserShell, BrowserShellOptions } from '../../scripts/browser-shell/launch-browser-shell';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode } from './support/oathtool';
import { tempHome } from './support/temp-home';
import { signInAdminWithKeys } from './support/admin-flow';

let sandbox: Sandbox;
test.beforeAll(async () => {
  sandbox = await startSandbox();
});
test.afterAll(async () => sandbox?.stop());

type LaunchApp = (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>;

/** Start → "Administer users" → typed access keys → the Status tab. */
async function openStatus(launchApp: LaunchApp) {
  const home = tempHome();
  const app = await launchApp({
    env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
    locale: 'ko-KR',
    ports: createNodePorts({ userData: home.userData, home: home.home }),
  });
  const { page } = app;
  await signInAdminWithKeys(page, sandbox.admin, 'status');
  await expect(page.getByTestId('status-summary')).toBeVisible();
  return { ...app, home };
}

const row = (page: Page, userName: string) => page.getByTestId(`status-row-${userName}`);
const manage = (page: Page, userName: string) => page.getByRole('button', { name: `${userName} 관리`, exact: true });
const panel = (page: Page) => page.getByTestId('status-panel');

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('.onboarding-status').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test.describe('admin: onboarding status', () => {
  test('a table with users in each state, filters by group and tag, CSV export without secrets', async ({ launchApp }) => {
    sandbox.scenario.createGroup('new-hires');
    sandbox.scenario.createGroup('veterans');
    const fresh = sandbox.scenario.newUser({ userName: 'st.fresh', groups: ['new-hires'], tags: { team: 'blue' } });
    // Changed the password the wizard's way: signed with the invite's key.
    const half = sandbox.scenario.newUser({ userName: 'st.half', groups: ['new-hires'], tags: { team: 'red' }, attachEnforcementPolicy: true });
    const sts = new IAMClient({ region: sandbox.region, endpoint: sandbox.url, credentials: { accessKeyId: half.accessKeyId ?? '', secretAccessKey: half.secretAccessKey ?? '' }, maxAttempts: 1 });
    await sts.send(new ChangePasswordCommand({ OldPassword: half.password, NewPassword: 'A-new-Passw0rd!st' }));
    sts.destroy();
    const done = sandbox.scenario.newUser({ userName: 'st.done', passwordResetRequired: false, withMfa: true, groups: ['veterans'], tags: { team: 'blue' } });
    const old = sandbox.scenario.newUser({ userName: 'st.old', groups: ['veterans'] });
    sandbox.scenario.backdateUser('st.old', 120); // invited 120 days ago, never came
    const evil = sandbox.scenario.newUser({ userName: '=1+2' });

    const { page, ports, home } = await openStatus(launchApp);
    await expect(row(page, 'st.fresh')).toHaveAttribute('data-status', 'waitingFirstSignIn');
    await expect(row(page, 'st.fresh').locator('[data-col="status"]')).toHaveText('첫 로그인 대기 중');
    await expect(row(page, 'st.fresh').locator('[data-col="console"]')).toHaveText('설정됨, 변경 필요');
    await expect(row(page, 'st.half')).toHaveAttribute('data-status', 'passwordChangedNoMfa');
    await expect(row(page, 'st.half').locator('[data-col="status"]')).toHaveText('비밀번호 변경함, MFA 없음');
    await expect(row(page, 'st.done')).toHaveAttribute('data-status', 'done');
    await expect(row(page, 'st.done').locator('[data-col="mfa"]')).toHaveText('사용');
    await expect(row(page, sandbox.admin.userName)).toHaveAttribute('data-status', 'noConsoleAccess');
    // The table comes from the credential report: keys by slot (the report has no ids), its age shown;
    // red only for a problem (never used in 120 days), not for a fresh invite's key.
    await expect(row(page, 'st.old').locator('[data-col="key"]')).toHaveText('키 1 120일, 미사용');
    await expect(row(page, 'st.old').locator('[data-col="key"] .key-badge')).toHaveAttribute('data-problem', 'unused');
    await expect(row(page, 'st.fresh').locator('[data-col="key"]')).toHaveText('키 1 0일');
    await expect(row(page, 'st.fresh').locator('[data-col="key"] [data-problem]')).toHaveCount(0);
    await expect(page.getByTestId('status-report-age')).toContainText('자격 증명 보고서 생성 시각');
    await expect(row(page, 'st.fresh')).toHaveAttribute('data-source', 'report');
    expect(sandbox.requestLog.filter((e) => ['GetLoginProfile', 'ListMFADevices', 'ListAccessKeys'].includes(e.action))).toEqual([]);
    // Opening a user reads it live: the key id is there, and the row follows.
    await manage(page, 'st.old').click();
    await expect(panel(page).getByTestId('status-panel-source')).toHaveText('IAM에서 방금 읽었습니다.');
    await expect(panel(page)).toContainText(old.accessKeyId ?? '');
    await expect(row(page, 'st.old').locator('[data-col="key"]')).toHaveText(`${old.accessKeyId!.slice(0, 4)}…${old.accessKeyId!.slice(-4)} 120일, 미사용`);
    await expect(row(page, 'st.old').locator('[data-col="key"] .key-cell')).toHaveAttribute('title', old.accessKeyId!);
    await panel(page).getByRole('button', { name: '사용자 관리 닫기', exact: true }).click();
    await page.screenshot({ path: `${ARTIFACTS}admin-status-table-ko.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);

    await page.locator('#status-filter-group').selectOption('new-hires');
    await expect(page.locator('tbody tr')).toHaveCount(2);
    await expect(row(page, 'st.fresh')).toBeVisible();
    await expect(row(page, 'st.half')).toBeVisible();
    await page.locator('#status-filter-tag').selectOption('team=blue');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await expect(row(page, 'st.fresh')).toBeVisible();
    await page.locator('#status-filter-group').selectOption('');
    await expect(page.locator('tbody tr')).toHaveCount(2);
    await expect(row(page, 'st.done')).toBeVisible();
    await page.locator('#status-filter-tag').selectOption('');
    await page.locator('#status-filter-text').fill('=1');
    await expect(page.locator('tbody tr')).toHaveCount(1);
    await page.locator('#status-filter-text').fill('');

    // Export every user (no filter) and check the file, not the screen.
    const csvPath = join(home.home, 'status.csv');
    ports.dialogs.queueSave(csvPath);
    await page.getByRole('button', { name: 'CSV로 내보내기' }).click();
    await expect(page.getByTestId('status-csv-saved')).toContainText(csvPath);
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.startsWith('\ufeff"사용자","상태"')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(1 + sandbox.state.listUsers().length);
    expect(csv).toContain(`"'=1+2","첫 로그인 대기 중","예","예","아니요","키 1","0"`);
    expect(csv).not.toMatch(/^"=1\+2"/m);
    expect(csv).toContain('"st.done","완료","예","아니요","예"');
    expect(csv).toContain('"st.old","첫 로그인 대기 중","예","예","아니요","' + old.accessKeyId + '","120"'); // read live when opened
    for (const u of [fresh, half, done, old, evil]) {
      expect(csv).not.toContain(u.password);
      if (u.secretAccessKey) expect(csv).not.toContain(u.secretAccessKey);
    }
    expect(csv).not.toContain(done.mfa?.base32Seed ?? 'x');
  });

  test('an expired invite resent, a lost MFA device reset, a bootstrap key removed, MFA set-up asked: each confirmed, each visible in IAM', async ({ launchApp }) => {
    const past = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const fresh = sandbox.scenario.newUser({ userName: 'rs.fresh', attachEnforcementPolicy: true, onboardingWindow: { expiresAt: past } });
    sandbox.scenario.newUser({ userName: 'rs.outsider', passwordResetRequired: false, withAccessKey: false });
    const lost = sandbox.scenario.newUser({ userName: 'rs.lostphone', passwordResetRequired: false, withMfa: true, withAccessKey: true });
    // Its command-line key is in use: not a bootstrap key, yet the reset replaces it (a copy must not meet the open window).
    sandbox.scenario.setAccessKeyLastUsed(lost.accessKeyId ?? '', { date: new Date(), serviceName: 'iam' });
    const old = sandbox.scenario.newUser({ userName: 'rs.oldkey' });
    sandbox.scenario.ageAccessKey(old.accessKeyId ?? '', 45);
    const { page, ports, home } = await openStatus(launchApp);

    // The expired invite is flagged in the table and in the panel, with the resend offered.
    await expect(page.getByTestId('invite-expired-rs.fresh')).toHaveText('초대 만료');
    // Resend: confirm lists the key to delete; the invite opens with the password on screen.
    await manage(page, 'rs.fresh').click();
    await expect(page.getByTestId('invite-expired')).toContainText('초대를 다시 보내세요');
    await panel(page).getByRole('button', { name: '초대 다시 보내기', exact: true }).click();
    await expect(page.getByTestId('confirm-keys-deleted')).toHaveText(fresh.accessKeyId ?? '');
    await expectNoSeriousA11yViolations(page);
    const invitePath = join(home.home, 'rs.fresh.invite.age');
    ports.dialogs.queueSave(invitePath);
    await page.getByRole('button', { name: 'rs.fresh에게 초대 다시 보내기' }).click();
    await expect(page.getByTestId('status-invite-saved')).toContainText(invitePath);
    const password = (await page.getByTestId('status-temporary-password').textContent())!.trim();
    await page.screenshot({ path: `${ARTIFACTS}admin-status-resend-ko.png`, fullPage: true });
    await page.getByRole('button', { name: '비밀번호 복사' }).click();
    await expect(page.getByText('30초 뒤에 클립보드에서 지웁니다')).toBeVisible();
    expect(ports.clipboard.read()).toBe(password);
    const invite = await decryptInvite(readFileSync(invitePath), password, Date.now());
    const keys = sandbox.state.listAccessKeys('rs.fresh');
    expect(keys.map((k) => k.accessKeyId)).toEqual([invite.accessKeyId]);
    expect(keys.map((k) => k.accessKeyId)).not.toContain(fresh.accessKeyId);
    expect(invite.userName).toBe('rs.fresh');
    expect(sandbox.state.getLoginProfile('rs.fresh')?.passwordResetRequired).toBe(true);
    expect(sandbox.state.checkPassword('rs.fresh', password)).toBe(true);
    // A new onboarding period: the window tag carries the new invite's end.
    expect(Date.parse(sandbox.state.getUser('rs.fresh')?.tags['iam-onboarding-window'] ?? '')).toBe(Date.parse(invite.expiresAt));
    await page.getByRole('button', { name: '닫기', exact: true }).click();
    await expect(page.getByTestId('status-temporary-password')).toHaveCount(0);
    await expect(page.getByTestId('invite-expired-rs.fresh')).toHaveCount(0);

    // Ask a user the app did not create to set up MFA: onboarding opens, no credential changes.
    await manage(page, 'rs.outsider').click();
    await panel(page).getByRole('button', { name: 'MFA 설정 요청', exact: true }).click();
    await page.getByRole('button', { name: 'rs.outsider의 온보딩 열기' }).click();
    await expect(page.getByTestId('status-mfa-asked')).toContainText('rs.outsider');
    expect(sandbox.state.getUser('rs.outsider')?.tags['iam-onboarding-window']).toBeTruthy();
    expect(sandbox.state.listAccessKeys('rs.outsider')).toEqual([]);
    await page.getByRole('button', { name: '닫기', exact: true }).click();

    // Reset a lost MFA device: the device is deactivated and deleted, and a new invite is issued.
    await manage(page, 'rs.lostphone').click();
    await expect(panel(page).getByRole('button', { name: '초대 다시 보내기', exact: true })).toBeDisabled();
    await panel(page).getByRole('button', { name: '분실한 MFA 기기 초기화', exact: true }).click();
    await expect(page.getByTestId('confirm-resetMfa')).toContainText(lost.mfa?.serialNumber ?? '');
    await expect(page.getByTestId('confirm-keys-deleted')).toHaveText(lost.accessKeyId ?? '');
    await expect(page.getByTestId('confirm-reset-keys-why')).toContainText('rs.lostphone');
    await page.screenshot({ path: `${ARTIFACTS}admin-status-reset-confirm-ko.png`, fullPage: true });
    const lostPath = join(home.home, 'rs.lostphone.invite.age');
    ports.dialogs.queueSave(lostPath);
    await page.getByRole('button', { name: 'rs.lostphone의 MFA 초기화' }).click();
    await expect(page.getByTestId('status-invite-saved')).toContainText(lostPath);
    const lostPassword = (await page.getByTestId('status-temporary-password').textContent())!.trim();
    expect(sandbox.state.listMfaDevices('rs.lostphone')).toEqual([]);
    expect(sandbox.state.listVirtualMfaDevices().filter((d) => d.userName === 'rs.lostphone' || d.serialNumber === lost.mfa?.serialNumber)).toEqual([]);
    expect(sandbox.state.getLoginProfile('rs.lostphone')?.passwordResetRequired).toBe(true);
    const lostInvite = await decryptInvite(readFileSync(lostPath), lostPassword, Date.now());
    expect(lostInvite.userName).toBe('rs.lostphone');
    expect(sandbox.state.listAccessKeys('rs.lostphone').map((k) => k.accessKeyId)).toEqual([lostInvite.accessKeyId]);
    await page.getByRole('button', { name: '닫기', exact: true }).click();
    await expect(row(page, 'rs.lostphone')).toHaveAttribute('data-status', 'waitingFirstSignIn');

    // Remove the bootstrap key: the confirmation names it; then IAM no longer has it.
    await manage(page, 'rs.oldkey').click();
    await panel(page).getByRole('button', { name: '초기 액세스 키 삭제', exact: true }).click();
    await expect(page.getByTestId('confirm-keys-deleted')).toHaveText(old.accessKeyId ?? '');
    await page.getByRole('button', { name: 'rs.oldkey의 키 삭제' }).click();
    await expect(page.getByTestId('status-result')).toContainText(`삭제함: ${old.accessKeyId}`);
    expect(sandbox.state.listAccessKeys('rs.oldkey')).toEqual([]);
    await expect(row(page, 'rs.oldkey').locator('[data-col="key"]')).toHaveText('없음');
  });

  test('admin-assisted resync of a drifted phone with the codes the user reads out', async ({ launchApp }) => {
    // The phone runs 5 minutes fast: STS refuses its codes until a resync finds and remembers the drift.
    const DRIFT_MS = 5 * 60_000;
    const u = sandbox.scenario.newUser({ userName: 'rz.drift', passwordResetRequired: false, withMfa: true, attachEnforcementPolicy: true });
    const seed = u.mfa?.base32Seed ?? '';
    const phoneCode = (offsetWindows = 0) => oathtoolCode(seed, Date.now() + DRIFT_MS + offsetWindows * 30_000);
    const direct = async (code: string) => {
      const sts = new STSClient({ region: sandbox.region, endpoint: sandbox.url, credentials: { accessKeyId: u.accessKeyId ?? '', secretAccessKey: u.secretAccessKey ?? '' }, maxAttempts: 1 });
      try {
        await sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfa?.serialNumber, TokenCode: code, DurationSeconds: 900 }));
        return 'ok';
      } catch (e) {
        return (e as Error).name;
      } finally {
        sts.destroy();
      }
    };
    expect(await direct(phoneCode())).toBe('AccessDenied');

    const { page } = await openStatus(launchApp);
    await manage(page, 'rz.drift').click();
    await panel(page).getByRole('button', { name: 'MFA 기기 재동기화', exact: true }).click();
    const code1 = page.getByLabel('첫 번째 코드');
    const code2 = page.getByLabel('두 번째 코드(바로 다음 코드)');
    const submit = page.getByRole('button', { name: '재동기화', exact: true });
    // Input checks as in self-service: six digits, not the same twice; AWS is not asked.
    await code1.fill('12a456');
    await code2.fill('123456');
    await submit.click();
    await expect(page.locator('#status-resync-code1-error')).toHaveText('사용자가 불러 준 숫자 6자리를 입력하세요.');
    await code1.fill('123456');
    await submit.click();
    await expect(page.locator('#status-resync-code2-error')).toContainText('첫 번째와 같은 코드입니다.');
    // Wrong codes (an entry of another account in the app): InvalidAuthenticationCode, with the likely causes.
    await code1.fill(oathtoolCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Date.now() - 30_000));
    await code2.fill(oathtoolCode('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'));
    await submit.click();
    await expect(page.locator('[data-error-code="adminStatus.invalidCodes"]')).toContainText('휴대폰 시계가 많이 어긋나 있습니다');
    expect(sandbox.requestLog.filter((e) => e.action === 'ResyncMFADevice').map((e) => e.errorCode ?? e.status)).toEqual(['InvalidAuthenticationCode']);

    // Codes computed right before typing, with enough of the window left for resync and proof.
    const left = 30 - ((Date.now() / 1000) % 30);
    if (left < 12) await page.waitForTimeout(Math.ceil((left + 0.5) * 1000));
    await code1.fill(phoneCode(-1));
    await code2.fill(phoneCode(0));
    await page.screenshot({ path: `${ARTIFACTS}admin-status-resync-ko.png`, fullPage: true });
    await submit.click();
    await expect(page.getByTestId('status-result')).toContainText('AWS가 rz.drift의 MFA 기기를 다시 동기화했습니다.');
    expect(await direct(phoneCode(1))).toBe('ok');
  });
});
