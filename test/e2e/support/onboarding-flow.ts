import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type ko from '../../../src/i18n/ko/onboarding.json';
import { createNodePorts, type NodePorts } from '../../../electron/platform/node-ports';
import type { BrowserShell, BrowserShellOptions } from '../../../scripts/browser-shell/launch-browser-shell';
import type { Sandbox } from '../../sandbox/index';
import { expect } from './fixtures';
import { decodeQrOnScreen, seedFromOtpauth } from './qr';
import { oathtoolCode, twoConsecutiveCodes } from './oathtool';
import { tempHome } from './temp-home';

export type Lang = 'ko' | 'en';
/** The wizard's strings, so tests find controls by the words a person reads. */
const load = (lang: Lang) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../src/i18n/${lang}/onboarding.json`, import.meta.url)), 'utf8')) as typeof ko;
export const TEXT = { ko: load('ko'), en: load('en') };

export interface OnboardingApp {
  page: Page;
  ports: NodePorts;
  home: ReturnType<typeof tempHome>;
  text: typeof ko;
  shell: BrowserShell;
}

/** Opens the app on the wizard, pointed at the sandbox WITHOUT the admin's keys, with a throwaway ~/.aws. */
export async function openWizard(
  launchApp: (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>,
  sandbox: Sandbox,
  opts: { lang?: Lang; maxAttempts?: number } = {},
): Promise<OnboardingApp> {
  const lang = opts.lang ?? 'ko';
  const home = tempHome();
  const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _secret, ...env } = sandbox.env;
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const shell = await launchApp({
    env: { ...env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    ports,
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
  await shell.page.getByTestId('job-onboarding').click();
  await expect(shell.page.getByTestId('step-signIn')).toBeVisible();
  return { page: shell.page, ports, home, text: TEXT[lang], shell };
}

/** What a person does: "choose file" (the scripted dialog answers with `file`), type the temporary password, sign in. */
export async function signInWithInvite(app: OnboardingApp, file: string, temporaryPassword: string): Promise<void> {
  const { page, text } = app;
  app.ports.dialogs.queueOpen(file);
  await page.getByRole('button', { name: text.signIn.chooseFile }).click();
  await expect(page.getByTestId('invite-file-name')).toBeVisible();
  await page.getByLabel(text.signIn.temporaryPassword, { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: text.signIn.submit, exact: true }).click();
}

export async function changePassword(app: OnboardingApp, newPassword: string): Promise<void> {
  const { page, text } = app;
  await expect(page.getByTestId('step-password')).toBeVisible();
  await expect(page.getByTestId('policy-source')).toBeVisible();
  await page.getByLabel(text.password.newPassword, { exact: true }).fill(newPassword);
  await page.getByLabel(text.password.confirm, { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: text.password.submit }).click();
}

/** Screenshot the QR as shown, decode it with zbarimg: the otpauth URI and its seed, as a phone camera gets them. */
export async function scanQr(page: Page): Promise<{ uri: string; seed: string }> {
  const qr = page.getByTestId('mfa-qr');
  await expect(qr).toBeVisible();
  const uri = await decodeQrOnScreen(qr);
  return { uri, seed: seedFromOtpauth(uri) };
}

/** Codes are computed right before typing; never in the last seconds of a 30 s window. */
export async function awaitWindowWithAtLeast(page: Page, seconds: number): Promise<void> {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < seconds) await page.waitForTimeout(Math.ceil((left + 0.5) * 1000));
}

/** Waits for the authenticator's next code (the start of the next window, plus a margin). */
export async function awaitNextWindow(page: Page): Promise<void> {
  const left = 30 - ((Date.now() / 1000) % 30);
  await page.waitForTimeout(Math.ceil((left + 1) * 1000));
}

export async function typeTwoCodes(app: OnboardingApp, code1: string, code2: string): Promise<void> {
  const { page, text } = app;
  await page.getByLabel(text.mfa.code1, { exact: true }).fill(code1);
  await page.getByLabel(text.mfa.code2, { exact: true }).fill(code2);
  await page.getByRole('button', { name: text.mfa.submit }).click();
}

export const errorCode = (page: Page) => page.locator('[data-error-code]');

/**
 * From the password screen to "prove it" done, as a person with a phone: new password, scan the QR
 * (zbarimg), two consecutive codes (oathtool), then a fresh code. Ends on the finish screen and
 * returns the seed the QR carried.
 */
export async function passwordMfaAndProof(app: OnboardingApp, newPassword: string): Promise<string> {
  const { page, text } = app;
  await changePassword(app, newPassword);
  await expect(page.getByTestId('step-mfa')).toBeVisible();
  const { seed } = await scanQr(page);
  await awaitWindowWithAtLeast(page, 4);
  const [c1, c2] = twoConsecutiveCodes(seed);
  await typeTwoCodes(app, c1, c2);
  await expect(page.getByTestId('step-prove')).toBeVisible();
  await awaitNextWindow(page);
  await page.getByLabel(text.prove.code, { exact: true }).fill(oathtoolCode(seed));
  await page.getByRole('button', { name: text.prove.submit, exact: true }).click();
  await expect(page.getByTestId('step-finish')).toBeVisible();
  return seed;
}
