/**
 * Onboarding status of 10,000 users (a third with MFA): AWS calls and time to the first screen,
 * through the real handlers and dispatch, the sandbox in its own process. Report generation polling
 * (GetCredentialReport answering ReportInProgress) is counted apart, as the target says.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeApp } from '../electron/app/compose';
import { silentLogger } from '../electron/logging/logger';
import { createNodePorts } from '../electron/platform/node-ports';
import { dispatchCaller } from '../test/support/dispatch-call';
import { startSandboxProcess } from './support/processes';
import { keyRow, repeat, row } from './support/repeat';
import { show } from './support/stats';

/** BENCH_STATUS_USERS only to try the bench quickly; the target is about 10,000. */
const USERS = Number(process.env.BENCH_STATUS_USERS ?? 10_000);

export const measures = {
  async status10k() {
    const sb = await startSandboxProcess(['--users', String(USERS)]);
    try {
      const home = mkdtempSync(join(tmpdir(), 'bench-status-'));
      const { AWS_ACCESS_KEY_ID: _k, AWS_SECRET_ACCESS_KEY: _s, ...env } = sb.env;
      const { handlers } = composeApp({ platform: createNodePorts({ home, userData: home }), log: silentLogger, env, info: { version: 'bench', platform: process.platform } });
      const call = dispatchCaller(() => handlers);
      await call('admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
      const log = async () => (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as Array<{ action: string; errorCode?: string; service: string }>;
      await fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
      const t0 = performance.now();
      const first = await call('admin:status:list', {});
      const firstMs = performance.now() - t0;
      const calls = (await log()).filter((e) => e.service === 'iam');
      const polls = calls.filter((e) => e.errorCode === 'ReportInProgress').length;
      if (first.users.length !== USERS + 1) throw new Error(`listed ${first.users.length}`);
      if (first.users.some((u) => u.source !== 'report')) throw new Error('rows not from the report');
      await fetch(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
      const t1 = performance.now();
      await call('admin:status:list', {});
      const againMs = performance.now() - t1;
      const again = (await log()).filter((e) => e.service === 'iam').length;
      const payload = Buffer.byteLength(JSON.stringify(first));
      return { calls: calls.length - polls, polls, firstMs, againCalls: again, againMs, payloadMb: payload / 1024 / 1024 };
    } finally {
      await sb.stop();
    }
  },
};

export async function report(): Promise<void> {
  const r = await repeat('status.bench.ts', 'status10k');
  console.log(`Onboarding status of ${USERS.toLocaleString('en-US')} users (+ the admin), sandbox in its own process, real handlers through dispatch:`);
  console.log('\n| measure | median (min–max) |\n|---|---|');
  const n = USERS.toLocaleString('en-US');
  keyRow(`**status of ${n} users: AWS calls**, first listing (report generated + downloaded, directory pages of 1,000; target ≤ 30)`, show(r.calls!, 0));
  row('GetCredentialReport polls while AWS generated the report (not counted above)', show(r.polls!, 0));
  keyRow(`status of ${n} users: time to the first screen (ms), report generation included`, show(r.firstMs!, 0));
  keyRow(`status of ${n} users: AWS calls / time (ms), listing again (report still current)`, `${show(r.againCalls!, 0)} / ${show(r.againMs!, 0)}`);
  row('listing sent to the screen (MB of JSON)', show(r.payloadMb!, 1));
}
