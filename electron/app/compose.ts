import { createAwsClientFactory, endpointsFromEnv } from '../aws/client-factory';
import { ServerClock } from '../aws/server-clock';
import { createHandlers } from '../ipc/create-handlers';
import type { HandlerTable } from '../ipc/handler-types';
import type { Logger } from '../logging/logger';
import { systemClock, type Clock } from '../platform/clock';
import type { PlatformPorts } from '../platform/ports';
import type { AppDeps } from './app-deps';

export interface ComposeOptions {
  platform: PlatformPorts;
  log: Logger;
  env: Record<string, string | undefined>;
  info: { version: string; platform: string };
  clock?: Clock;
  /** Per-call attempts; tests lower it so an injected fault surfaces quickly. */
  maxAttempts?: number;
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
  };
  return { deps, handlers: createHandlers(deps) };
}
