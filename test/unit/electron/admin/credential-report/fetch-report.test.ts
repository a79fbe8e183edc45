import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { fetchCredentialReport, POLL_FIRST_MS } from '../../../../../electron/admin/credential-report/fetch-report';

/** An AWS service error as the SDK throws it (name = modelled shape, $metadata = the HTTP answer). */
const awsError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const NOT_PRESENT = () => awsError('CredentialReportNotPresentException', 410);
const IN_PROGRESS = () => awsError('CredentialReportNotReadyException', 404);
const EXPIRED = () => awsError('CredentialReportExpiredException', 410);
const REPORT = { Content: new TextEncoder().encode('user,arn\n'), GeneratedTime: new Date('2024-01-01T00:00:00Z'), ReportFormat: 'text/csv' };

/** IAM that answers each call from a script, and a clock that only moves when the code sleeps. */
function scripted(answers: Array<() => unknown>) {
  const calls: string[] = [];
  let t = 0;
  const sleeps: number[] = [];
  const iam = {
    send: async (cmd: unknown) => {
      calls.push(cmd instanceof GetCredentialReportCommand ? 'Get' : cmd instanceof GenerateCredentialReportCommand ? 'Generate' : '?');
      const next = answers.shift();
      if (!next) throw new Error('script ran out');
      const out = next();
      if (out instanceof Error) throw out;
      return out;
    },
  };
  const o = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    now: () => t,
  };
  return { iam: iam as never, o, calls, sleeps };
}

describe('fetchCredentialReport', () => {
  it('a current report: one call', async () => {
    const s = scripted([() => REPORT]);
    expect(await fetchCredentialReport(s.iam, s.o)).toEqual({ csv: 'user,arn\n', generatedAt: REPORT.GeneratedTime });
    expect(s.calls).toEqual(['Get']);
  });

  it('none yet: generate, then poll through ReportInProgress with growing waits', async () => {
    const s = scripted([NOT_PRESENT, () => ({ State: 'STARTED' }), IN_PROGRESS, IN_PROGRESS, () => REPORT]);
    expect((await fetchCredentialReport(s.iam, s.o)).csv).toBe('user,arn\n');
    expect(s.calls).toEqual(['Get', 'Generate', 'Get', 'Get', 'Get']);
    expect(s.sleeps).toEqual([POLL_FIRST_MS, POLL_FIRST_MS * 1.5, POLL_FIRST_MS * 2.25]);
  });

  it('expired: generates a new one; a read that misses the new one right after is asked again, not regenerated', async () => {
    const s = scripted([EXPIRED, () => ({ State: 'STARTED' }), NOT_PRESENT, () => REPORT]);
    await fetchCredentialReport(s.iam, s.o);
    expect(s.calls).toEqual(['Get', 'Generate', 'Get', 'Get']);
  });

  it('LimitExceeded from GenerateCredentialReport: keeps polling for what AWS has', async () => {
    const s = scripted([NOT_PRESENT, () => awsError('LimitExceededException', 409), IN_PROGRESS, () => REPORT]);
    await fetchCredentialReport(s.iam, s.o);
    expect(s.calls).toEqual(['Get', 'Generate', 'Get', 'Get']);
  });

  it('gives up after the wait limit with a retryable message; other errors are not swallowed', async () => {
    const s = scripted([NOT_PRESENT, () => ({ State: 'STARTED' }), ...Array.from({ length: 50 }, () => IN_PROGRESS)]);
    await expect(fetchCredentialReport(s.iam, { ...s.o, maxWaitMs: 20_000 })).rejects.toMatchObject({ code: 'admin.credentialReportTimeout', params: { seconds: 20 }, retryable: true });
    expect(s.o.now()).toBeLessThanOrEqual(20_000);
    const denied = scripted([() => awsError('AccessDenied', 403)]);
    await expect(fetchCredentialReport(denied.iam, denied.o)).rejects.toMatchObject({ name: 'AccessDenied', $action: 'iam:GetCredentialReport' });
  });
});
