import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import type { BulkProgress, BulkRun } from '../../../src/shared/ipc/channels/admin-bulk';
import { inviteFileName } from '../../../src/shared/invites/invite-schema';
import type { AwsClientFactory } from '../../aws/client-factory';
import { toAppError } from '../../aws/map-aws-error';
import { encryptInvite } from '../../invites/invite-codec';
import type { Logger } from '../../logging/logger';
import type { Clock } from '../../platform/clock';
import { buildInvitePayload, writeInviteFile } from '../users/invite-file';
import type { IamSender } from '../users/list-groups';
import { chooseExpiry, doStep, type StepRecord } from '../users/provision-steps';
import type { RunAccount } from '../users/provisioning-run';
import { WRITE_INVITE, type UserJob } from './bulk-user';
import type { BulkJournal } from './journal';
import type { RunKey } from './run-key';
import { progressView, RateMeter, runView } from './run-view';
import { runMemo } from './run-iam';
import { retryStep, Stopped } from './step-retry';

export interface RunnerDeps {
  /** IAM of the run's account (null) or of another account a user goes to (the file's `account` column). */
  iam: (signal: AbortSignal, accountId: string | null) => IamSender;
  journal: BulkJournal;
  key: RunKey;
  account: RunAccount;
  /** Another account's details, for users the file sends there. */
  accountOf?: (accountId: string) => RunAccount;
  aws: Pick<AwsClientFactory, 'region' | 'endpointOverride'>;
  folder: string;
  inviteValidDays: number;
  concurrency: number;
  clock: Clock;
  log: Logger;
  /** Writes the summary CSV; returns its path. */
  writeSummary(jobs: readonly UserJob[]): Promise<string>;
}

/**
 * Provisions many users, `concurrency` at a time, each through the same idempotent steps as
 * "create a user", then its invite. Every step is journaled (started, then done/failed) before
 * the next begins. Pause finishes the steps in flight and starts none; cancel does the same and
 * ends the run; kill (sign-out, idle lock, quitting) stops at once, as a crash would, and leaves
 * the rest to a resume from the journal.
 */
export class BulkRunner {
  private paused = false;
  private cancelled = false;
  private killed = false;
  private readonly abort = new AbortController();
  private inFlight = 0;
  private workers: Promise<void> | null = null;
  private waiters: Array<() => void> = [];
  private readonly meter: RateMeter;
  /** One sender per account for the whole run: its cache and abort signal are the run's. */
  private readonly iams = new Map<string, IamSender>();
  private readonly memo = runMemo();
  summaryFile: string | null = null;

  constructor(
    private readonly d: RunnerDeps,
    readonly jobs: UserJob[],
    private readonly emit: (progress: BulkProgress) => void,
    readonly passwordsReissued = 0,
  ) {
    this.meter = new RateMeter(d.clock);
  }

  private iamFor(job: UserJob): IamSender {
    const key = job.accountId ?? '';
    let iam = this.iams.get(key);
    if (!iam) this.iams.set(key, (iam = this.d.iam(this.abort.signal, job.accountId)));
    return iam;
  }

  private accountFor(job: UserJob): RunAccount {
    if (job.accountId === null) return this.d.account;
    if (!this.d.accountOf) throw new AppError('adminBulk.otherAccount', { accountId: job.accountId });
    return this.d.accountOf(job.accountId);
  }

  get runId(): string {
    return this.d.journal.header.runId;
  }

  get accountId(): string {
    return this.d.account.accountId;
  }

  get busy(): boolean {
    return this.workers !== null;
  }

  /** Starts (or continues) the workers; failed users of a finished run are retried. */
  start(): void {
    if (this.killed) throw new AppError('adminBulk.runStopped');
    this.paused = false;
    this.cancelled = false;
    this.wakeUp();
    if (this.workers) return;
    for (const j of this.jobs) if (j.status === 'failed') this.touch(Object.assign(j, { status: 'pending', step: null, error: undefined }));
    this.cursor = 0;
    this.meter.start(this.jobs.filter((j) => j.status === 'pending').length);
    const pool = Array.from({ length: Math.min(this.d.concurrency, this.jobs.length) }, () => this.worker());
    this.workers = Promise.all(pool).then(() => this.settle());
    this.push(true);
  }

  pause(): void {
    if (this.workers) this.paused = true;
    this.meter.pause();
    this.push(true);
  }

  cancel(): void {
    this.cancelled = true;
    this.wakeUp();
    this.push(true);
  }

  /** Stops now, like a crash: calls in the air are aborted, nothing more is journaled. */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.abort.abort();
    this.wakeUp();
    for (const j of this.jobs) j.secrets = { password: null, secretAccessKey: null, accessKeyId: null };
    this.d.key.forget();
    this.d.journal.close();
  }

  /** Resolves when the workers have stopped (tests, and finishing a run). */
  async idle(): Promise<void> {
    await this.workers?.catch(() => undefined);
  }

  view(): BulkRun {
    return runView(this.viewInput());
  }

  private viewInput() {
    return {
      journal: this.d.journal.header,
      folder: this.d.folder,
      jobs: this.jobs,
      phase: this.phase(),
      meter: this.meter,
      summaryFile: this.summaryFile,
      passwordsReissued: this.passwordsReissued,
      seq: this.seq,
    };
  }

  /** Users whose view changed since the last progress event. */
  private readonly dirty = new Set<UserJob>();
  /** Number of the last progress event. */
  private seq = 0;
  /** Where the search for the next pending user starts (users are taken in order). */
  private cursor = 0;

  private touch(job: UserJob): UserJob {
    this.dirty.add(job);
    return job;
  }

  private nextPending(): UserJob | undefined {
    for (; this.cursor < this.jobs.length; this.cursor++) {
      const j = this.jobs[this.cursor] as UserJob;
      if (j.status === 'pending') return j;
    }
    return undefined;
  }

  async password(userName: string): Promise<string> {
    const job = this.jobs.find((j) => j.input.userName === userName);
    const pw = job?.sealed ? await this.d.key.open(job.sealed) : null;
    if (!pw) throw new AppError('adminBulk.noPassword', { userName });
    return pw;
  }

  private phase(): BulkRun['phase'] {
    const stopping = this.workers !== null && this.inFlight > 0;
    if (this.cancelled) return stopping ? 'cancelling' : 'cancelled';
    if (this.paused) return stopping ? 'pausing' : 'paused';
    if (this.workers === null && this.jobs.every((j) => j.status === 'done' || j.status === 'failed')) return 'done';
    return 'running';
  }

  private async worker(): Promise<void> {
    for (;;) {
      if (!(await this.gate())) return;
      const job = this.nextPending();
      if (!job) return;
      job.status = 'running';
      this.touch(job);
      try {
        await this.provision(job);
      } catch (e) {
        if (e instanceof Stopped || this.killed) return;
        this.failUser(job, e);
      }
    }
  }

  /** Waits while paused; false when the worker must stop (cancelled or killed). */
  private async gate(): Promise<boolean> {
    while (this.paused && !this.cancelled && !this.killed) {
      this.push(true);
      await new Promise<void>((r) => this.waiters.push(r));
    }
    return !this.cancelled && !this.killed;
  }

  private async provision(job: UserJob): Promise<void> {
    const account = this.accountFor(job);
    // Run-wide work (the MFA policy on a group) is once per account: each account has its own group.
    const memo = <T>(key: string, work: () => Promise<T>) => this.memo(`${account.accountId}:${key}`, work);
    const ctx = { iam: this.iamFor(job), input: job.input, policyArn: account.policyArn, secrets: job.secrets, memo, nowMs: () => this.d.clock.now() };
    for (const step of job.steps) {
      if (step.status === 'done') continue;
      if (!(await this.gate())) return this.park(job);
      // The window's end goes on disk with CreateUser's start, before the call whose tag carries it:
      // a resume after a crash then writes the same date into the expiry policy and the invite.
      const startData = step.kind === 'createUser' ? { expiresAt: chooseExpiry(ctx) } : undefined;
      await this.journaled(job, step.id, async () => {
        step.status = 'running';
        step.effect = await retryStep(step, () => doStep(step, ctx), this.abort.signal);
        step.status = 'done';
        return this.stepData(step, job);
      }, step, startData);
    }
    if (!(await this.gate())) return this.park(job);
    await this.journaled(job, WRITE_INVITE, () => this.writeInvite(job), null);
    job.inviteWritten = true;
    job.status = 'done';
    job.step = null;
    this.touch(job);
    // The invite holds them now; the password stays sealed for "copy" and the password sheet.
    job.secrets = { password: null, secretAccessKey: null, accessKeyId: job.secrets.accessKeyId, expiresAt: job.secrets.expiresAt ?? null };
    this.meter.userDone();
    this.push();
  }

  /** started → work → done (with its non-secret data), each line on disk before going on. */
  private async journaled(
    job: UserJob,
    id: string,
    work: () => Promise<Record<string, string> | undefined>,
    step: StepRecord | null,
    startData?: Record<string, string>,
  ): Promise<void> {
    this.record(job, id, 'started', startData ? { data: startData } : undefined);
    job.step = id;
    this.touch(job);
    this.inFlight++;
    this.push();
    try {
      const data = await work();
      this.record(job, id, 'done', data ? { data } : undefined);
    } catch (e) {
      if (step && !(e instanceof Stopped)) step.status = 'failed';
      throw e;
    } finally {
      this.inFlight--;
    }
  }

  private async stepData(step: StepRecord, job: UserJob): Promise<Record<string, string> | undefined> {
    if (step.kind === 'createLoginProfile') {
      job.sealed = await this.d.key.seal(job.secrets.password!);
      this.touch(job);
      return { passwordSealed: job.sealed };
    }
    if (step.kind === 'createAccessKey') return { accessKeyId: job.secrets.accessKeyId! };
    return undefined;
  }

  private async writeInvite(job: UserJob): Promise<Record<string, string>> {
    const { password, accessKeyId, secretAccessKey, expiresAt } = job.secrets;
    if (!password || !accessKeyId || !secretAccessKey || !expiresAt) throw new AppError('adminUsers.secretsGone');
    const payload = buildInvitePayload({
      account: this.accountFor(job),
      aws: this.d.aws,
      userName: job.input.userName,
      accessKeyId,
      secretAccessKey,
      issuedAtMs: this.d.clock.now(),
      expiresAt,
    });
    const bytes = await encryptInvite(payload, password);
    if (this.killed) throw new Stopped();
    const name = inviteFileName(job.input.userName);
    await writeInviteFile(join(this.d.folder, name), bytes);
    job.inviteFile = name;
    this.touch(job);
    return { inviteFile: name };
  }

  private record(job: UserJob, step: string, status: 'started' | 'done' | 'failed', extra?: { data?: Record<string, string>; error?: string }): void {
    // After a kill nothing more reaches the journal: what happened in the air is for the resume to find.
    if (this.killed) throw new Stopped();
    this.d.journal.record(job.input.userName, step, status, extra);
  }

  /** Cancelled between two steps: the user goes back to pending (the summary reports what exists). */
  private park(job: UserJob): void {
    job.status = 'pending';
    this.touch(job);
    this.cursor = 0;
    this.push();
  }

  private failUser(job: UserJob, e: unknown): void {
    const err = toAppError(e);
    if (err.code === 'internal') this.d.log.error('adminBulk.userFailed', { userName: job.input.userName, step: job.step, error: e });
    job.status = 'failed';
    job.error = err.toShape();
    this.touch(job);
    try {
      this.record(job, job.step ?? 'unknown', 'failed', { error: err.code });
    } catch {
      // killed meanwhile
    }
    this.meter.userDone();
    this.push();
  }

  private async settle(): Promise<void> {
    this.workers = null;
    if (this.killed) return;
    if (this.cancelled) this.d.journal.markCancelled();
    if (this.cancelled || this.jobs.every((j) => j.status === 'done' || j.status === 'failed')) {
      this.meter.pause();
      try {
        this.summaryFile = await this.d.writeSummary(this.jobs);
      } catch (e) {
        this.d.log.warn('adminBulk.summaryFailed', { error: (e as Error).message });
      }
    }
    this.push(true);
  }

  private wakeUp(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private lastPush = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;

  /** Progress at most every 150 ms (a 5,000-user run has 35,000 steps), always on phase changes. */
  private push(now = false): void {
    if (this.killed) return;
    const t = this.d.clock.now();
    if (now || t - this.lastPush >= 150) {
      if (this.pending) clearTimeout(this.pending);
      this.pending = null;
      this.lastPush = t;
      this.seq++;
      const event = progressView(this.viewInput(), this.dirty);
      this.dirty.clear();
      this.emit(event);
    } else if (!this.pending) {
      this.pending = setTimeout(() => this.push(true), 150);
      this.pending.unref?.();
    }
  }
}
