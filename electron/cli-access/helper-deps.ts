import { createAwsClientFactory } from '../aws/client-factory';
import type { CliVault } from './cli-vault';
import type { HelperDeps } from './credential-process';
import { systemTerminal } from './terminal';

/** The helper's dependencies outside the app: the vault differs (keychain in the packaged app, plain in dev). */
export function helperDeps(vault: CliVault): HelperDeps {
  return {
    vault,
    terminal: systemTerminal(),
    // The app's own client factory: the same endpoints, retries and SDK as the wizard.
    sts: (record, credentials) => createAwsClientFactory({ region: record.region, endpoints: record.endpoints ?? {} }).sts(credentials),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  };
}
