import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { generateBadInvites, writeBadInvites, type BadInvite, type BadInviteKind } from '../fixtures/bad-invites/generate';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { expect, test } from './support/fixtures';
import { errorCode, openWizard, type Lang, type OnboardingApp } from './support/onboarding-flow';
import { invitePayloadFor } from './support/onboarding-invite';

/**
 * Bad invites through the wizard's real screens: each gets the message for its own code in the
 * user's language (never the generic "unknown" one), and not one request reaches AWS.
 */
const strings = (lang: Lang, ns: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/i18n/${lang}/${ns}.json`, import.meta.url)), 'utf8')) as { errors: Record<string, string> } & Record<string, unknown>;

/** The localized message of `code` up to its first placeholder (params vary per file). */
function expectedText(lang: Lang, code: string): string {
  const [ns, name] = code.split('.') as [string, string];
  const template = strings(lang, ns).errors[name];
  if (!template) throw new Error(`no ${lang} message for ${code}`);
  return template.split('{{')[0]!.trim();
}
const unknownText = (lang: Lang) => (strings(lang, 'errors') as unknown as { unknown: string }).unknown.split('{{')[0]!.trim();

let sandbox: Sandbox;
let corpus: BadInvite[];
test.beforeEach(async () => {
  sandbox = await startSandbox({ accountAlias: 'acme-prod' });
  const user = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
  corpus = await generateBadInvites(invitePayloadFor(sandbox, user), user.password);
});
test.afterEach(async () => sandbox.stop());

async function expectMessage(app: OnboardingApp, lang: Lang, bad: BadInvite): Promise<void> {
  const alert = errorCode(app.page);
  await expect(alert, bad.kind).toHaveAttribute('data-error-code', bad.code);
  await expect(alert, bad.kind).toContainText(expectedText(lang, bad.code));
  await expect(alert, bad.kind).not.toContainText(unknownText(lang));
}

/** What a person does: choose the file in the dialog, type the temporary password, sign in. */
async function tryFile(app: OnboardingApp, lang: Lang, bad: BadInvite, path: string): Promise<void> {
  const { page, text } = app;
  app.ports.dialogs.queueOpen(path);
  await page.getByRole('button', { name: text.signIn.chooseFile }).click();
  // Refused on choosing: a huge file is never read into memory, an empty one never sent on.
  if (bad.kind === 'huge' || bad.kind === 'empty') return expectMessage(app, lang, bad);
  await expect(page.getByTestId('invite-file-name')).toContainText(bad.fileName);
  await submit(page, app, bad);
  await expectMessage(app, lang, bad);
}

async function submit(page: Page, app: OnboardingApp, bad: BadInvite): Promise<void> {
  await expect(errorCode(page)).toHaveCount(0); // the previous file's message is gone
  await page.getByLabel(app.text.signIn.temporaryPassword, { exact: true }).fill(bad.password);
  await page.getByRole('button', { name: app.text.signIn.submit, exact: true }).click();
}

const KOREAN: BadInviteKind[] = ['truncated', 'wrongPassword', 'tamperedPayload', 'png', 'json', 'huge'];
const ENGLISH: BadInviteKind[] = ['tamperedHeader', 'plainText', 'empty', 'expired', 'unsupportedVersion'];

test.describe('bad invite files: a clear message in the user\'s language, and no AWS call', () => {
  for (const [lang, kinds] of [['ko', KOREAN], ['en', ENGLISH]] as const) {
    test(`${lang}: ${kinds.join(', ')} through the file dialog`, async ({ launchApp }) => {
      const app = await openWizard(launchApp, sandbox, { lang });
      const paths = writeBadInvites(mkdtempSync(join(tmpdir(), 'bad-invites-')), corpus);
      for (const kind of kinds) {
        const bad = corpus.find((c) => c.kind === kind)!;
        await tryFile(app, lang, bad, paths.get(kind)!);
      }
      await expect(app.page.getByTestId('step-signIn')).toBeVisible();
      expect(sandbox.requestLog).toEqual([]);
    });
  }

  test('en: an age file encrypted to an X25519 key, dropped onto the drop zone', async ({ launchApp }) => {
    const app = await openWizard(launchApp, sandbox, { lang: 'en' });
    const bad = corpus.find((c) => c.kind === 'x25519')!;
    const { page } = app;
    const dataTransfer = await page.evaluateHandle(
      ([bytes, name]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' }));
        return dt;
      },
      [[...bad.bytes], bad.fileName] as const,
    );
    await page.getByTestId('invite-drop-zone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('invite-file-name')).toContainText(bad.fileName);
    await submit(page, app, bad);
    await expectMessage(app, 'en', bad);
    expect(sandbox.requestLog).toEqual([]);
  });

  test('ko: an empty file and a huge file dropped onto the drop zone are refused before anything is read or sent', async ({ launchApp }) => {
    const app = await openWizard(launchApp, sandbox, { lang: 'ko' });
    const { page } = app;
    for (const kind of ['empty', 'huge'] as const) {
      const bad = corpus.find((c) => c.kind === kind)!;
      const dataTransfer = await page.evaluateHandle(
        ([size, name]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(size)], name, { type: 'application/octet-stream' }));
          return dt;
        },
        [bad.bytes.length, bad.fileName] as const,
      );
      await page.getByTestId('invite-drop-zone').dispatchEvent('drop', { dataTransfer });
      await expectMessage(app, 'ko', bad);
      await expect(page.getByTestId('invite-file-name')).toHaveCount(0);
    }
    expect(sandbox.requestLog).toEqual([]);
  });
});
