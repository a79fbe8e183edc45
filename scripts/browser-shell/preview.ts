/**
 * The app in a plain Chromium window with the real handlers, for machines where Electron cannot
 * be fetched. By default it starts the local sandbox (a fake AWS account, test/sandbox) so the
 * app can be tried without AWS; `--aws` uses the environment as is (real AWS, or the endpoint in
 * AWS_ENDPOINT_URL_*). `--headless --screenshot FILE` renders once and exits (used to check it).
 *
 * Every button works here as in Electron: files are opened with Chromium's own file chooser, saved
 * and folders chosen with a dialog over this computer's folders (browser-dialogs.ts), and a copied
 * password goes to the real clipboard. Everything the preview made for itself (the sandbox's demo
 * invite, copies of opened files, its app data) is in one temporary folder, removed on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../electron/logging/logger';
import { createNodePorts } from '../../electron/platform/node-ports';
import { launchBrowserShell } from './launch-browser-shell';

const args = process.argv.slice(2);
const useAws = args.includes('--aws');
const headless = args.includes('--headless') || !process.env.DISPLAY;
const shotIndex = args.indexOf('--screenshot');
const screenshot = shotIndex >= 0 ? args[shotIndex + 1] : undefined;

const home = mkdtempSync(join(tmpdir(), 'iam-preview-'));
// Also on an unexpected exit: nothing the preview made for itself stays behind.
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
let env: Record<string, string | undefined> = process.env;
let stopSandbox: (() => Promise<void>) | null = null;
if (!useAws) {
  const { startSandbox } = await import('../../test/sandbox/index');
  const sandbox = await startSandbox();
  stopSandbox = () => sandbox.stop();
  const demo = sandbox.scenario.newUser({ userName: 'jdoe', attachEnforcementPolicy: true });
  env = { ...process.env, ...sandbox.env };
  console.error(`Sandbox AWS account ${sandbox.accountId} at ${sandbox.url}`);
  console.error(`Admin access key: ${sandbox.admin.accessKeyId} / ${sandbox.admin.secretAccessKey}`);
  // An invite for the demo new employee, as admin mode would issue it (encrypted with the temporary password).
  const { writeInviteFile } = await import('../../test/e2e/support/onboarding-invite');
  const invitePath = await writeInviteFile(home, sandbox, demo);
  console.error(`New employee to try "Set up my account" with: invite ${invitePath}, temporary password ${demo.password}`);
}

const shell = await launchBrowserShell({
  env,
  headless,
  viewport: headless ? { width: 1100, height: 800 } : null,
  ports: createNodePorts({ userData: join(home, 'userData'), home: useAws ? undefined : home }),
  browserDialogs: { stageDir: join(home, 'opened-files'), startDir: homedir(), avoidDir: home },
  log: createLogger(),
  locale: Intl.DateTimeFormat().resolvedOptions().locale,
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await shell.deps.lifecycle.lock('quit');
  await shell.close();
  await stopSandbox?.();
  // The demo invite, copies of opened files and the preview's app data go with it.
  rmSync(home, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

if (headless) {
  await shell.page.getByTestId('job-onboarding').waitFor();
  if (screenshot) await shell.page.screenshot({ path: screenshot });
  console.error(headless && !screenshot ? 'No display: rendered headless and exiting (set DISPLAY, or run under xvfb-run).' : `Screenshot: ${screenshot}`);
  await shutdown();
} else {
  shell.page.on('close', () => void shutdown());
  console.error('Preview is open. Close the window or press Ctrl-C to stop.');
}
