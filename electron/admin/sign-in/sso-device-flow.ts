import { CreateTokenCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import { isAllowedExternalUrl } from '../../platform/external-url';
import type { AdminIdentity, AdminSession } from '../admin-session';
import { refreshingCredentials } from './refreshing-credentials';
import { SsoClientCache, type SsoClientRegistration } from './sso-client-cache';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const SLOW_DOWN_EXTRA_S = 5;

interface Pending {
  region: string;
  client: SsoClientRegistration;
  deviceCode: string;
  intervalS: number;
  expiresAtMs: number;
  abort: AbortController;
}

interface Token {
  region: string;
  accessToken: string;
  expiresAtMs: number;
}

/**
 * IAM Identity Center sign-in by device authorization (what `aws sso login` does): the admin
 * approves a code in the browser while this polls CreateToken. Cancelable at every point.
 */
export class SsoDeviceFlow {
  private pending: Pending | null = null;
  private token: Token | null = null;
  private readonly clients: SsoClientCache;

  constructor(
    private readonly deps: AppDeps,
    private readonly session: AdminSession,
  ) {
    this.clients = new SsoClientCache(deps);
    session.onSignOut(() => this.dropToken());
  }

  async start(startUrl: string, region: string) {
    this.cancel();
    const abort = new AbortController();
    let client = await this.clients.get(region);
    const oidc = this.deps.aws.ssoOidc(region);
    const authorize = () =>
      oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl }), {
        abortSignal: abort.signal,
      });
    let auth;
    try {
      auth = await authorize();
    } catch (error) {
      if ((error as { name?: string }).name !== 'InvalidClientException') throw error;
      await this.clients.forget(region);
      client = await this.clients.get(region);
      auth = await authorize();
    }
    if (abort.signal.aborted) throw new AppError('admin.signInCancelled');
    const expiresAtMs = this.deps.clock.now() + (auth.expiresIn ?? 600) * 1000;
    this.pending = {
      region,
      client,
      deviceCode: auth.deviceCode ?? '',
      intervalS: Math.max(1, auth.interval ?? 5),
      expiresAtMs,
      abort,
    };
    const url = auth.verificationUriComplete ?? auth.verificationUri ?? '';
    const opened = isAllowedExternalUrl(url, this.overrideOrigins());
    if (opened) await this.deps.platform.links.open(url);
    return { userCode: auth.userCode ?? '', verificationUri: url, expiresAt: new Date(expiresAtMs).toISOString(), opened };
  }

  /** Polls until approved; honours `interval`, AuthorizationPending, SlowDown (+5 s) and expiry. */
  async wait() {
    const p = this.pending;
    if (!p) throw new AppError('admin.ssoNotStarted');
    const oidc = this.deps.aws.ssoOidc(p.region);
    try {
      for (;;) {
        await sleep(p.intervalS * 1000 + 100, p.abort.signal);
        if (this.deps.clock.now() >= p.expiresAtMs) throw new AppError('admin.ssoExpired');
        try {
          const out = await oidc.send(
            new CreateTokenCommand({ grantType: DEVICE_GRANT, deviceCode: p.deviceCode, clientId: p.client.clientId, clientSecret: p.client.clientSecret }),
            { abortSignal: p.abort.signal },
          );
          this.token = {
            region: p.region,
            accessToken: out.accessToken ?? '',
            expiresAtMs: this.deps.clock.now() + (out.expiresIn ?? 3600) * 1000,
          };
          break;
        } catch (error) {
          if (p.abort.signal.aborted) throw new AppError('admin.signInCancelled');
          const name = (error as { name?: string }).name;
          if (name === 'AuthorizationPendingException') continue;
          if (name === 'SlowDownException') p.intervalS += SLOW_DOWN_EXTRA_S;
          else if (name === 'ExpiredTokenException') throw new AppError('admin.ssoExpired');
          else if (name === 'AccessDeniedException') throw new AppError('admin.ssoDenied');
          else throw error;
        }
      }
    } finally {
      if (this.pending === p) this.pending = null;
    }
    return { accounts: await this.listAccounts() };
  }

  async listRoles(accountId: string): Promise<string[]> {
    const t = this.requireToken();
    const roles: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.deps.aws.sso(t.region).send(new ListAccountRolesCommand({ accessToken: t.accessToken, accountId, nextToken }));
      roles.push(...(out.roleList ?? []).map((r) => r.roleName ?? '').filter(Boolean));
      nextToken = out.nextToken;
    } while (nextToken);
    return roles.sort();
  }

  /** GetRoleCredentials; refreshed with the same access token until that token expires. */
  async signIn(accountId: string, roleName: string): Promise<AdminIdentity> {
    const t = this.requireToken();
    return this.session.signIn(await this.roleCredentials(accountId, roleName), {
      method: 'sso',
      source: `${accountId} / ${roleName}`,
      expiresAt: new Date(t.expiresAtMs),
    });
  }

  /**
   * The portal's role credentials for one account (the account switcher uses it too), refreshed
   * with the same access token until that token expires.
   */
  async roleCredentials(accountId: string, roleName: string): Promise<AwsCredentialIdentityProvider> {
    const t = this.requireToken();
    const fetch = async (): Promise<AwsCredentialIdentity> => {
      if (this.deps.clock.now() >= t.expiresAtMs || this.token !== t) throw new AppError('admin.sessionExpired');
      const out = await this.deps.aws.sso(t.region).send(new GetRoleCredentialsCommand({ accessToken: t.accessToken, accountId, roleName }));
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) throw new AppError('admin.ssoNoCredentials');
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        ...(c.expiration ? { expiration: new Date(c.expiration) } : {}),
      };
    };
    return refreshingCredentials(await fetch(), fetch, this.deps.clock);
  }

  /** Whether a portal token is held (the admin signed in through IAM Identity Center). */
  get hasToken(): boolean {
    return this.token !== null && this.deps.clock.now() < this.token.expiresAtMs;
  }

  holdsSecrets(): boolean {
    return this.pending !== null || this.token !== null;
  }

  /** Idle lock, quit: the portal token and a pending authorization go. */
  wipe(): void {
    this.dropToken();
  }

  cancel(): void {
    this.pending?.abort.abort();
    this.pending = null;
  }

  /** Every account the portal assigns to the signed-in user (every page). */
  async listAccounts() {
    const t = this.requireToken();
    const accounts: Array<{ accountId: string; accountName: string; emailAddress: string }> = [];
    let nextToken: string | undefined;
    do {
      const out = await this.deps.aws.sso(t.region).send(new ListAccountsCommand({ accessToken: t.accessToken, nextToken }));
      for (const a of out.accountList ?? []) {
        accounts.push({ accountId: a.accountId ?? '', accountName: a.accountName ?? '', emailAddress: a.emailAddress ?? '' });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return accounts;
  }

  private requireToken(): Token {
    if (!this.token || this.deps.clock.now() >= this.token.expiresAtMs) throw new AppError('admin.ssoNotStarted');
    return this.token;
  }

  private dropToken(): void {
    const t = this.token;
    this.token = null;
    this.cancel();
    // Best effort: end the portal session too; sign-out must not wait on the network.
    if (t) void this.deps.aws.sso(t.region).send(new LogoutCommand({ accessToken: t.accessToken })).catch(() => {});
  }

  private overrideOrigins(): string[] {
    return (['sso-oidc', 'sso'] as const)
      .map((s) => this.deps.aws.endpointOverride(s))
      .filter((u): u is string => !!u)
      .map((u) => new URL(u).origin);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AppError('admin.signInCancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('admin.signInCancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
