import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeApp } from '../../electron/app/compose';
import type { AppDeps } from '../../electron/app/app-deps';
import { plainVault } from '../../electron/cli-access/cli-vault';
import { dispatch } from '../../electron/ipc/dispatch';
import type { HandlerContext, HandlerTable } from '../../electron/ipc/handler-types';
import { createLogger, type Logger } from '../../electron/logging/logger';
import { createNodePorts, type NodePorts } from '../../electron/platform/node-ports';
import type { Clock } from '../../electron/platform/clock';
import { bridgeScript } from './bridge-script';
import { createBrowserDialogs, createPageClipboard, exposeListDir, type BrowserDialogOptions } from './browser-dialogs';
import type { PlatformPorts } from '../../electron/platform/ports';
import { serveStatic } from './serve-static';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for Debian's Chromium on a machine with no network: nothing reaches out. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserShellOptions {
  /** Environment for the handlers (AWS_ENDPOINT_URL_*, AWS_REGION, AWS_CONFIG_FILE …). */
  env: Record<string, string | undefined>;
  headless?: boolean;
  ports?: NodePorts;
  clock?: Clock;
  maxAttempts?: number;
  idleLockMs?: number;
  log?: Logger;
  locale?: string;
  viewport?: { width: number; height: number } | null;
  /** Reuse an existing browser (tests launch one per worker). */
  browser?: Browser;
  /**
   * Real dialogs and clipboard in the Chromium window (the preview, and the test of it) instead of
   * the scripted dialogs and in-memory clipboard of `ports`.
   */
  browserDialogs?: Omit<BrowserDialogOptions, 'page'>;
}

export interface BrowserShell {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  deps: AppDeps;
  handlers: HandlerTable;
  ports: NodePorts;
  url: string;
  close(): Promise<void>;
}

const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));
/** The credential_process helper as `npm run build` emits it for plain Node. */
const helperScript = fileURLToPath(new URL('../../dist-electron/credential-process.js', import.meta.url));

/**
 * The app without Electron: the built renderer in Chromium, `window.api` bound through a
 * Playwright binding to the real handler table (same composition root, same dispatch as
 * main.ts), with Node platform ports. Used by the e2e tests and by `npm run preview`.
 */
export async function launchBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  if (!existsSync(`${distDir}index.html`)) throw new Error('dist/ is missing: run `npm run build` first');
  const ports = options.ports ?? createNodePorts();
  const log = options.log ?? createLogger(() => {});
  let page: Page | null = null;
  const currentPage = () => {
    if (!page) throw new Error('the page is not open yet');
    return page;
  };
  const platform: PlatformPorts = options.browserDialogs
    ? { ...ports, dialogs: createBrowserDialogs({ ...options.browserDialogs, page: currentPage }), clipboard: createPageClipboard(currentPage) }
    : ports;
  const { deps, handlers } = composeApp({
    platform,
    log,
    env: options.env,
    info: { version: process.env.npm_package_version ?? '0.1.0', platform: process.platform },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.idleLockMs !== undefined ? { idleLockMs: options.idleLockMs } : {}),
    // No Electron here, so no OS keychain: command-line profiles are 'plain' (and the finish screen says so).
    cliHelper: { command: [process.execPath, helperScript], vault: plainVault },
  });
  const server = await serveStatic(distDir);
  const ownBrowser = !options.browser;
  const browser =
    options.browser ??
    (await chromium.launch({ executablePath: CHROMIUM_PATH, headless: options.headless ?? true, args: CHROMIUM_ARGS }));
  const context = await browser.newContext({
    locale: options.locale ?? 'ko-KR',
    viewport: options.viewport === undefined ? { width: 1100, height: 800 } : options.viewport,
  });
  // Like the Electron window: nothing but our own page may load.
  await context.route(/.*/, (route) =>
    route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient'),
  );
  if (options.browserDialogs) {
    await exposeListDir(context, (url) => url.startsWith(server.url));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  }
  const ctx: HandlerContext = {
    emit: (event, payload) => {
      void page
        ?.evaluate(([e, p]) => (window as unknown as { __iamEmit(e: string, p: unknown): void }).__iamEmit(e, p), [event, payload] as const)
        .catch(() => {});
    },
  };
  await context.exposeBinding('__iamInvoke', async (source, channel: unknown, payload: unknown) => {
    // The sender check of register-ipc.ts: only our own top-level page may call.
    if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(server.url)) {
      return { ok: false, error: { code: 'ipc.untrustedSender' } };
    }
    return dispatch(handlers, channel, payload, ctx, log);
  });
  await context.addInitScript({ content: bridgeScript() });
  page = await context.newPage();
  await page.goto(server.url);
  return {
    page,
    context,
    browser,
    deps,
    handlers,
    ports,
    url: server.url,
    async close() {
      deps.lifecycle.dispose();
      await context.close().catch(() => {});
      if (ownBrowser) await browser.close().catch(() => {});
      await server.close();
    },
  };
}
