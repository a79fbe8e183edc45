import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { createNodePorts, type NodePorts } from '../../electron/platform/node-ports';
import type { BrowserShell, BrowserShellOptions } from '../../scripts/browser-shell/launch-browser-shell';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { csvFixture } from '../fixtures/files/corpus';
import { signInAdminWithKeys } from './support/admin-flow';
import { ARTIFACTS, expect, test } from './support/fixtures';
import { tempHome } from './support/temp-home';

/**
 * CSVs as Excel (Korean and Western Windows), LibreOffice and Google Sheets write them, through the
 * Bulk tab in both languages: each is read, or refused with a message naming the line, the column,
 * the rule and the character — and the users of a legacy-encoded file reach IAM spelled right.
 */
type Lang = 'ko' | 'en';
type LaunchApp = (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>;
const bulk = (lang: Lang) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../src/i18n/${lang}/admin-bulk.json`, import.meta.url)), 'utf8')) as {
    chooseFile: string;
    file: { another: string };
    errors: Record<string, string>;
  };

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await startSandbox();
  sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
  sandbox.scenario.createGroup('developers');
  sandbox.scenario.createGroup('ops');
});
test.afterEach(async () => sandbox.stop());

async function openBulk(launchApp: LaunchApp, lang: Lang) {
  const home = tempHome();
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const { page } = await launchApp({ env: { ...sandbox.env, AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile }, locale: lang === 'ko' ? 'ko-KR' : 'en-US', ports });
  await signInAdminWithKeys(page, sandbox.admin, 'bulk');
  await expect(page.locator('#admin-bulk-title')).toBeVisible();
  return { page, ports, home };
}

/** Whichever "choose" button the screen offers now (first file, or another one). */
async function choose(page: Page, ports: NodePorts, lang: Lang, path: string) {
  ports.dialogs.queueOpen(path);
  const t = bulk(lang);
  await page.getByRole('button', { name: new RegExp(`^(${escape(t.chooseFile)}|${escape(t.file.another)})$`) }).first().click();
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const error = (page: Page) => page.locator('.admin-bulk [data-error-code]');
const summary = (page: Page) => page.getByTestId('bulk-file-summary');
const problem = (page: Page, code: string) => page.locator(`.bulk-problems tr[data-code="${code}"]`);

test('ko: Korean Excel (CP949), Excel "Unicode text" (UTF-16, tabs), every cell problem, an unclosed quote, a workbook and a folder; then the CP949 users are created with their Hangul tags', async ({ launchApp }) => {
  const { page, ports, home } = await openBulk(launchApp, 'ko');
  const t = bulk('ko');

  await choose(page, ports, 'ko', csvFixture('excel-unicode-text.txt'));
  await expect(summary(page)).toHaveText('excel-unicode-text.txt: 사용자 2명 · UTF-16LE (Excel \'유니코드 텍스트\') · 탭으로 구분');

  await choose(page, ports, 'ko', csvFixture('bad-cells.csv'));
  await expect(page.locator('.bulk-problems tbody tr[data-code]:not([data-code="unknownGroup"])')).toHaveCount(7);
  // 'dev ops;qa!': 'dev' does not exist; 'qa!' is refused for its character, not reported twice.
  await expect(problem(page, 'unknownGroup')).toHaveCount(1);
  await expect(problem(page, 'unknownGroup')).toContainText("'dev'");
  await expect(problem(page, 'unknownGroup').locator('td').nth(1)).toHaveText('C열 (groups)');
  await expect(problem(page, 'userName.invalidCharacters')).toContainText("사용자 이름에는 '김', '민', '지' 문자를 쓸 수 없습니다");
  await expect(problem(page, 'userName.invalidCharacters').locator('td').nth(1)).toHaveText('A열 (userName)');
  await expect(problem(page, 'tag.valueInvalidCharacters')).toContainText("태그 값에는 ',' 문자를 쓸 수 없습니다(태그 'team')");
  await expect(problem(page, 'tag.valueInvalidCharacters').locator('td').first()).toHaveText('3');
  await expect(problem(page, 'tag.valueInvalidCharacters').locator('td').nth(1)).toHaveText('D열 (tags)');
  await expect(problem(page, 'tag.missingEquals')).toContainText("'badtag' 항목은 태그 형식이 아닙니다");
  await expect(problem(page, 'tag.reservedPrefix')).toContainText("'aws:team'");
  await expect(problem(page, 'tag.duplicateKey')).toContainText("'team'");
  await expect(problem(page, 'tag.collidesWithColumn')).toContainText('email 열과 겹칩니다');
  await expect(problem(page, 'groupName.invalidCharacters')).toContainText("그룹 이름에는 '!' 문자를 쓸 수 없습니다('qa!')");
  await expect(page.locator('.bulk-problems')).not.toContainText(/invalidCharacters|valueTooLong|\{\{/);
  await page.screenshot({ path: `${ARTIFACTS}files-csv-problems-ko.png`, fullPage: true });

  await choose(page, ports, 'ko', csvFixture('unclosed-quote.csv'));
  await expect(error(page)).toHaveAttribute('data-error-code', 'adminBulk.unclosedQuote');
  await expect(error(page)).toContainText('3번째 줄, 2번째 열(email): 여기서 연 큰따옴표(")가 닫히지 않아');
  await expect(error(page)).not.toContainText('Quote Not Closed');
  await expect(summary(page)).toHaveCount(0); // the previous file's users are gone with it

  await choose(page, ports, 'ko', csvFixture('users.xlsx'));
  await expect(error(page)).toContainText("스프레드시트 통합 문서(.xlsx)입니다. 열어서 CSV UTF-8로 저장해 주세요");

  const folder = join(home.home, 'users.csv');
  mkdirSync(folder);
  await choose(page, ports, 'ko', folder);
  await expect(error(page)).toContainText("선택한 'users.csv': 파일이 아니라 폴더입니다");
  await expect(error(page)).toHaveAttribute('data-error-code', 'adminBulk.notAFile');

  await choose(page, ports, 'ko', csvFixture('excel-korean-cp949.csv'));
  await expect(summary(page)).toHaveText('excel-korean-cp949.csv: 사용자 2명 · EUC-KR (한국어 Excel CSV) · 쉼표로 구분');
  await expect(page.getByTestId('bulk-guessed-encoding')).toBeVisible();
  expect(t.errors.binaryFile).toContain('CSV UTF-8');
  const out = join(home.home, 'invites');
  mkdirSync(out);
  ports.dialogs.queueFolder(out);
  await page.getByRole('button', { name: '폴더를 골라 2명 만들기…' }).click();
  await expect(page.locator('.bulk-run')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  // The file's tags reached IAM spelled right (the app adds its onboarding-window tag beside them).
  expect(sandbox.state.getUser('kim.minji')!.tags).toMatchObject({ 이름: '김민지', email: 'minji.kim@example.com' });
  expect(sandbox.state.getUser('han.ddom')!.tags).toMatchObject({ 별명: '똠방각하', email: 'ddom@example.com' });
});

test('en: Western Excel (Windows-1252, semicolons), lists typed with ; and |, random bytes, a broken UTF-8 file; then the 1252 users are created with their accents', async ({ launchApp }) => {
  const { page, ports, home } = await openBulk(launchApp, 'en');

  await choose(page, ports, 'en', csvFixture('lists-comma.csv'));
  await expect(summary(page)).toHaveText('lists-comma.csv: 2 users · UTF-8 · comma-separated');
  await expect(page.locator('.bulk-start tbody tr').first()).toContainText('developers, ops');

  await choose(page, ports, 'en', csvFixture('bad-cells.csv'));
  await expect(problem(page, 'tag.valueInvalidCharacters')).toContainText("',' not allowed in a tag value (tag 'team')");
  await expect(problem(page, 'tag.valueInvalidCharacters').locator('td').nth(1)).toHaveText('D (tags)');
  await expect(problem(page, 'userName.invalidCharacters')).toContainText("'김', '민', '지' not allowed in a user name");
  await expect(problem(page, 'tag.missingEquals')).toContainText("'badtag' is not a tag: write key=value");
  await page.screenshot({ path: `${ARTIFACTS}files-csv-problems-en.png`, fullPage: true });

  await choose(page, ports, 'en', csvFixture('random.csv'));
  await expect(error(page)).toHaveAttribute('data-error-code', 'adminBulk.binaryFile');
  await expect(error(page)).toContainText("This file is not text, so it is not a CSV. Open it in your spreadsheet and save it as CSV UTF-8 (Excel: File › Save As › 'CSV UTF-8");
  await expect(error(page)).not.toContainText(/internal/i);

  await choose(page, ports, 'en', csvFixture('broken-utf8.csv'));
  await expect(error(page)).toContainText('The file is marked as UTF-8, but line 3 is not valid UTF-8. Save it again as CSV UTF-8');

  await choose(page, ports, 'en', csvFixture('excel-western-1252.csv'));
  await expect(summary(page)).toHaveText('excel-western-1252.csv: 2 users · Windows-1252 (Western Excel CSV) · semicolon-separated');
  const out = join(home.home, 'invites');
  mkdirSync(out);
  ports.dialogs.queueFolder(out);
  await page.getByRole('button', { name: /Choose a folder and create 2 users/ }).click();
  await expect(page.locator('.bulk-run')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  expect(sandbox.state.getUser('jose.garcia')!.tags).toMatchObject({ name: 'José García', email: 'jose@example.com' });
  expect(sandbox.state.getUser('asa.lind')!.tags).toMatchObject({ name: 'Åsa Lind', city: 'Malmö', email: 'asa@example.com' });
  expect(sandbox.state.listGroupsForUser('jose.garcia').sort()).toEqual(['developers', 'ops']);
});
