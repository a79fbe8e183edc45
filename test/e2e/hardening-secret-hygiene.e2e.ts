import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { MetadataBearer } from '@smithy/types';
import { decryptInvite } from '../../electron/invites/invite-codec';
import { dispatch } from '../../electron/ipc/dispatch';
import { createLogger } from '../../electron/logging/logger';
import { createNodePorts } from '../../electron/platform/node-ports';
import type { BrowserShell } from '../../scripts/browser-shell/launch-browser-shell';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { expect, test } from './support/fixtures';
import { oathtoolCode, twoConsecutiveCodes } from './support/oathtool';
import { awaitNextWindow, awaitWindowWithAtLeast, changePassword, scanQr, signInWithInvite, TEXT, typeTwoCodes, type OnboardingApp } from './support/onboarding-flow';
import { tempHome } from './support/temp-home';
import { createEnforcementPolicyThroughUi, createUserWithInviteThroughUi, signInAdminWithKeys } from './support/admin-flow';

/**
 * Issue 7's secret hygiene: run admin → invite → resend → wizard (keeping CLI access) with a
 * capturing logger, collect every secret the run used, then scan everything the app wrote or
 * kept in the renderer: no secret, as text or base64, anywhere — except the kept CLI key in the
 * app's command-line store, which outside Electron (no OS keychain) is plain text readable by the
 * user only; the AWS files hold none. And main holds nothing once each flow ends.
 */
let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

const NEW_PASSWORD = 'Quiet-Meadow-Compass-77';

/** The secret as text and as base64 at each of the three byte alignments (the stable middle part). */
function encodings(secret: string): string[] {
  const out = [secret];
  for (let k = 0; k < 3; k++) {
    const b64 = Buffer.concat([Buffer.alloc(k), Buffer.from(secret, 'utf8')]).toString('base64').replace(/=+$/, '');
    out.push(k === 0 ? b64.slice(0, -4) : b64.slice(4, -4));
  }
  return out.filter((s) => s.length >= 12);
}

function hits(haystack: string, secrets: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [label, secret] of secrets) if (encodings(secret).some((e) => haystack.includes(e))) found.push(label);
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Everything a page keeps: both storages (keys and values), IndexedDB database names, cookies. */
async function rendererStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
    const dbs = (await indexedDB.databases()).map((d) => d.name ?? '').join('\n');
    return [dump(localStorage), dump(sessionStorage), dbs, document.cookie].join('\n');
  });
}

/** Records the session credentials STS hands the app (the sandbox does not expose them). */
function captureStsCredentials(shell: BrowserShell, into: Map<string, string>): void {
  const aws = shell.deps.aws as { sts: typeof shell.deps.aws.sts };
  const original = aws.sts.bind(aws);
  aws.sts = (...args: Parameters<typeof original>) => {
    const client = original(...args);
    client.middlewareStack.add(
      (next) => async (input) => {
        const result = await next(input);
        const c = (result.output as MetadataBearer & { Credentials?: { SessionToken?: string; SecretAccessKey?: string } }).Credentials;
        if (c?.SessionToken) into.set(`session token ${into.size}`, c.SessionToken);
        if (c?.SecretAccessKey) into.set(`session secret key ${into.size}`, c.SecretAccessKey);
        return result;
      },
      { step: 'initialize', name: 'hygieneCaptureCredentials' },
    );
    return client;
  };
}

const invoke = async (shell: BrowserShell, channel: string, input: unknown) =>
  dispatch(shell.handlers, channel, input, { emit: () => {} }, createLogger(() => {}));

test('no secret of a full admin → invite → wizard run is written, logged or kept in the renderer', async ({ launchApp }) => {
  test.setTimeout(120_000);
  sandbox.scenario.createGroup('developers');
  const lines: string[] = [];
  const secrets = new Map<string, string>([['admin secret key', sandbox.admin.secretAccessKey]]);

  // ── The administrator (ko): policy, a user + invite, then "resend invite" from the status tab.
  const adminHome = tempHome();
  const admin = await launchApp({
    env: { ...sandbox.env, AWS_CONFIG_FILE: adminHome.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: adminHome.awsCredentialsFile },
    locale: 'ko-KR',
    ports: createNodePorts({ userData: adminHome.userData, home: adminHome.home }),
    log: createLogger((l) => lines.push(l)),
  });
  captureStsCredentials(admin, secrets);
  const a = admin.page;
  await signInAdminWithKeys(a, sandbox.admin);
  await createEnforcementPolicyThroughUi(a);
  const firstInvite = join(adminHome.home, 'park.jiwoo.invite.age');
  const firstPassword = await createUserWithInviteThroughUi(a, admin.ports.dialogs, { userName: 'park.jiwoo', groups: ['developers'], invitePath: firstInvite });
  const run = await invoke(admin, 'admin:users:current', {});
  const runId = run.ok ? (run.value as { runId: string }).runId : '';

  // The password was shown once and not copied: leaving asks first (the guard), and the admin leaves anyway.
  await a.getByTestId('admin-tab-status').click();
  await a.getByTestId('leave-guard').getByRole('button', { name: '그래도 떠나기' }).click();
  await a.getByRole('button', { name: 'park.jiwoo 관리', exact: true }).click();
  await a.getByTestId('status-panel').getByRole('button', { name: '초대 다시 보내기', exact: true }).click();
  const secondInvite = join(adminHome.home, 'park.jiwoo-2.invite.age');
  admin.ports.dialogs.queueSave(secondInvite);
  await a.getByRole('button', { name: 'park.jiwoo에게 초대 다시 보내기' }).click();
  await expect(a.getByTestId('status-invite-saved')).toContainText(secondInvite);
  const secondPassword = (await a.getByTestId('status-temporary-password').textContent())!.trim();
  const first = await decryptInvite(readFileSync(firstInvite), firstPassword, Date.now());
  const second = await decryptInvite(readFileSync(secondInvite), secondPassword, Date.now());
  expect(sandbox.state.listAccessKeys('park.jiwoo').map((k) => k.accessKeyId)).toEqual([second.accessKeyId]);
  const adminStorage = await rendererStorage(a);

  // Sign-out (the resend result left open on purpose): main must drop every secret it held.
  await a.getByRole('button', { name: '로그아웃' }).click();
  await a.getByTestId('leave-guard').getByRole('button', { name: '그래도 떠나기' }).click();
  await expect(a.getByTestId('job-admin').or(a.locator('#admin-key-id'))).toBeVisible();
  expect(await invoke(admin, 'admin:identity', {})).toEqual({ ok: true, value: null });
  const afterSignOut = [
    await invoke(admin, 'admin:users:copyPassword', { runId }),
    await invoke(admin, 'admin:status:copyPassword', { userName: 'park.jiwoo' }),
    await invoke(admin, 'admin:status:list', {}),
  ];
  expect(afterSignOut.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual(['adminUsers.noSuchRun', 'adminStatus.passwordGone', 'admin.notSignedIn']);
  expect(admin.ports.clipboard.read()).toBe('');

  // ── The new employee (en): the second invite, keeping CLI access so a profile is written.
  const home = tempHome();
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const shell = await launchApp({
    env: { ...env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
    locale: 'en-US',
    ports,
    log: createLogger((l) => lines.push(l)),
  });
  captureStsCredentials(shell, secrets);
  const app: OnboardingApp = { page: shell.page, ports, home, text: TEXT.en, shell };
  const p = app.page;
  await p.getByTestId('job-onboarding').click();
  await signInWithInvite(app, secondInvite, secondPassword);
  await changePassword(app, NEW_PASSWORD);
  await expect(p.getByTestId('step-mfa')).toBeVisible();
  const { seed } = await scanQr(p);
  await awaitWindowWithAtLeast(p, 4);
  const [c1, c2] = twoConsecutiveCodes(seed);
  await typeTwoCodes(app, c1, c2);
  await expect(p.getByTestId('step-prove')).toBeVisible();
  await awaitNextWindow(p);
  await p.getByLabel(app.text.prove.code, { exact: true }).fill(oathtoolCode(seed));
  await p.getByRole('button', { name: app.text.prove.submit, exact: true }).click();
  await expect(p.getByTestId('step-finish')).toBeVisible();
  await p.getByLabel(app.text.finish.keepCli).check();
  await p.getByRole('button', { name: app.text.finish.submitKeep }).click();
  await expect(p.getByTestId('step-done')).toBeVisible();
  const wizardStorage = await rendererStorage(p);

  // The flow ended: the wizard's session is gone from main.
  for (const [channel, input] of [
    ['onboarding:showMfaKey', {}],
    ['onboarding:proveMfa', { code: '123456' }],
    ['onboarding:finish', { keepCliAccess: true }],
  ] as const) {
    const out = await invoke(shell, channel, input);
    expect(out.ok ? 'ok' : out.error.code, channel).toBe('onboarding.notSignedIn');
  }

  // ── Every secret the run used.
  secrets.set('first temporary password', firstPassword);
  secrets.set('second temporary password', secondPassword);
  secrets.set('new password', NEW_PASSWORD);
  secrets.set('first bootstrap secret key (deleted by resend)', first.secretAccessKey);
  secrets.set('second bootstrap secret key (deleted at finish)', second.secretAccessKey);
  const store = filesUnder(home.userData).find((f) => /cli-profiles\/[^/]+\.json$/.test(f))!;
  const kept = JSON.parse(readFileSync(store, 'utf8')) as { secretAccessKey: { protection: string; data: string } };
  expect(kept.secretAccessKey.protection).toBe('plain');
  secrets.set('kept CLI secret key', kept.secretAccessKey.data);
  secrets.set('TOTP seed', seed);
  expect([...secrets.keys()].filter((k) => k.startsWith('session token'))).toHaveLength(1);
  expect(sandbox.state.listSessions().filter((s) => s.mfaAuthenticated)).toHaveLength(1);

  // Without an OS keychain (no Electron here) the kept key's secret is in the app's CLI store, in
  // plain text readable by the user only (the positive control: the scan does find secrets), and
  // nowhere else; the AWS files hold none.
  expect(hits(readFileSync(store, 'utf8'), secrets)).toEqual(['kept CLI secret key']);
  expect(hits(readFileSync(home.awsConfigFile, 'utf8'), secrets)).toEqual([]);
  expect(existsSync(home.awsCredentialsFile)).toBe(false);

  const findings: string[] = [];
  for (const file of [...filesUnder(adminHome.home), ...filesUnder(home.home)]) {
    if (file === store) continue;
    for (const label of hits(readFileSync(file).toString('latin1'), secrets)) findings.push(`${file}: ${label}`);
  }
  for (const label of hits(lines.join('\n'), secrets)) findings.push(`log: ${label}`);
  for (const label of hits(adminStorage, secrets)) findings.push(`admin renderer storage: ${label}`);
  for (const label of hits(wizardStorage, secrets)) findings.push(`wizard renderer storage: ${label}`);
  const scanned = [...filesUnder(adminHome.home), ...filesUnder(home.home)];
  console.log(`secret hygiene: ${secrets.size} secrets × (text + base64) over ${scanned.length} files, ${lines.length} log lines, 2 renderers' storage`);
  expect(findings).toEqual([]);
  expect(lines.length).toBeGreaterThan(0);
  expect(filesUnder(adminHome.home).length + filesUnder(home.home).length).toBeGreaterThanOrEqual(4);

  // The world: onboarded, one MFA device, exactly the kept key — a new one, not the invite's.
  expect(sandbox.state.checkPassword('park.jiwoo', NEW_PASSWORD)).toBe(true);
  expect(sandbox.state.listMfaDevices('park.jiwoo')).toHaveLength(1);
  const keptId = (JSON.parse(readFileSync(store, 'utf8')) as { accessKeyId: string }).accessKeyId;
  expect(keptId).not.toBe(second.accessKeyId);
  expect(sandbox.state.listAccessKeys('park.jiwoo').map((k) => k.accessKeyId)).toEqual([keptId]);
});
