import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { FIXTURE_PASSPHRASE, INVITE_CORPUS, inviteFixture } from '../fixtures/files/corpus';
import { ageCliAvailable, ageDecrypt, ageEncryptPassphrase } from '../support/age-cli';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { errorCode, openWizard, signInWithInvite, type Lang, type OnboardingApp } from './support/onboarding-flow';
import { writeInviteFile } from './support/onboarding-invite';

/**
 * Invite files made with the age command-line tool, through the wizard's real screens in both
 * languages: each kind gets its own message (never "not an invite" for a file that is one, never a
 * raw date), no request reaches AWS — and an app invite re-encrypted with `age -p` signs in.
 */
const invite = (lang: Lang) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/i18n/${lang}/invite.json`, import.meta.url)), 'utf8')) as { errors: Record<string, unknown> };
/** The localized message of `code` up to its first placeholder. */
function lead(lang: Lang, code: string): string {
  let node: unknown = invite(lang).errors;
  for (const part of code.replace(/^invite\./, '').split('.')) node = (node as Record<string, unknown>)[part];
  if (typeof node !== 'string') throw new Error(`no ${lang} message for ${code}`);
  return node.split('{{')[0]!.trim();
}

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
});
test.afterEach(async () => sandbox.stop());

async function expectRefused(app: OnboardingApp, lang: Lang, file: string, code: string, password = FIXTURE_PASSPHRASE) {
  await signInWithInvite(app, file, password);
  const alert = errorCode(app.page);
  // Files made with the age CLI cost scrypt at 2^18 (256 MiB): allow for a loaded machine.
  await expect(alert, file).toHaveAttribute('data-error-code', code, { timeout: 30_000 });
  await expect(alert, file).toContainText(lead(lang, code));
  await expect(alert).not.toContainText(/\{\{|\binvite\.[a-z]|\baws\.[A-Z]/); // no placeholder, no internal code
}

/** age-cli-passphrase.age with its header's work factor raised to 2^21 (beyond what the app will run). */
function costlyCopy(dir: string): string {
  const bytes = readFileSync(inviteFixture('age-cli-passphrase.age'));
  const at = bytes.indexOf(' 18\n');
  bytes.write(' 21\n', at, 'latin1');
  const path = join(dir, 'costly.age');
  writeFileSync(path, bytes);
  return path;
}

const KO = ['age-cli-x25519.age', 'age-cli-truncated-armored.age', 'age-cli-damaged-armor.age', 'age-cli-hostile-fields.age', 'age-cli-tampered.age'];
const EN = ['age-cli-ssh-ed25519.age', 'age-cli-truncated-header.age', 'age-cli-not-an-invite.age', 'age-cli-file-endpoint.age'];

for (const [lang, files] of [['ko', KO], ['en', EN]] as const) {
  test(`${lang}: files made with the age CLI — ${files.join(', ')}, a work factor above the cap, and an expired invite with its date in ${lang}`, async ({ launchApp }) => {
    const app = await openWizard(launchApp, sandbox, { lang });
    for (const file of files) {
      const expected = INVITE_CORPUS.find((c) => c.file === file)!;
      await expectRefused(app, lang, inviteFixture(file), expected.code);
      if (expected.params?.value) await expect(errorCode(app.page)).toContainText(String(expected.params.value));
    }
    const dir = mkdtempSync(join(tmpdir(), 'invites-'));
    await expectRefused(app, lang, costlyCopy(dir), 'invite.workFactorTooHigh');
    await expect(errorCode(app.page)).toContainText('2^21');

    const user = sandbox.scenario.newUser({ userName: 'late.joiner', attachEnforcementPolicy: true });
    const expiresAt = '2026-01-05T06:30:00.000Z';
    const expired = await writeInviteFile(dir, sandbox, user, { issuedAt: '2025-12-29T06:30:00.000Z', expiresAt });
    await expectRefused(app, lang, expired, 'invite.expired', user.password);
    const local = await app.page.evaluate(([iso, l]) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)), [expiresAt, lang] as const);
    await expect(errorCode(app.page)).toContainText(local);
    await expect(errorCode(app.page)).toContainText(lang === 'ko' ? '2026년 1월 5일' : 'January 5, 2026');
    await expect(errorCode(app.page)).not.toContainText(expiresAt);
    await app.page.screenshot({ path: `${ARTIFACTS}files-invites-expired-${lang}.png`, fullPage: true });
    expect(sandbox.requestLog).toEqual([]);
  });
}

test('ko: an invite the app wrote, opened with `age -d` and re-encrypted with `age -p` (2^18), signs in with a working indicator', async ({ launchApp }) => {
  test.skip(!ageCliAvailable() && process.env.CI !== 'true', 'the age CLI is not installed (CI installs it)');
  const user = sandbox.scenario.newUser({ userName: 'kim.minji', attachEnforcementPolicy: true });
  const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
  const dir = mkdtempSync(join(tmpdir(), 'reencrypt-'));
  const appFile = await writeInviteFile(dir, sandbox, user);
  await ageDecrypt(appFile, join(dir, 'invite.json'), user.password);
  await ageEncryptPassphrase(join(dir, 'invite.json'), join(dir, 'kim.minji.invite.age'), user.password);
  expect(readFileSync(join(dir, 'kim.minji.invite.age'), 'latin1')).toContain('BEGIN AGE ENCRYPTED FILE');

  await signInWithInvite(app, join(dir, 'kim.minji.invite.age'), user.password);
  await expect(app.page.getByTestId('invite-opening')).toBeVisible();
  await expect(app.page.getByTestId('step-password')).toBeVisible({ timeout: 30_000 });
  await expect(app.page.getByTestId('invite-opening')).toHaveCount(0);
  // The world: the wizard signed in as that user with the invite's key (GetCallerIdentity, then GetLoginProfile).
  const calls = sandbox.requestLog.map((e) => e.action);
  expect(calls.slice(0, 2)).toEqual(['GetCallerIdentity', 'GetLoginProfile']);
  expect(sandbox.requestLog.slice(0, 2).map((e) => e.caller)).toEqual(['kim.minji', 'kim.minji']);
});
