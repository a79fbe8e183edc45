import type { BulkProgress, BulkRun, BulkUser } from '../../../src/shared/ipc/channels/admin-bulk';
import type { Clock } from '../../platform/clock';
import type { UserJob } from './bulk-user';
import type { JournalHeader } from './journal';

/**
 * Users per minute while the run is actually working (paused time does not count), from this
 * session only: after a resume, users finished before the crash say nothing about today's speed.
 */
export class RateMeter {
  private activeMs = 0;
  private since: number | null = null;
  private finished = 0;

  constructor(private readonly clock: Clock) {}

  start(_pending: number): void {
    if (this.since === null) this.since = this.clock.now();
  }

  pause(): void {
    if (this.since !== null) this.activeMs += this.clock.now() - this.since;
    this.since = null;
  }

  userDone(): void {
    this.finished++;
  }

  /** Users per minute, or null before there is anything to measure. */
  perMinute(): number | null {
    const ms = this.activeMs + (this.since !== null ? this.clock.now() - this.since : 0);
    if (this.finished === 0 || ms < 1000) return null;
    return (this.finished / ms) * 60_000;
  }
}

/** What the screen sees of one user (no secrets). */
export const userView = (j: UserJob): BulkUser => ({
  userName: j.input.userName,
  accountId: j.accountId,
  status: j.status,
  step: j.status === 'running' || j.status === 'failed' ? j.step : null,
  inviteFile: j.inviteFile,
  ...(j.error ? { error: j.error } : {}),
  hasPassword: j.sealed !== null,
});

interface ViewInput {
  journal: JournalHeader;
  folder: string;
  jobs: readonly UserJob[];
  phase: BulkRun['phase'];
  meter: RateMeter;
  summaryFile: string | null;
  passwordsReissued: number;
  seq: number;
}

/** The whole run, users included: what a channel answers (start, resume, current …). */
export function runView(o: ViewInput): BulkRun {
  return { ...counts(o), users: o.jobs.map(userView) };
}

/** A progress event: the counts and the users that changed since the last one. */
export function progressView(o: ViewInput, changed: Iterable<UserJob>): BulkProgress {
  return { ...counts(o), changed: [...changed].map(userView) };
}

function counts(o: ViewInput): Omit<BulkRun, 'users'> {
  let done = 0;
  let failed = 0;
  let running = 0;
  for (const j of o.jobs) {
    if (j.status === 'done') done++;
    else if (j.status === 'failed') failed++;
    else if (j.status === 'running') running++;
  }
  const remaining = o.jobs.length - done - failed;
  const rate = o.meter.perMinute();
  return {
    runId: o.journal.runId,
    createdAt: o.journal.createdAt,
    folder: o.folder,
    phase: o.phase,
    total: o.jobs.length,
    done,
    failed,
    running,
    remaining,
    ratePerMinute: rate === null ? null : Math.round(rate * 10) / 10,
    secondsLeft: rate === null || o.phase !== 'running' ? null : Math.ceil((remaining / rate) * 60),
    summaryFile: o.summaryFile,
    passwordsReissued: o.passwordsReissued,
    seq: o.seq,
  };
}
