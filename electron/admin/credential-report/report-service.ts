import type { AppDeps } from '../../app/app-deps';
import type { AdminIdentity, AdminSession } from '../admin-session';
import { fetchCredentialReport } from './fetch-report';
import { parseCredentialReport, type ParsedReport, type ReportUser } from './report-csv';

/** AWS generates a new report at most every four hours (IAM User Guide, "Getting credential reports"). */
export const REPORT_REFRESH_MS = 4 * 3600_000;

export interface CredentialReport extends ParsedReport {
  csv: string;
  generatedAt: Date;
  /** Users by lower-cased name (IAM names are unique regardless of case). */
  byName: Map<string, ReportUser>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The signed-in account's credential report, kept until AWS could make a newer one: within four
 * hours of its GeneratedTime any request returns this same report, so asking again costs a call
 * and tells nothing new. Dropped on sign-out. No secrets in it (no key ids, no passwords).
 */
export class CredentialReportService {
  /** Keyed by the sign-in (its identity object): another admin may not be allowed to read the report. */
  private cached: { who: AdminIdentity; report: CredentialReport } | null = null;
  private inflight: { who: AdminIdentity; promise: Promise<CredentialReport> } | null = null;

  constructor(
    private readonly session: AdminSession,
    private readonly deps: Pick<AppDeps, 'serverClock'>,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    session.onSignOut(() => {
      this.cached = null;
      this.inflight = null;
    });
  }

  async get(): Promise<CredentialReport> {
    const who = this.session.requireIdentity();
    const now = this.deps.serverClock.now();
    if (this.cached?.who === who && now < this.cached.report.generatedAt.getTime() + REPORT_REFRESH_MS) return this.cached.report;
    if (this.inflight?.who !== who) {
      const promise = this.download(who).finally(() => {
        if (this.inflight?.promise === promise) this.inflight = null;
      });
      this.inflight = { who, promise };
    }
    return this.inflight.promise;
  }

  private async download(who: AdminIdentity): Promise<CredentialReport> {
    const report = await loadCredentialReport(this.session.iam(), this.deps, this.wait);
    if (this.session.identity === who) this.cached = { who, report };
    return report;
  }
}

/** Generates (when due), downloads and parses one account's credential report. */
export async function loadCredentialReport(
  iam: Parameters<typeof fetchCredentialReport>[0],
  deps: Pick<AppDeps, 'serverClock'>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<CredentialReport> {
  const { csv, generatedAt } = await fetchCredentialReport(iam, { sleep: wait, now: () => deps.serverClock.now() });
  const parsed = parseCredentialReport(csv);
  return { ...parsed, csv, generatedAt, byName: new Map(parsed.users.map((u) => [u.userName.toLowerCase(), u])) };
}
