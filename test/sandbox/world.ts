import { AccountState } from './state';
import { GuardState } from './services/guard-state';
import type { Organization } from './organizations';

/** One AWS account of the sandbox: its IAM state and its account-guard services. */
export interface WorldAccount {
  state: AccountState;
  guard: GuardState;
}

/**
 * Every account the sandbox serves. Each has its own IAM state (users, keys, roles, sessions); a
 * request is routed to the account whose key or session signed it, as AWS's global IAM and STS
 * endpoints do. All accounts share the first account's clock (skew included).
 */
export class World {
  private readonly byId = new Map<string, WorldAccount>();
  organization: Organization | null = null;

  constructor(readonly home: AccountState) {
    this.byId.set(home.accountId, this.entry(home));
  }

  private entry(state: AccountState): WorldAccount {
    const guard = new GuardState(state);
    guard.bucketOwnedElsewhere = (name) => this.accounts.some((a) => a.guard !== guard && a.guard.buckets.has(name));
    return { state, guard };
  }

  /** Adds an empty account (no users, AWS managed policies only), on the same clock as the first. */
  addAccount(accountId: string, accountAlias: string | null): WorldAccount {
    if (this.byId.has(accountId)) throw new Error(`account ${accountId} already exists`);
    const state = new AccountState({ accountId, accountAlias, region: this.home.region, now: () => this.home.nowMs() });
    state.credentialReportDelayMs = this.home.credentialReportDelayMs;
    state.consistencyDelayMs = this.home.consistencyDelayMs;
    const entry = this.entry(state);
    this.byId.set(accountId, entry);
    return entry;
  }

  account(accountId: string): WorldAccount | undefined {
    return this.byId.get(accountId);
  }

  get accounts(): WorldAccount[] {
    return [...this.byId.values()];
  }

  /**
   * The account that issued an access key id (a user's key or a session). Key ids are unique across
   * AWS; an unknown one is answered by the first account (InvalidClientTokenId, as for any unknown key).
   */
  accountOfKey(accessKeyId: string | undefined): WorldAccount {
    if (accessKeyId)
      for (const a of this.byId.values()) if (a.state.accessKeys.has(accessKeyId) || a.state.sessions.has(accessKeyId)) return a;
    return this.byId.get(this.home.accountId) as WorldAccount;
  }

  /** Eventual consistency is switched for every account at once. */
  setConsistencyDelayMs(ms: number): void {
    for (const a of this.byId.values()) a.state.consistencyDelayMs = ms;
  }
}
