import type { CliVault } from './cli-vault';

/** How this build runs the credential_process helper, and where its secrets go. */
export interface CliHelperConfig {
  /** The argv that starts the helper (`--data-dir` and `--profile` are appended); null where none can run. */
  command: readonly string[] | null;
  vault: CliVault;
}
