import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import { awsErrorName } from '../../aws/aws-error';
import { tagAction } from '../iam-call';

type Iam = Pick<IAMClient, 'send'>;

/** The CSV as AWS produced it and when AWS generated it. */
export interface DownloadedReport {
  csv: string;
  generatedAt: Date;
}

export interface FetchOptions {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Give up waiting for AWS to finish generating after this long. */
  maxWaitMs?: number;
}

/** First wait between polls, growing by half each time up to the cap (AWS needs seconds, more for big accounts). */
export const POLL_FIRST_MS = 400;
const POLL_CAP_MS = 5_000;
const MAX_WAIT_MS = 180_000;

/** The SDK names the wire codes ReportNotPresent / ReportExpired / ReportInProgress after their shapes. */
const code = (e: unknown): string => {
  const name = awsErrorName(e);
  return { CredentialReportNotPresent: 'ReportNotPresent', CredentialReportExpired: 'ReportExpired', CredentialReportNotReady: 'ReportInProgress' }[name] ?? name;
};

/**
 * The account's credential report: the one AWS has if it is current, else a new one. AWS makes
 * at most one every four hours; a request inside that window gets the last one (IAM User Guide,
 * "Getting credential reports"). Polls while AWS says ReportInProgress.
 */
export async function fetchCredentialReport(iam: Iam, o: FetchOptions): Promise<DownloadedReport> {
  const deadline = o.now() + (o.maxWaitMs ?? MAX_WAIT_MS);
  let wait = POLL_FIRST_MS;
  let generated = false;
  for (;;) {
    try {
      const out = await tagAction('iam:GetCredentialReport', iam.send(new GetCredentialReportCommand({})));
      if (!out.Content || !out.GeneratedTime) throw new AppError('admin.credentialReportUnreadable');
      return { csv: Buffer.from(out.Content).toString('utf8'), generatedAt: out.GeneratedTime };
    } catch (error) {
      const c = code(error);
      if (c === 'ReportNotPresent' || c === 'ReportExpired') {
        // Right after GenerateCredentialReport a read may still miss it: ask again, generate once more at most.
        if (!generated || c === 'ReportExpired') await generate(iam);
        generated = true;
      } else if (c !== 'ReportInProgress') throw error;
    }
    if (o.now() + wait > deadline) throw new AppError('admin.credentialReportTimeout', { seconds: Math.round((o.maxWaitMs ?? MAX_WAIT_MS) / 1000) }, { retryable: true });
    await o.sleep(wait);
    wait = Math.min(POLL_CAP_MS, Math.round(wait * 1.5));
  }
}

async function generate(iam: Iam): Promise<void> {
  try {
    await tagAction('iam:GenerateCredentialReport', iam.send(new GenerateCredentialReportCommand({})));
  } catch (error) {
    // LimitExceeded is GenerateCredentialReport's documented refusal: the next poll tells us what exists.
    if (code(error) !== 'LimitExceeded') throw error;
  }
}
