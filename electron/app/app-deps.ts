import type { AwsClientFactory } from '../aws/client-factory';
import type { ServerClock } from '../aws/server-clock';
import type { Logger } from '../logging/logger';
import type { Clock } from '../platform/clock';
import type { PlatformPorts } from '../platform/ports';
import type { CliHelperConfig } from '../cli-access/cli-helper-config';
import type { SecretLifecycle } from './secret-lifecycle';

/** Everything the handlers depend on. Built once by the composition root (main.ts, or a test harness). */
export interface AppDeps {
  aws: AwsClientFactory;
  serverClock: ServerClock;
  platform: PlatformPorts;
  clock: Clock;
  log: Logger;
  info: { version: string; platform: string };
  /** Environment the AWS config files and overrides are read from (process.env in the app). */
  env: Record<string, string | undefined>;
  /** Register a feature's secret wiper here; it runs on sign-out, flow end and idle lock. */
  lifecycle: SecretLifecycle;
  /** The command-line access helper (credential_process) of this build. */
  cliHelper: CliHelperConfig;
}
