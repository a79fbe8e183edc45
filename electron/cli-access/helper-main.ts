/**
 * `node credential-process.js --data-dir DIR --profile NAME`: the helper in development, preview
 * and tests, where there is no Electron (and so no OS keychain: profiles there are 'plain'). The
 * packaged app runs the same code as `<app> --credential-process …` (see electron/main.ts).
 */
import { plainVault } from './cli-vault';
import { runCredentialProcess } from './credential-process';
import { helperDeps } from './helper-deps';

runCredentialProcess(process.argv.slice(2), helperDeps(plainVault)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`IAM Onboarding Assistant: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
