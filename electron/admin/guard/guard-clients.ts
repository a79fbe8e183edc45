import type { AccountGuardClients, AccountGuardService } from '../../aws/client-factory';
import type { AppDeps } from '../../app/app-deps';
import type { AdminSession } from '../admin-session';

/** The admin's clients of the account-guard services, one per service and region, dropped at sign-out. */
export class GuardClients {
  private readonly cache = new Map<string, { destroy(): void }>();

  constructor(
    private readonly deps: AppDeps,
    private readonly session: AdminSession,
  ) {
    session.onSignOut(() => this.clear());
    // Clients carry the credentials of the account in use: another account, other clients.
    session.onSwitch(() => this.clear());
  }

  /** The admin's default region: where a new trail is homed and where trails are listed from. */
  get homeRegion(): string {
    return this.deps.aws.region;
  }

  get<S extends AccountGuardService>(service: S, region: string): AccountGuardClients[S] {
    const key = `${service} ${region}`;
    let c = this.cache.get(key);
    if (!c) {
      c = this.session.client((credentials) => this.deps.aws.guard(service, credentials, region));
      this.cache.set(key, c);
    }
    return c as AccountGuardClients[S];
  }

  clear(): void {
    for (const c of this.cache.values()) c.destroy();
    this.cache.clear();
  }
}
