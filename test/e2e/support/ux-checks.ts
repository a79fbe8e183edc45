import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import i18next, { type TFunction } from 'i18next';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { josaFormat } from '../../../src/i18n/korean-particles';
import type { BrowserShell, BrowserShellOptions } from '../../../scripts/browser-shell/launch-browser-shell';
import { createNodePorts } from '../../../electron/platform/node-ports';
import type { Sandbox } from '../../sandbox/index';
import { ARTIFACTS, expect } from './fixtures';
import { tempHome } from './temp-home';

export type Lang = 'ko' | 'en';
export const TOUR_DIR = `${ARTIFACTS}tour/`;
mkdirSync(TOUR_DIR, { recursive: true });

const I18N = fileURLToPath(new URL('../../../src/i18n/', import.meta.url));
/** `admin-users.json` → namespace `adminUsers`, as src/i18n/resources.ts names them. */
const nsName = (file: string) => file.replace(/\.json$/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
const load = (lang: Lang) =>
  Object.fromEntries(readdirSync(`${I18N}${lang}`).map((f) => [nsName(f), JSON.parse(readFileSync(`${I18N}${lang}/${f}`, 'utf8')) as object]));

/** The app's own strings (same files and particle formatter), so tests find what a person reads. */
export async function translator(lang: Lang): Promise<TFunction> {
  const resources = { [lang]: load(lang) };
  const i = i18next.createInstance();
  await i.init({ resources, lng: lang, fallbackLng: false, defaultNS: 'common', ns: Object.keys(resources[lang]!), interpolation: { escapeValue: false } });
  i.services.formatter?.add('josa', josaFormat);
  return i.t;
}

/** The two window sizes every screen is looked at: the real window and the minimum width. */
export const WIDTHS = [1100, 760] as const;

/**
 * A line that starts with a particle or a comma glued to the word before it: the text of every
 * visible text node is measured character by character; a character whose box starts a new line
 * and whose neighbour before it (in the same text) is not a space is a bad break.
 */
async function badLineStarts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const roots = [document.querySelector('#main'), ...document.querySelectorAll('dialog[open]')].filter(Boolean) as Element[];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        if (text.trim().length < 2 || !(n.parentElement && n.parentElement.offsetParent !== null)) continue;
        let prevTop: number | null = null;
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getClientRects()[0];
          if (!r || r.width === 0) continue;
          if (prevTop !== null && r.top > prevTop + 2 && /[을를이가은는와과로으의,.)」’]/.test(text[i]!) && /\S/.test(text[i - 1] ?? ' ')) {
            bad.push(`…${text.slice(Math.max(0, i - 12), i)}⏎${text.slice(i, i + 12)}…`);
          }
          prevTop = r.top;
        }
      }
    }
    return bad;
  });
}

/**
 * What every screen must be, checked where the screen is shown: one <h1>; a window title naming
 * the screen; no form left to the browser's own validation bubbles (they speak the OS language);
 * no axe finding; in Korean, no particle or comma starting a line; and a screenshot at each width.
 */
export async function checkScreen(page: Page, lang: Lang, name: string, title: string | RegExp): Promise<void> {
  await expect(page.locator('h1'), `${name}: one h1`).toHaveCount(1);
  await expect(page, `${name}: window title`).toHaveTitle(title);
  expect(await page.locator('form:not([novalidate])').count(), `${name}: forms validate with the app's messages`).toBe(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((x) => x.target.join(' ')).join(' | ')}`)).toEqual([]);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 780 });
    if (lang === 'ko') expect(await badLineStarts(page), `${name} at ${width}px: a line starts with a particle or comma`).toEqual([]);
    await page.screenshot({ path: `${TOUR_DIR}${lang}-${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1100, height: 780 });
}

/**
 * Keyboard only: Tab (or Shift+Tab) until `target` has focus, as a person without a mouse does.
 * Fails if it cannot be reached in `max` presses — an element the keyboard cannot get to.
 */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: no such element');
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`tabTo: not reachable with Tab in ${max} presses: ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}`);
}

/** Keyboard only: reach the control with Tab and press Enter (buttons, links) or Space (checkboxes, radios). */
export async function press(page: Page, target: Locator, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key === 'Space' ? ' ' : 'Enter');
}

/** Keyboard only: reach the field with Tab and type into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

/** A window title as the app builds it: the most specific part first. */
export const title = (...parts: string[]) => parts.join(' — ');

/**
 * The app on a throwaway home, in `lang`, pointed at the sandbox — with the admin's keys in its
 * environment, or without them (a new hire's machine).
 */
export async function openTourApp(
  launchApp: (o: Omit<BrowserShellOptions, 'browser'>) => Promise<BrowserShell>,
  sandbox: Sandbox,
  lang: Lang,
  withAdminKeys: boolean,
) {
  const home = tempHome();
  const ports = createNodePorts({ userData: home.userData, home: home.home });
  const { AWS_ACCESS_KEY_ID: _i, AWS_SECRET_ACCESS_KEY: _s, ...userEnv } = sandbox.env;
  const shell = await launchApp({
    env: { ...(withAdminKeys ? sandbox.env : userEnv), AWS_CONFIG_FILE: home.awsConfigFile, AWS_SHARED_CREDENTIALS_FILE: home.awsCredentialsFile },
    locale: lang === 'ko' ? 'ko-KR' : 'en-US',
    ports,
  });
  return { page: shell.page, ports, home, t: await translator(lang) };
}
