import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { ListAccountAliasesCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { AppDeps } from '../app/app-deps';
import type { AwsCredentials } from '../aws/client-factory';
import { consoleSignInUrl } from '../../src/shared/invites/invite-schema';
import { enforcementPolicyArn, partitionOf } from './policy/enforcement-policy-arn';

/** A role session in another account, as the header shows it. */
export interface RoleInUse {
  roleName: string;
  /** How it was obtained: sts:AssumeRole, or the IAM Identity Center portal's role credentials. */
  via: 'assumeRole' | 'sso';
  /** The account's name in the organization or the portal, when known. */
  accountName: string | null;
}

export interface AdminIdentity {
  arn: string;
  accountId: string;
  userId: string;
  accountAlias: string | null;
  /** How the admin signed in, for the header. */
  method: 'profile' | 'sso' | 'keys';
  /** Profile name, SSO account/role, or null for typed keys. */
  source: string | null;
  /** When the sign-in ends (ISO), if known: a role session ends with it at the latest. */
  expiresAt: string | null;
  /** The role session in use in another account; null while the signed-in identity itself is in use. */
  role: RoleInUse | null;
  /** The signed-in identity, when a role session in another account is in use (for "back to …"). */
  home: { arn: string; accountId: string; accountAlias: string | null } | null;
}

export interface AdminAccount {
  accountId: string;
  accountAlias: string | null;
  partition: string;
  consoleUrl: string;
  policyArn: string;
}

/**
 * What every admin feature asks for: the identity in use, its clients, and the account they act in.
 * The session is one (it follows the account switcher); a scope of one account is another (the
 * readiness matrix and bulk runs reach several accounts at once).
 */
export interface AccountScope {
  readonly identity: AdminIdentity | null;
  requireIdentity(): AdminIdentity;
  iam(): IAMClient;
  sts(): STSClient;
  /** Builds a client of another service with the scope's credentials. */
  client<T>(build: (credentials: AwsCredentials) => T): T;
  /** The account as provisioning needs it: where users sign in, which policy to attach. */
  account(): AdminAccount;
}

/** Credentials in use in one account, with their clients. Dropped (and unusable) once destroyed. */
export class AccountContext implements AccountScope {
  private iamClient: IAMClient | null;
  private stsClient: STSClient | null;
  private creds: AwsCredentials | null;

  constructor(
    deps: AppDeps,
    credentials: AwsCredentials,
    readonly identity: AdminIdentity,
  ) {
    this.creds = credentials;
    this.iamClient = deps.aws.iam(credentials);
    this.stsClient = deps.aws.sts(credentials);
  }

  get alive(): boolean {
    return this.creds !== null;
  }

  get credentials(): AwsCredentials {
    if (!this.creds) throw new AppError('admin.notSignedIn');
    return this.creds;
  }

  requireIdentity(): AdminIdentity {
    if (!this.creds) throw new AppError('admin.notSignedIn');
    return this.identity;
  }

  iam(): IAMClient {
    if (!this.iamClient) throw new AppError('admin.notSignedIn');
    return this.iamClient;
  }

  sts(): STSClient {
    if (!this.stsClient) throw new AppError('admin.notSignedIn');
    return this.stsClient;
  }

  client<T>(build: (credentials: AwsCredentials) => T): T {
    return build(this.credentials);
  }

  account(): AdminAccount {
    return accountOf(this.requireIdentity());
  }

  destroy(): void {
    this.iamClient?.destroy();
    this.stsClient?.destroy();
    this.iamClient = null;
    this.stsClient = null;
    this.creds = null;
  }
}

export function accountOf(id: Pick<AdminIdentity, 'arn' | 'accountId' | 'accountAlias'>): AdminAccount {
  const partition = partitionOf(id.arn);
  return {
    accountId: id.accountId,
    accountAlias: id.accountAlias,
    partition,
    consoleUrl: consoleSignInUrl({ accountId: id.accountId, accountAlias: id.accountAlias, partition }),
    policyArn: enforcementPolicyArn(id.accountId, partition),
  };
}

/** Who the credentials are (sts:GetCallerIdentity) and the account's alias (iam:ListAccountAliases, when allowed). */
export async function whoIs(deps: Pick<AppDeps, 'aws'>, credentials: AwsCredentials): Promise<{ arn: string; accountId: string; userId: string; accountAlias: string | null }> {
  const sts = deps.aws.sts(credentials);
  const iam = deps.aws.iam(credentials);
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    let alias: string | null = null;
    try {
      alias = (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases?.[0] ?? null;
    } catch (error) {
      // An admin without iam:ListAccountAliases can still work; the header shows the account id.
      if ((error as { name?: string }).name !== 'AccessDenied') throw error;
    }
    return { arn: who.Arn ?? '', accountId: who.Account ?? '', userId: who.UserId ?? '', accountAlias: alias };
  } finally {
    sts.destroy();
    iam.destroy();
  }
}

/**
 * The signed-in administrator. Credentials live only here, in the main process; the renderer
 * sees `identity`. Every admin feature takes this session and asks it for clients: they are the
 * clients of the account in use — the signed-in identity's, or a role session in a member account
 * chosen with the account switcher (electron/admin/accounts/). Switching accounts is this one
 * place; the features follow it.
 */
export class AdminSession implements AccountScope {
  /** The signed-in identity's own context. */
  private homeContext: AccountContext | null = null;
  /** The context in use: home, or a role session another feature made and handed over. */
  private active: AccountContext | null = null;
  private expiresAtMs: number | null = null;
  private readonly signOutHooks: Array<() => void> = [];
  private readonly switchHooks: Array<() => void> = [];

  constructor(private readonly deps: AppDeps) {}

  /** Verifies the credentials with sts:GetCallerIdentity + iam:ListAccountAliases, then keeps them. */
  async signIn(
    credentials: AwsCredentials,
    how: { method: AdminIdentity['method']; source: string | null; expiresAt?: Date | null },
  ): Promise<AdminIdentity> {
    const who = await whoIs(this.deps, credentials);
    // A new sign-in replaces the previous one without the sign-out hooks (the SSO flow keeps its token);
    // role sessions made under the previous one are dropped by their owner when it sees a new home.
    this.clear();
    const identity: AdminIdentity = {
      ...who,
      method: how.method,
      source: how.source,
      expiresAt: how.expiresAt ? how.expiresAt.toISOString() : null,
      role: null,
      home: null,
    };
    this.homeContext = new AccountContext(this.deps, credentials, identity);
    this.active = this.homeContext;
    this.expiresAtMs = how.expiresAt ? how.expiresAt.getTime() : null;
    for (const hook of this.switchHooks) hook();
    return identity;
  }

  /** The identity in use (a role session's while one is, else the signed-in one). */
  get identity(): AdminIdentity | null {
    this.expireIfDue();
    return this.active?.identity ?? null;
  }

  iam(): IAMClient {
    return this.requireActive().iam();
  }

  sts(): STSClient {
    return this.requireActive().sts();
  }

  client<T>(build: (credentials: AwsCredentials) => T): T {
    return this.requireActive().client(build);
  }

  account(): AdminAccount {
    return this.requireActive().account();
  }

  requireIdentity(): AdminIdentity {
    return this.requireActive().requireIdentity();
  }

  /** The signed-in identity's own scope, whatever account is in use (listing the organization, assuming roles). */
  home(): AccountContext {
    this.expireIfDue(true);
    if (!this.homeContext?.alive) throw new AppError('admin.notSignedIn');
    return this.homeContext;
  }

  /** Makes `context` the one every feature uses (the account switcher); home when null. */
  use(context: AccountContext | null): AdminIdentity {
    const home = this.home();
    const next = context ?? home;
    if (!next.alive) throw new AppError('admin.notSignedIn');
    if (next !== this.active) {
      this.active = next;
      for (const hook of this.switchHooks) hook();
    }
    return next.identity;
  }

  /** Runs whenever the account in use changes (features drop what they cached for the previous one). */
  onSwitch(hook: () => void): void {
    this.switchHooks.push(hook);
  }

  /** Runs on every sign-out (e.g. the SSO flow drops its access token). */
  onSignOut(hook: () => void): void {
    this.signOutHooks.push(hook);
  }

  /** When the sign-in ends (ms), for role sessions made under it. */
  get endsAtMs(): number | null {
    return this.expiresAtMs;
  }

  private requireActive(): AccountContext {
    this.expireIfDue(true);
    if (!this.active?.alive) throw new AppError('admin.notSignedIn');
    return this.active;
  }

  /** Credentials that cannot be refreshed end the session cleanly when they expire. */
  private expireIfDue(raise = false): void {
    if (this.expiresAtMs === null || this.deps.clock.now() < this.expiresAtMs) return;
    this.signOut();
    if (raise) throw new AppError('admin.sessionExpired');
  }

  /** Drops the credentials and clients (sign-out, idle lock); the hooks drop role sessions and caches. */
  signOut(): void {
    this.clear();
    for (const hook of this.signOutHooks) hook();
  }

  private clear(): void {
    // The account switched into, if any, and home (destroying one twice is harmless).
    this.active?.destroy();
    this.homeContext?.destroy();
    this.homeContext = null;
    this.active = null;
    this.expiresAtMs = null;
  }

  get signedIn(): boolean {
    return this.homeContext?.alive ?? false;
  }
}
