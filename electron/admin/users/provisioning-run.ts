import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src/shared/errors/app-error';
import type { CreateUserInput, ProvisionRun } from '../../../src/shared/ipc/channels/admin-users';
import { inviteFileName } from '../../../src/shared/invites/invite-schema';
import { toAppError } from '../../aws/map-aws-error';
import type { Logger } from '../../logging/logger';
import { mayHaveRun } from '../../aws/ambiguous-attempts';
import type { IamSender } from './list-groups';
import { doStep, planSteps, undoStep, type RunSecrets, type StepRecord } from './provision-steps';
import type { AdminAccount } from '../admin-session';

/** The account a run provisions in (fixed when it starts, so a retry never reaches another account). */
export type RunAccount = AdminAccount;

type Phase = ProvisionRun['phase'];
type Emit = (view: ProvisionRun) => void;

/**
 * One "create a user" run: the steps, which are done, and what each did, kept in the main
 * process so a retry continues from the failed step and an undo removes exactly what this run
 * created. The temporary password and secret key live here only until the admin leaves the result.
 */
export class ProvisioningRun {
  readonly runId = randomUUID();
  private phase: Phase = 'running';
  private error: ProvisionRun['error'];
  private readonly steps: StepRecord[];
  private readonly secrets: RunSecrets = { password: null, secretAccessKey: null, accessKeyId: null };
  private passwordShown = false;
  private busy = false;
  private saved: { path: string; expiresAt: string } | null = null;

  constructor(
    readonly input: CreateUserInput,
    readonly account: RunAccount,
    private readonly log: Logger,
    /** AWS's clock: the onboarding window's expiry is compared with aws:CurrentTime. */
    private readonly nowMs: () => number = Date.now,
    /** True once a newer invite for this user exists (see invite-generations.ts). */
    private readonly superseded: () => boolean = () => false,
  ) {
    this.steps = planSteps(input);
  }

  get userName(): string {
    return this.input.userName;
  }

  /** Failed or half-undone with something left in the account: the admin must retry or undo first. */
  get unfinished(): boolean {
    return this.phase !== 'done' && this.phase !== 'undone' && this.somethingCreated;
  }

  /** Any step that did, or may have done, something. */
  private get somethingCreated(): boolean {
    return this.steps.some((s) => s.effect !== 'none');
  }

  /** Every step done but the invite never saved: leaving now would strand the user without credentials. */
  get needsInvite(): boolean {
    return this.phase === 'done' && this.saved === null && this.secrets.password !== null && !this.superseded();
  }

  /** Runs every step not yet done, in order; stops at the first failure. */
  async run(iam: IamSender, emit: Emit): Promise<ProvisionRun> {
    this.enter(this.phase === 'running' || this.phase === 'failed');
    try {
      this.phase = 'running';
      this.error = undefined;
      const ctx = { iam, input: this.input, policyArn: this.account.policyArn, secrets: this.secrets, nowMs: this.nowMs };
      this.redoStepsWhoseSecretIsGone();
      for (const step of this.steps) {
        if (step.status === 'done') continue;
        step.status = 'running';
        delete step.error;
        emit(this.view());
        try {
          step.effect = await doStep(step, ctx);
          step.status = 'done';
        } catch (e) {
          // A lost answer or a 5xx (this attempt's or one the SDK retried): the step may have run.
          if (step.effect === 'none' && mayHaveRun(e)) step.effect = 'maybe';
          this.fail(step, e);
          return this.view();
        }
      }
      this.phase = 'done';
      return this.view();
    } finally {
      this.busy = false;
      emit(this.view());
    }
  }

  /** Reverses, last first, every step that did (or may have done) something. Ends with no user. */
  async undo(iam: IamSender, emit: Emit): Promise<ProvisionRun> {
    this.enter(this.phase === 'failed' || this.phase === 'undoFailed');
    try {
      this.phase = 'undoing';
      this.error = undefined;
      const ctx = { iam, input: this.input, policyArn: this.account.policyArn, secrets: this.secrets, nowMs: this.nowMs };
      for (const step of [...this.steps].reverse()) {
        if (step.effect === 'none') continue;
        step.status = 'undoing';
        delete step.error;
        emit(this.view());
        try {
          await undoStep(step, ctx);
          step.status = 'undone';
          step.effect = 'none';
        } catch (e) {
          this.fail(step, e, 'undoFailed');
          return this.view();
        }
      }
      this.phase = 'undone';
      this.wipe();
      return this.view();
    } finally {
      this.busy = false;
      emit(this.view());
    }
  }

  /** The secrets the invite needs; only once every step is done and until wiped. */
  inviteSecrets(): { password: string; accessKeyId: string; secretAccessKey: string; expiresAt: string } {
    this.assertCurrent();
    const { password, accessKeyId, secretAccessKey, expiresAt } = this.secrets;
    if (this.phase !== 'done' || !password || !accessKeyId || !secretAccessKey || !expiresAt) throw new AppError('adminUsers.secretsGone');
    return { password, accessKeyId, secretAccessKey, expiresAt };
  }

  markSaved(path: string, expiresAt: string): void {
    this.saved = { path, expiresAt };
  }

  /** The temporary password for the screen, the first time only. */
  takePasswordForDisplay(): string | undefined {
    if (this.passwordShown || !this.secrets.password) return undefined;
    this.passwordShown = true;
    return this.secrets.password;
  }

  /** The password for the clipboard (after it has been shown). */
  password(): string {
    this.assertCurrent();
    if (!this.secrets.password) throw new AppError('adminUsers.secretsGone');
    return this.secrets.password;
  }

  /** True if the text holds a secret of this run. */
  containsSecret(text: string): boolean {
    return [this.secrets.password, this.secrets.secretAccessKey].some((s) => !!s && text.includes(s));
  }

  /** A newer invite deleted this run's key and replaced its password: nothing of it may be handed out. */
  private assertCurrent(): void {
    if (this.superseded()) throw new AppError('adminUsers.inviteSuperseded', { userName: this.userName });
  }

  get holdsSecrets(): boolean {
    return [this.secrets.password, this.secrets.secretAccessKey].some((secret) => secret !== null);
  }

  /** Drops the password and secret key (JS strings cannot be zeroed; dropping the last reference is what we can do). */
  wipe(): void {
    this.secrets.password = null;
    this.secrets.secretAccessKey = null;
  }

  view(): ProvisionRun {
    return {
      runId: this.runId,
      userName: this.userName,
      phase: this.phase,
      steps: this.steps.map((s) => ({
        id: s.id,
        kind: s.kind,
        ...(s.group ? { group: s.group } : {}),
        status: s.status,
        ...(s.error ? { error: s.error } : {}),
      })),
      ...(this.error ? { error: this.error } : {}),
      accessKeyId: this.secrets.accessKeyId,
      somethingCreated: this.somethingCreated,
      superseded: this.superseded(),
      invite:
        this.phase === 'done'
          ? {
              fileName: inviteFileName(this.userName),
              accountId: this.account.accountId,
              accountAlias: this.account.accountAlias,
              consoleUrl: this.account.consoleUrl,
              validDays: this.input.inviteValidDays,
              savedPath: this.saved?.path ?? null,
              expiresAt: this.saved?.expiresAt ?? null,
            }
          : null,
    };
  }

  /**
   * Secrets wiped (sign-out) while the run was unfinished: the steps that produced them run
   * again, and being idempotent they set a new password / replace the key.
   */
  private redoStepsWhoseSecretIsGone(): void {
    for (const step of this.steps) {
      if (step.status !== 'done') continue;
      if ((step.kind === 'createLoginProfile' && !this.secrets.password) || (step.kind === 'createAccessKey' && !this.secrets.secretAccessKey)) {
        step.status = 'pending';
      }
    }
  }

  private enter(allowed: boolean): void {
    if (this.busy) throw new AppError('adminUsers.busy');
    if (!allowed) throw new AppError('adminUsers.notAllowedNow', { phase: this.phase });
    this.busy = true;
  }

  private fail(step: StepRecord, e: unknown, phase: Phase = 'failed'): void {
    const err = toAppError(e);
    if (err.code === 'internal') this.log.error('adminUsers.stepFailed', { step: step.id, error: e });
    step.status = phase === 'failed' ? 'failed' : 'undoFailed';
    step.error = err.toShape();
    this.phase = phase;
    this.error = err.toShape();
  }
}
