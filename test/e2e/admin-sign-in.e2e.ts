import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createNodePorts } from '../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { oathtoolCode } from './support/oathtool';
import { tempHome } from './support/temp-home';

const ALL_ACCESS = { name: 'AdminLikeForTest', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/** A code from oathtool, not in the last seconds of its 30 s window (so it is still valid when it arrives). */
async function freshCode(seed: string): Promise<string> {
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  if (left <= 4) await new Promise((r) => setTimeout(r, (left + 1) * 1000));
  return oathtoolCode(seed, Date.now());
}

async function openAdmin(page: Page) {
  await page.getByTestId('job-admin').click();
  await expect(page.getByRole('heading', { name: '관리자로 로그인' })).toBeVisible();
}

test.describe('admin sign-in', () => {
  let sandbox: Sandbox;
  test.beforeEach(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  });
  test.afterEach(async () => sandbox.stop());

  test('typed access keys: a warning first, then the header shows who and which account; sign out wipes it', async ({ launchApp }) => {
    const h = tempHome();
    const { page, handlers } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports: createNodePorts(h) });
    await openAdmin(page);
    await page.getByLabel('액세스 키 직접 입력').check();
    await expect(page.getByTestId('keys-warning')).toContainText('권장하지 않습니다');
    await page.getByLabel('액세스 키 ID').fill(sandbox.admin.accessKeyId);
    await page.getByLabel('비밀 액세스 키').fill(sandbox.admin.secretAccessKey);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    const bar = page.getByTestId('admin-identity');
    await expect(bar).toContainText(`admin @ acme-prod (${sandbox.accountId})`);
    await expect(bar).toContainText('직접 입력한 액세스 키');
    // It lives in the app header.
    await expect(page.locator('#header-slot').getByTestId('admin-identity')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}admin-signed-in-ko.png` });
    expect(sandbox.requestLog.some((r) => r.action === 'GetCallerIdentity' && r.caller === 'admin')).toBe(true);

    await bar.getByRole('button', { name: '로그아웃' }).click();
    await expect(page.getByRole('heading', { name: '관리자로 로그인' })).toBeVisible();
    // Main holds nothing any more.
    expect(await handlers['admin:identity']({}, { emit: () => {} })).toBeNull();
  });

  test('AWS profiles: listed from the config files; a keys profile, then role + keys profiles that ask for an MFA code', async ({ launchApp }) => {
    const h = tempHome();
    const roleUser = sandbox.scenario.newUser({ userName: 'role.admin', withMfa: true, policies: [ALL_ACCESS] });
    const mfaUser = sandbox.scenario.newUser({ userName: 'mfa.admin', withMfa: true, policies: [ALL_ACCESS] });
    writeFileSync(
      h.awsCredentialsFile,
      [
        `[dev]\naws_access_key_id = ${sandbox.admin.accessKeyId}\naws_secret_access_key = ${sandbox.admin.secretAccessKey}`,
        `[role-base]\naws_access_key_id = ${roleUser.accessKeyId}\naws_secret_access_key = ${roleUser.secretAccessKey}`,
        `[mfa-keys]\naws_access_key_id = ${mfaUser.accessKeyId}\naws_secret_access_key = ${mfaUser.secretAccessKey}`,
      ].join('\n\n') + '\n',
    );
    writeFileSync(
      h.awsConfigFile,
      [
        `[profile dev]\nregion = ap-northeast-2`,
        `[profile prod-admin]\nrole_arn = arn:aws:iam::${sandbox.accountId}:role/OrganizationAccountAccessRole\nsource_profile = role-base\nmfa_serial = ${roleUser.mfa?.serialNumber}\nregion = us-east-1`,
        `[profile mfa-keys]\nmfa_serial = ${mfaUser.mfa?.serialNumber}`,
      ].join('\n\n') + '\n',
    );
    const env = { ...sandbox.env, AWS_CONFIG_FILE: h.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: h.awsCredentialsFile };
    const { page } = await launchApp({ env, locale: 'ko-KR', ports: createNodePorts(h) });
    await openAdmin(page);
    await expect(page.getByTestId('profile-dev')).toContainText('액세스 키');
    await expect(page.getByTestId('profile-prod-admin')).toContainText('역할 전환(AssumeRole)');
    await expect(page.getByTestId('profile-prod-admin')).toContainText('MFA 필요');
    await page.screenshot({ path: `${ARTIFACTS}admin-profiles-ko.png` });

    // 1. A plain keys profile.
    await page.getByTestId('profile-dev').getByRole('radio').check();
    await page.getByRole('button', { name: '이 프로필로 로그인' }).click();
    await expect(page.getByTestId('admin-identity')).toContainText('admin @ acme-prod');
    await expect(page.getByTestId('admin-identity')).toContainText('프로필 dev');
    await page.getByRole('button', { name: '로그아웃' }).click();

    // 2. role_arn + mfa_serial: the SDK's fromIni asks for the code; a wrong code is a clear message.
    await page.getByTestId('profile-prod-admin').getByRole('radio').check();
    await page.getByRole('button', { name: '이 프로필로 로그인' }).click();
    await expect(page.getByText("'prod-admin' 프로필은 MFA 코드가 필요합니다")).toBeVisible();
    await page.getByLabel('MFA 코드').fill('000000');
    await page.getByRole('button', { name: '확인' }).click();
    await expect(page.locator('[data-error-code="admin.mfaCodeRejected"]')).toBeVisible();
    await page.getByRole('button', { name: '이 프로필로 로그인' }).click();
    await page.getByLabel('MFA 코드').fill(await freshCode(roleUser.mfa?.base32Seed as string));
    await page.getByRole('button', { name: '확인' }).click();
    await expect(page.getByTestId('admin-identity')).toContainText('OrganizationAccountAccessRole/');
    await expect(page.getByTestId('admin-identity')).toContainText('프로필 prod-admin');
    await expect(page.getByTestId('admin-identity')).toContainText('만료');
    await page.getByRole('button', { name: '로그아웃' }).click();

    // 3. keys + mfa_serial (an admin's own key profile): an MFA session via GetSessionToken.
    await page.getByTestId('profile-mfa-keys').getByRole('radio').check();
    await page.getByRole('button', { name: '이 프로필로 로그인' }).click();
    await page.getByLabel('MFA 코드').fill(await freshCode(mfaUser.mfa?.base32Seed as string));
    await page.getByRole('button', { name: '확인' }).click();
    await expect(page.getByTestId('admin-identity')).toContainText('mfa.admin @ acme-prod');

    // The world: AssumeRole and GetSessionToken carried MFA, and the sessions are MFA-authenticated.
    const sessions = sandbox.state.listSessions();
    expect(sessions.some((s) => s.principal.includes('OrganizationAccountAccessRole') && s.mfaAuthenticated)).toBe(true);
    expect(sessions.some((s) => s.principal.includes('mfa.admin') && s.mfaAuthenticated)).toBe(true);
  });

  test('IAM Identity Center device sign-in: the code is approved at the sandbox; expiry and cancel are clear', async ({ launchApp }) => {
    const h = tempHome();
    const ports = createNodePorts(h);
    const { page } = await launchApp({ env: sandbox.env, locale: 'ko-KR', ports });
    await openAdmin(page);
    await page.getByLabel('IAM Identity Center (SSO)').check();
    await page.getByLabel('시작 URL').fill('https://acme.awsapps.com/start');
    await page.getByLabel('IAM Identity Center 리전').fill('us-east-1');

    // Cancel while waiting: the poll loop stops.
    await page.getByRole('button', { name: '로그인 시작' }).click();
    await expect(page.getByTestId('sso-user-code')).toHaveText(/^[A-Z]{4}-[A-Z]{4}$/);
    await page.getByRole('button', { name: '취소' }).click();
    await expect(page.getByRole('button', { name: '로그인 시작' })).toBeVisible();
    const pollsAfterCancel = sandbox.requestLog.filter((r) => r.action === 'CreateToken').length;
    await page.waitForTimeout(2_500);
    expect(sandbox.requestLog.filter((r) => r.action === 'CreateToken').length).toBe(pollsAfterCancel);

    // An expired device code.
    await page.getByRole('button', { name: '로그인 시작' }).click();
    await expect(page.getByTestId('sso-user-code')).toBeVisible();
    sandbox.setClockSkewMs(11 * 60_000);
    await expect(page.locator('[data-error-code="admin.ssoExpired"]')).toContainText('유효 시간이 지났습니다');
    sandbox.setClockSkewMs(0);

    // Approved: pick the account and role.
    await page.getByRole('button', { name: '로그인 시작' }).click();
    const code = (await page.getByTestId('sso-user-code').textContent()) ?? '';
    await page.screenshot({ path: `${ARTIFACTS}admin-sso-code-ko.png` });
    // The verification URL went to the system browser (the sandbox origin is an allowed override).
    expect(ports.links.opened.at(-1)).toContain(`${sandbox.url}/__sandbox/sso/device`);
    sandbox.sso.approve(code);
    await page.getByRole('button', { name: 'AdministratorAccess 역할로 로그인' }).click();
    await expect(page.getByTestId('admin-identity')).toContainText(`IAM Identity Center ${sandbox.accountId} / AdministratorAccess`);
    await expect(page.getByTestId('admin-identity')).toContainText('AWSReservedSSO_AdministratorAccess');
    expect(sandbox.requestLog.filter((r) => r.action === 'RegisterClient')).toHaveLength(1); // cached, encrypted
    expect(sandbox.requestLog.some((r) => r.action === 'GetRoleCredentials' && r.status === 200)).toBe(true);
  });

  test('an SSO profile without a cached token hands over to the device sign-in, prefilled, and lands on its account and role', async ({ launchApp }) => {
    const h = tempHome();
    writeFileSync(
      h.awsConfigFile,
      [
        '[profile corp-admin]',
        'sso_session = corp',
        `sso_account_id = ${sandbox.accountId}`,
        'sso_role_name = AdministratorAccess',
        'region = us-east-1',
        '',
        '[sso-session corp]',
        'sso_start_url = https://acme.awsapps.com/start',
        'sso_region = us-east-1',
        '',
      ].join('\n'),
    );
    // The SDK's SSO provider reads AWS_CONFIG_FILE from process.env itself (not from fromIni's
    // options), as it does in the app, where the handlers' env is process.env.
    const savedConfig = process.env.AWS_CONFIG_FILE;
    process.env.AWS_CONFIG_FILE = h.awsConfigFile;
    try {
      const { page } = await launchApp({
        env: { ...sandbox.env, AWS_CONFIG_FILE: h.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: h.awsCredentialsFile },
        locale: 'ko-KR',
        ports: createNodePorts(h),
      });
      await openAdmin(page);
      await page.getByTestId('profile-corp-admin').getByRole('radio').check();
      await page.getByRole('button', { name: '이 프로필로 로그인' }).click();
      await expect(page.locator('[data-error-code="admin.ssoProfileNeedsLogin"]')).toContainText('corp-admin');
      await page.getByTestId('sso-profile-device-sign-in').click();
      const code = (await page.getByTestId('sso-user-code').textContent()) ?? '';
      sandbox.sso.approve(code);
      await expect(page.getByTestId('admin-identity')).toContainText(`IAM Identity Center ${sandbox.accountId} / AdministratorAccess`);
      expect(sandbox.requestLog.some((r) => r.action === 'GetRoleCredentials' && r.status === 200)).toBe(true);
    } finally {
      if (savedConfig === undefined) delete process.env.AWS_CONFIG_FILE;
      else process.env.AWS_CONFIG_FILE = savedConfig;
    }
  });
});
