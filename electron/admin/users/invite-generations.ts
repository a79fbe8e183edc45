/**
 * Which invite of a user is the current one. Every result that holds a user's invite secrets (the
 * Users tab's run, a bulk run) takes a stamp when it is made; issuing a new invite for that user
 * later (resend, lost-device reset on the status tab) deletes the key and replaces the password
 * the older result holds, so that result is superseded: it must say so and refuse to save or
 * copy them. In memory, for this app session (a result does not outlive it either).
 */
export class InviteGenerations {
  private counter = 0;
  private readonly latest = new Map<string, number>();

  /** A mark for a result made now. */
  stamp(): number {
    return this.counter;
  }

  /** A new invite for `userName` replaces every earlier one. */
  reissued(accountId: string, userName: string): void {
    this.latest.set(key(accountId, userName), ++this.counter);
  }

  /** True when an invite was issued for `userName` after `stamp` was taken. */
  supersededSince(accountId: string, userName: string, stamp: number): boolean {
    return (this.latest.get(key(accountId, userName)) ?? -1) > stamp;
  }
}

// IAM user names are unique case-insensitively.
const key = (accountId: string, userName: string) => `${accountId}/${userName.toLowerCase()}`;
