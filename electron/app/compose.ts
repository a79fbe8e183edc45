import { createAwsClientFactory, endpointsFromEnv } from '../aws/client-factory';
import type { CliHelperConfig } from '../cli-access/cli-helper-config';
import { plainVault } from '../cli-access/cli-vault';
import { ServerClock } from '../aws/server-clock';
import { createHandlers } from '../ipc/create-handlers';
import type { HandlerTable } from '../ipc/handler-types';
import type { Logger } from '../logging/logger';
import { systemClock, type Clock } from '../platform/clock';
import type { PlatformPorts } from '../platform/ports';
import type { AppDeps } from './app-deps';
import { SecretLifecycle } from './secret-lifecycle';

/** Secrets held in memory are dropped after this long without any user action. */
export const DEFAULT_IDLE_LOCK_MS = 10 * 60_000;

export interface ComposeOptions {
  platform: PlatformPorts;
  log: Logger;
  env: Record<string, string | undefined>;
  info: { version: string; platform: string };
  clock?: Clock;
  /** Per-call attempts; tests lower it so an injected fault surfaces quickly. */
  maxAttempts?: number;
  /** Idle time before held secrets are wiped and the UI locks (0 = never; tests shorten it). */
  idleLockMs?: number;
  /** How this build runs the CLI helper (main.ts: the app itself; preview and tests: node on its script). */
  cliHelper?: CliHelperConfig;
}

/** The composition root: builds every dependency once. main.ts, the e2e harness and preview all use it. */
export function composeApp(options: ComposeOptions): { deps: AppDeps; handlers: HandlerTable } {
  const clock = options.clock ?? systemClock;
  const serverClock = new ServerClock(clock);
  const region = options.env.AWS_REGION ?? options.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const aws = createAwsClientFactory({
    region,
    endpoints: endpointsFromEnv(options.env),
    serverClock,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  const deps: AppDeps = {
    aws,
    serverClock,
    platform: options.platform,
    clock,
    log: options.log,
    info: options.info,
    env: options.env,
    lifecycle: new SecretLifecycle(options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS),
    cliHelper: options.cliHelper ?? { command: null, vault: plainVault },
  };
  return { deps, handlers: withActivityTracking(createHandlers(deps), deps.lifecycle) };
}

/** Every call counts as user activity for the idle lock. */
function withActivityTracking(handlers: HandlerTable, lifecycle: SecretLifecycle): HandlerTable {
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (input: unknown, ctx: Parameters<typeof lifecycle.touch>[0]) => {
        lifecycle.touch(ctx);
        return (handler as (i: unknown, c: unknown) => Promise<unknown>)(input, ctx);
      },
    ]),
  );
  return wrapped as unknown as HandlerTable;
}
