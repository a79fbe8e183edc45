/**
 * Readiness across 20 accounts (the management account and 19 members) under per-account IAM
 * throttling: time until every row of the matrix is in, through the real handlers and dispatch
 * (role sessions by AssumeRole, MATRIX_CONCURRENCY accounts at a time), the sandbox in its own process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../electron/app/compose';
import { MATRIX_CONCURRENCY } from '../electron/admin/accounts/readiness-matrix';
import { silentLogger } from '../electron/logging/logger';
import { createNodePorts } from '../electron/platform/node-ports';
import { dispatchCaller } from '../test/support/dispatch-call';
import { startSandboxProcess } from './support/processes';
import { keyRow, repeat, row } from './support/repeat';
import { show } from './support/stats';

const ACCOUNTS = 20;
/** IAM requests a second each account's bucket refills (burst the same): a small quota, to make throttling certain. */
const ACCOUNT_RATE = 5;

export const measures = {
  async readiness20() {
    const sb = await startSandboxProcess(['--members', String(ACCOUNTS - 1), '--account-rate', String(ACCOUNT_RATE)]);
    try {
      const home = mkdtempSync(join(tmpdir(), 'bench-accounts-'));
      const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sb.env;
      const { handlers } = composeApp({ platform: createNodePorts({ home, userData: home }), log: silentLogger, env, info: { version: 'bench', platform: process.platform } });
      const call = dispatchCaller(() => handlers);
      await call('admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
      const listed = await call('admin:accounts:list', {});
      if (listed.accounts.length !== ACCOUNTS) throw new Error(`listed ${listed.accounts.length} accounts`);
      const log = async () => (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as Array<{ action: string; errorCode?: string; service: string }>;
      await fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
      const t0 = performance.now();
      const m = await call('admin:accounts:readiness', {});
      const ms = performance.now() - t0;
      if (m.rows.length !== ACCOUNTS) throw new Error(`${m.rows.length} rows`);
      const unreached = m.rows.filter((r) => r.error).length;
      const stillThrottled = m.rows.flatMap((r) => r.checks).filter((c) => c.status === 'unknown' && /Throttl/.test(c.errorCode ?? '')).length;
      const calls = await log();
      const iam = calls.filter((e) => e.service === 'iam');
      return {
        ms,
        iamCalls: iam.length,
        throttledAnswers: iam.filter((e) => e.errorCode === 'Throttling').length,
        matrixRetries: m.rows.reduce((n, r) => n + r.throttledRetries, 0),
        assumeRoles: calls.filter((e) => e.action === 'AssumeRole').length,
        unreached,
        stillThrottled,
      };
    } finally {
      await sb.stop();
    }
  },
};

export async function report(): Promise<void> {
  const r = await repeat('accounts.bench.ts', 'readiness20');
  console.log(`Readiness matrix of ${ACCOUNTS} accounts (management + ${ACCOUNTS - 1} members), each account's IAM limited to ${ACCOUNT_RATE} requests/s, ${MATRIX_CONCURRENCY} accounts at a time; sandbox in its own process, real handlers through dispatch:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  keyRow(`**readiness matrix of ${ACCOUNTS} accounts** under ${ACCOUNT_RATE} IAM requests/s per account: time until every row is in (ms)`, show(r.ms!, 0));
  row('IAM calls (all accounts)', show(r.iamCalls!, 0));
  row('answers AWS throttled (retried by the SDK, then per account)', show(r.throttledAnswers!, 0));
  row('account re-checks after throttling (sum over rows)', show(r.matrixRetries!, 0));
  row('AssumeRole calls (one per member account)', show(r.assumeRoles!, 0));
  row('rows not reached (must be 0)', show(r.unreached!, 0));
  row('cells still throttled at the end (must be 0)', show(r.stillThrottled!, 0));
  keyRow(`readiness matrix of ${ACCOUNTS} accounts: IAM calls / answers throttled / rows unreached`, `${show(r.iamCalls!, 0)} / ${show(r.throttledAnswers!, 0)} / ${show(r.unreached!, 0)}`);
}
