import { test as base, chromium, type Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchBrowserShell, type BrowserShell, type BrowserShellOptions } from '../../../scripts/browser-shell/launch-browser-shell';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
mkdirSync(ARTIFACTS, { recursive: true });

interface Fixtures {
  /** Starts the app (renderer in Chromium + real handlers); closed after the test. */
  launchApp(options: Omit<BrowserShellOptions, 'browser'>): Promise<BrowserShell>;
}

export const test = base.extend<Fixtures, { sharedBrowser: Browser }>({
  sharedBrowser: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  launchApp: async ({ sharedBrowser }, use) => {
    const shells: BrowserShell[] = [];
    await use(async (options) => {
      const shell = await launchBrowserShell({ ...options, browser: sharedBrowser });
      shells.push(shell);
      return shell;
    });
    for (const s of shells) await s.close();
  },
});

export { expect } from '@playwright/test';
