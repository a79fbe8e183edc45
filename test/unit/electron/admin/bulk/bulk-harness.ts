import type { IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BulkRunner } from '../../../../../electron/admin/bulk/bulk-runner';
import { inputFor, jobFromJournal, newJob } from '../../../../../electron/admin/bulk/bulk-user';
import { BulkJournal } from '../../../../../electron/admin/bulk/journal';
import { makeRunDir, runPaths } from '../../../../../electron/admin/bulk/run-files';
import { runIam } from '../../../../../electron/admin/bulk/run-iam';
import { RunKey } from '../../../../../electron/admin/bulk/run-key';
import { writeSummaryCsv } from '../../../../../electron/admin/bulk/bulk-output';
import { createAwsClientFactory } from '../../../../../electron/aws/client-factory';
import type { IamSender } from '../../../../../electron/admin/users/list-groups';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createProcessSecretStore } from '../../../../../electron/platform/node-ports';
import type { SecretStore } from '../../../../../electron/platform/ports';
import type { BulkProgress } from '../../../../../src/shared/ipc/channels/admin-bulk';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import type { Sandbox } from '../../../../sandbox/index';

export interface Users {
  userName: string;
  groups?: string[];
  tags?: Record<string, string>;
}

/** A sandbox in this process, or one in another process (the bench) reached by its URL, with the MFA policy's ARN. */
export type HarnessTarget = Sandbox | (Pick<Sandbox, 'url' | 'region' | 'accountId' | 'admin'> & { policyArn: string });

/** A bulk run against the sandbox, built as the handlers build it, with hooks for the tests. */
export function harness(sandbox: HarnessTarget, o: { maxAttempts?: number; onEvent?: (e: BulkProgress) => void } = {}) {
  const userData = mkdtempSync(join(tmpdir(), 'bulk-ud-'));
  const folder = mkdtempSync(join(tmpdir(), 'bulk-out-'));
  const secrets: SecretStore = createProcessSecretStore();
  let policyArn: string;
  if ('policyArn' in sandbox) policyArn = sandbox.policyArn;
  else {
    if (!sandbox.state.findPolicyByName(ENFORCEMENT_POLICY_NAME)) sandbox.scenario.createPolicy(ENFORCEMENT_POLICY_NAME, buildEnforcementPolicy('aws'));
    policyArn = sandbox.state.findPolicyByName(ENFORCEMENT_POLICY_NAME)!.arn;
  }
  const account = { accountId: sandbox.accountId, accountAlias: null, partition: 'aws', consoleUrl: 'https://x.signin.aws.amazon.com/console', policyArn };
  // The admin's IAM client as the app makes it (adaptive retries, the ambiguous-attempt tracking).
  const client = createAwsClientFactory({ region: sandbox.region, endpoints: { iam: sandbox.url }, maxAttempts: o.maxAttempts ?? 3 }).iam({
    accessKeyId: sandbox.admin.accessKeyId,
    secretAccessKey: sandbox.admin.secretAccessKey,
  });
  const aws = { region: sandbox.region, endpointOverride: () => sandbox.url };
  /** Every progress event the runner emitted, in order. */
  const views: BulkProgress[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  /** Counts concurrent calls on the way to IAM. */
  const counting: Pick<IAMClient, 'send'> = {
    send: (async (cmd: unknown, opts: unknown) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await (client.send as (c: unknown, o: unknown) => Promise<unknown>)(cmd, opts);
      } finally {
        inFlight--;
      }
    }) as IAMClient['send'],
  };

  const runnerFor = (journal: BulkJournal, key: RunKey, jobs: BulkRunner['jobs'], concurrency: number, reissued = 0) =>
    new BulkRunner(
      {
        iam: (signal): IamSender => runIam(counting, signal),
        journal,
        key,
        account,
        aws,
        folder,
        inviteValidDays: 7,
        concurrency,
        clock: { now: () => Date.now() },
        log: silentLogger,
        writeSummary: (j) => writeSummaryCsv(folder, journal.header.runId, j),
      },
      jobs,
      (v) => (o.onEvent ? o.onEvent(v) : void views.push(v)),
      reissued,
    );

  return {
    userData,
    folder,
    secrets,
    views,
    client,
    maxInFlight: () => maxInFlight,
    async start(users: Users[], concurrency = 4, runId = crypto.randomUUID(), attachTo: string | null = null) {
      const paths = makeRunDir(userData, runId);
      const key = await RunKey.create(paths, { kind: 'keychain', secrets });
      const journal = BulkJournal.create(paths.journal, {
        runId,
        createdAt: new Date().toISOString(),
        folder,
        accountId: sandbox.accountId,
        accountAlias: null,
        partition: 'aws',
        attachTo,
        inviteValidDays: 7,
        users: users.map((u) => ({ userName: u.userName, email: null, groups: u.groups ?? [], tags: u.tags ?? {} })),
      });
      const runner = runnerFor(journal, key, journal.header.users.map((u) => newJob(inputFor(u, attachTo, 7))), concurrency);
      runner.start();
      return runner;
    },
    /** What the handlers do on "resume" after a restart. */
    async resume(runId: string, store: SecretStore = secrets) {
      const paths = runPaths(userData, runId);
      const journal = BulkJournal.open(paths.journal);
      const key = await RunKey.load(paths, { secrets: store });
      let reissued = 0;
      const jobs = [];
      for (const u of journal.header.users) {
        const r = await jobFromJournal(inputFor(u, null, 7), journal.of(u.userName), key);
        reissued += r.reissued ? 1 : 0;
        jobs.push(r.job);
      }
      const runner = runnerFor(journal, key, jobs, 4, reissued);
      runner.start();
      return runner;
    },
  };
}

export const users = (n: number, prefix = 'u'): Users[] => Array.from({ length: n }, (_, i) => ({ userName: `${prefix}${String(i + 1).padStart(2, '0')}`, tags: { team: 'qa' } }));

/** Waits until the predicate holds (polling; the runner works in the background). */
export async function until(p: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!p()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
