import type { RunAccount } from '../users/provisioning-run';
import type { BulkRunner } from './bulk-runner';

/** What the hand-off of a run's passwords needs to know beyond the runner itself. */
export interface RunFacts {
  account: RunAccount;
  createdAt: string;
  inviteValidDays: number;
  /** InviteGenerations stamp taken when this session's runner was made. */
  stamp: number;
  /** The account of a user the file's `account` column sent elsewhere (id, alias, console address). */
  accountOf?: (accountId: string) => RunAccount;
}

/** The bulk run of this session, shared by the bulk handlers (which own it) and the hand-off handlers. */
export class BulkRunHolder {
  runner: BulkRunner | null = null;
  facts: RunFacts | null = null;

  attach(runner: BulkRunner, facts: RunFacts): void {
    this.runner = runner;
    this.facts = facts;
  }

  detach(): void {
    this.runner = null;
    this.facts = null;
  }
}
