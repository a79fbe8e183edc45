import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import type { AdminSession } from '../admin-session';
import type { SsoDeviceFlow } from '../sign-in/sso-device-flow';
import { listAccounts, type AccountList } from './account-list';
import type { RoleSessions } from './role-sessions';

/** An `account` cell of a CSV resolved: the account it names, or why it names none. */
export type Resolved = { accountId: string; name: string } | { problem: 'account.unknown' | 'account.ambiguous' };

/**
 * The accounts the admin can work in (the last listing, read again on demand), shared by the account
 * switcher, the readiness matrix and bulk runs. No secrets: ids and names. Dropped on sign-out.
 */
export class OrgDirectory {
  private listing: AccountList | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly session: AdminSession,
    private readonly roles: RoleSessions,
    private readonly sso: SsoDeviceFlow,
  ) {
    session.onSignOut(() => (this.listing = null));
  }

  async list(): Promise<AccountList> {
    const l = await listAccounts(this.deps, this.session.home(), this.roles.viaSso ? this.sso : null, this.roles.defaultRoleName);
    const current = this.session.requireIdentity().accountId;
    this.listing = { ...l, accounts: l.accounts.map((a) => ({ ...a, current: a.accountId === current })) };
    for (const a of l.accounts) this.roles.names.set(a.accountId, a.name);
    return this.listing;
  }

  async known(): Promise<AccountList> {
    return this.listing ?? this.list();
  }

  /** The accounts asked for, named as listed (an id the listing lacks keeps its id as its name). */
  async accounts(ids?: readonly string[]): Promise<Array<{ accountId: string; name: string }>> {
    const l = await this.known();
    if (!ids) return l.accounts.map((a) => ({ accountId: a.accountId, name: a.name }));
    return ids.map((id) => ({ accountId: id, name: l.accounts.find((a) => a.accountId === id)?.name ?? id }));
  }

  /**
   * The accounts asked for, each of which must be listed: an id from outside the organization (or the
   * portal's accounts) is refused before any call is made for it, whoever asks (the renderer included).
   */
  async listed(ids?: readonly string[]): Promise<Array<{ accountId: string; name: string }>> {
    const l = await this.known();
    if (!ids) return l.accounts.map((a) => ({ accountId: a.accountId, name: a.name }));
    return ids.map((id) => {
      const a = l.accounts.find((x) => x.accountId === id);
      if (!a) throw new AppError('adminAccounts.notInOrganization', { accountId: id });
      return { accountId: a.accountId, name: a.name };
    });
  }

  /**
   * A CSV's `account` cell: an account id of the listing, or a name (case and spacing aside) that exactly
   * one listed account has. Anything else is a problem of that cell, before anything is created.
   */
  async resolve(cell: string): Promise<Resolved> {
    const l = await this.known();
    const text = cell.trim();
    if (/^\d{12}$/.test(text)) {
      const a = l.accounts.find((x) => x.accountId === text);
      return a ? { accountId: a.accountId, name: a.name } : { problem: 'account.unknown' };
    }
    const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    const named = l.accounts.filter((a) => fold(a.name) === fold(text));
    if (named.length === 1) return { accountId: named[0]!.accountId, name: named[0]!.name };
    return { problem: named.length > 1 ? 'account.ambiguous' : 'account.unknown' };
  }
}
