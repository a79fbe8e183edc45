import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { ListAccountAliasesCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { AppDeps } from '../app/app-deps';
import type { AwsCredentials } from '../aws/client-factory';
import { consoleSignInUrl } from '../../src/shared/invites/invite-schema';
import { enforcementPolicyArn, partitionOf } from './policy/enforcement-policy-arn';

export interface AdminIdentity {
  arn: string;
  accountId: string;
  userId: string;
  accountAlias: string | null;
  /** How the admin signed in, for the header. */
  method: 'profile' | 'sso' | 'keys';
  /** Profile name, SSO account/role, or null for typed keys. */
  source: string | null;
  /** When temporary credentials expire (ISO), if known. */
  expiresAt: string | null;
}

export interface AdminAccount {
  accountId: string;
  accountAlias: string | null;
  partition: string;
  consoleUrl: string;
  policyArn: string;
}

/**
 * The signed-in administrator. Credentials live only here, in the main process; the renderer
 * sees `identity`. Every admin feature takes this session and asks it for clients.
 */
export class AdminSession {
  private credentials: AwsCredentials | null = null;
  private current: AdminIdentity | null = null;
  private iamClient: IAMClient | null = null;
  private stsClient: STSClient | null = null;
  private expiresAtMs: number | null = null;
  private readonly signOutHooks: Array<() => void> = [];

  constructor(private readonly deps: AppDeps) {}

  /** Verifies the credentials with sts:GetCallerIdentity + iam:ListAccountAliases, then keeps them. */
  async signIn(
    credentials: AwsCredentials,
    how: { method: AdminIdentity['method']; source: string | null; expiresAt?: Date | null },
  ): Promise<AdminIdentity> {
    const sts = this.deps.aws.sts(credentials);
    const iam = this.deps.aws.iam(credentials);
    const who = await sts.send(new GetCallerIdentityCommand({}));
    let alias: string | null = null;
    try {
      alias = (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases?.[0] ?? null;
    } catch (error) {
      // An admin without iam:ListAccountAliases can still work; the header shows the account id.
      if ((error as { name?: string }).name !== 'AccessDenied') throw error;
    }
    this.clear();
    this.credentials = credentials;
    this.iamClient = iam;
    this.stsClient = sts;
    this.current = {
      arn: who.Arn ?? '',
      accountId: who.Account ?? '',
      userId: who.UserId ?? '',
      accountAlias: alias,
      method: how.method,
      source: how.source,
      expiresAt: how.expiresAt ? how.expiresAt.toISOString() : null,
    };
    this.expiresAtMs = how.expiresAt ? how.expiresAt.getTime() : null;
    return this.current;
  }

  get identity(): AdminIdentity | null {
    this.expireIfDue();
    return this.current;
  }

  iam(): IAMClient {
    this.expireIfDue(true);
    if (!this.iamClient) throw new AppError('admin.notSignedIn');
    return this.iamClient;
  }

  sts(): STSClient {
    this.expireIfDue(true);
    if (!this.stsClient) throw new AppError('admin.notSignedIn');
    return this.stsClient;
  }

  /** Builds a client of another service with the session's credentials (the caller destroys it or keeps it per session). */
  client<T>(build: (credentials: AwsCredentials) => T): T {
    this.expireIfDue(true);
    if (!this.credentials) throw new AppError('admin.notSignedIn');
    return build(this.credentials);
  }

  /** The signed-in account as provisioning needs it: where users sign in, which policy to attach. */
  account(): AdminAccount {
    const id = this.requireIdentity();
    const partition = partitionOf(id.arn);
    return {
      accountId: id.accountId,
      accountAlias: id.accountAlias,
      partition,
      consoleUrl: consoleSignInUrl({ accountId: id.accountId, accountAlias: id.accountAlias, partition }),
      policyArn: enforcementPolicyArn(id.accountId, partition),
    };
  }

  requireIdentity(): AdminIdentity {
    this.expireIfDue(true);
    if (!this.current) throw new AppError('admin.notSignedIn');
    return this.current;
  }

  /** Runs on every sign-out (e.g. the SSO flow drops its access token). */
  onSignOut(hook: () => void): void {
    this.signOutHooks.push(hook);
  }

  /** Credentials that cannot be refreshed end the session cleanly when they expire. */
  private expireIfDue(raise = false): void {
    if (this.expiresAtMs === null || this.deps.clock.now() < this.expiresAtMs) return;
    this.signOut();
    if (raise) throw new AppError('admin.sessionExpired');
  }

  /** Drops the credentials and clients (sign-out, idle lock). */
  signOut(): void {
    this.clear();
    for (const hook of this.signOutHooks) hook();
  }

  private clear(): void {
    this.iamClient?.destroy();
    this.stsClient?.destroy();
    this.iamClient = null;
    this.stsClient = null;
    this.credentials = null;
    this.current = null;
    this.expiresAtMs = null;
  }

  get signedIn(): boolean {
    return this.credentials !== null;
  }
}
