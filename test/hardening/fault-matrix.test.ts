/**
 * Issue 7's fault matrix: for every AWS call of the onboarding wizard and of the administrator's
 * "create a user", the sandbox injects throttling, a 5xx, a dropped connection whose answer is
 * lost (the action took effect), the same once (absorbed by the SDK's own retry) and a slow
 * answer. Each cell must complete, or stop with a typed retryable error that has a message in
 * ko and en and then complete on retry — and leave exactly one user / device / key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../sandbox/index';
import { adminCell, MAX_ATTEMPTS, onboardingCell, type CellResult } from './support/fault-cells';

interface Fault {
  spec: FaultSpec;
  /** SDK attempts per call for this column (default MAX_ATTEMPTS). */
  maxAttempts?: number;
}

const FAULTS: Record<string, Fault> = {
  // burst 0: the bucket never fills, so every call is throttled until the fault is cleared.
  throttle: { spec: { throttle: { ratePerSec: 0.5, burst: 0 } } },
  '5xx': { spec: { error5xx: { times: MAX_ATTEMPTS } } },
  // The action takes effect and the answer is lost, on every attempt the SDK makes (a mutating
  // call's SDK retry then meets AWS's own "already exists"/"wrong old password" answer).
  'answer lost, SDK retries': { spec: { drop: { times: MAX_ATTEMPTS, after: true } } },
  // The same with one attempt: the error reaches the app, whose own retry must reconcile.
  'answer lost, no SDK retry': { spec: { drop: { times: 1, after: true } }, maxAttempts: 1 },
  'slow (400 ms)': { spec: { latencyMs: 400 } },
};

// The real call sequences: bench/onboarding.bench.ts and electron/admin/users/provision-steps.ts.
const ONBOARDING_CALLS = [
  'GetCallerIdentity',
  'GetLoginProfile',
  'GetAccountPasswordPolicy',
  'ChangePassword',
  'CreateVirtualMFADevice',
  'EnableMFADevice',
  'GetSessionToken',
  'DeleteAccessKey',
];
const ADMIN_CALLS = ['GetUser', 'CreateUser', 'PutUserPolicy', 'GetAccountPasswordPolicy', 'CreateLoginProfile', 'GetPolicy', 'AttachUserPolicy', 'AddUserToGroup', 'CreateAccessKey'];

interface Cell {
  flow: 'onboarding' | 'admin';
  call: string;
  fault: string;
  result?: CellResult;
}

const cells: Cell[] = [
  ...ONBOARDING_CALLS.flatMap((call) => Object.keys(FAULTS).map((fault) => ({ flow: 'onboarding' as const, call, fault }))),
  ...ADMIN_CALLS.flatMap((call) => Object.keys(FAULTS).map((fault) => ({ flow: 'admin' as const, call, fault }))),
];

/** Cells are independent (one sandbox each), so a few run at once; the machine has 2 cores. */
async function runAll(concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < cells.length) {
      const cell = cells[next++]!;
      const run = cell.flow === 'onboarding' ? onboardingCell : adminCell;
      const fault = FAULTS[cell.fault]!;
      cell.result = await run(cell.call, fault.spec, fault.maxAttempts);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function printMatrix(): void {
  const rows = cells.map((c) => [`${c.flow}: ${c.call}`, c.fault, c.result?.outcome ?? 'not run']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['call', 'fault', 'outcome'][i]!.length));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  console.log(
    [`Fault matrix (SDK maxAttempts ${MAX_ATTEMPTS})`, line(['call', 'fault', 'outcome']), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join(
      '\n',
    ),
  );
}

describe('fault matrix: every AWS call of both flows under throttling, 5xx, dropped and slow answers', () => {
  afterAll(printMatrix);

  it('every cell completes, or stops with a clear retryable message and then completes — no duplicates', async () => {
    await runAll(4);
    const failed = cells.filter((c) => c.result?.failed !== false).map((c) => `${c.flow}: ${c.call} × ${c.fault} → ${c.result?.outcome}`);
    expect(failed).toEqual([]);
  }, 90_000);
});
