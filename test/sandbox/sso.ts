import { randomInt } from 'node:crypto';
import { randomHex, randomToken } from './ids';
import { ADMIN_POLICY_ARN, type AccountState, type Role } from './state';
import type { World } from './world';
import { escapeXml } from './xml';

/** A JSON answer of the REST-JSON protocols (SSO-OIDC, SSO portal). */
export interface JsonReply {
  status: number;
  body: unknown;
  errorType?: string;
  action: string;
}

export interface SsoAssignment {
  accountId: string;
  roleName: string;
}

interface DeviceAuth {
  deviceCode: string;
  userCode: string;
  clientId: string;
  expiresAt: number;
  interval: number;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  lastPoll?: number;
  assignments: SsoAssignment[];
}

interface SsoToken {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  expiresAt: number;
  assignments: SsoAssignment[];
  email: string;
}

export const SSO_DEVICE_EXPIRES_IN = 600;
export const SSO_POLL_INTERVAL = 1;
export const SSO_TOKEN_EXPIRES_IN = 8 * 3600;
export const SSO_USER_EMAIL = 'user@example.com';
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

const oidcError = (action: string, status: number, type: string, error: string, description: string): JsonReply => ({
  status,
  action,
  errorType: type,
  body: { error, error_description: description },
});
const portalError = (action: string, status: number, type: string, message: string): JsonReply => ({
  status,
  action,
  errorType: type,
  body: { message },
});

/** IAM Identity Center for the sandbox account: OIDC device flow + portal. */
export class SsoState {
  private readonly clients = new Map<string, { clientSecret: string; expiresAt: number }>();
  private readonly devices = new Map<string, DeviceAuth>();
  private readonly byUserCode = new Map<string, DeviceAuth>();
  private readonly tokens = new Map<string, SsoToken>();
  private readonly refresh = new Map<string, SsoToken>();
  /** Permission-set role suffixes, per account and role name. */
  private readonly roleSuffix = new Map<string, string>();
  /** Next-page tokens of the portal's ListAccounts. */
  private readonly pageTokens = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly baseUrl: () => string,
  ) {}

  private get state(): AccountState {
    return this.world.home;
  }

  private now(): number {
    return this.state.nowMs();
  }

  /** Approval without a choice: AdministratorAccess and ReadOnlyAccess in every account of the sandbox. */
  defaultAssignments(): SsoAssignment[] {
    return this.world.accounts.flatMap(({ state }) => [
      { accountId: state.accountId, roleName: 'AdministratorAccess' },
      { accountId: state.accountId, roleName: 'ReadOnlyAccess' },
    ]);
  }

  /** The portal's account name: the organization's name for the account, else its alias. */
  private accountName(accountId: string): string {
    const inOrg = this.world.organization?.accounts.find((a) => a.id === accountId);
    if (inOrg) return inOrg.name;
    return this.world.account(accountId)?.state.accountAlias ?? (accountId === this.state.accountId ? 'sandbox' : `account-${accountId}`);
  }

  approve(userCode: string, account?: SsoAssignment): void {
    const d = this.byUserCode.get(userCode.toUpperCase());
    if (!d || d.status === 'consumed') throw new Error(`unknown user code ${userCode}`);
    d.status = 'approved';
    d.assignments = account ? [account] : this.defaultAssignments();
  }

  deny(userCode: string): void {
    const d = this.byUserCode.get(userCode.toUpperCase());
    if (!d) throw new Error(`unknown user code ${userCode}`);
    d.status = 'denied';
  }

  pendingUserCodes(): string[] {
    return [...this.devices.values()].filter((d) => d.status === 'pending').map((d) => d.userCode);
  }

  // ---------------- OIDC ----------------
  oidc(path: string, body: Record<string, unknown>): JsonReply {
    const str = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    if (path === '/client/register') {
      const action = 'RegisterClient';
      if (!str('clientName') || !str('clientType'))
        return oidcError(action, 400, 'InvalidRequestException', 'invalid_request', 'clientName and clientType are required');
      if (str('clientType') !== 'public')
        return oidcError(action, 400, 'InvalidClientMetadataException', 'invalid_client_metadata', 'clientType must be public');
      const clientId = randomToken(16);
      const clientSecret = randomToken(48);
      const now = Math.floor(this.now() / 1000);
      const expiresAt = now + 90 * 86400;
      this.clients.set(clientId, { clientSecret, expiresAt });
      return { status: 200, action, body: { clientId, clientSecret, clientIdIssuedAt: now, clientSecretExpiresAt: expiresAt } };
    }
    const clientOk = (): boolean => {
      const c = this.clients.get(str('clientId') ?? '');
      return !!c && c.clientSecret === str('clientSecret') && c.expiresAt * 1000 > this.now();
    };
    if (path === '/device_authorization') {
      const action = 'StartDeviceAuthorization';
      if (!str('clientId') || !str('clientSecret') || !str('startUrl'))
        return oidcError(action, 400, 'InvalidRequestException', 'invalid_request', 'clientId, clientSecret and startUrl are required');
      if (!clientOk()) return oidcError(action, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
      let userCode: string;
      do {
        userCode = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)]).join('');
        userCode = `${userCode.slice(0, 4)}-${userCode.slice(4)}`;
      } while (this.byUserCode.has(userCode));
      const d: DeviceAuth = {
        deviceCode: randomToken(48),
        userCode,
        clientId: str('clientId') as string,
        expiresAt: this.now() + SSO_DEVICE_EXPIRES_IN * 1000,
        interval: SSO_POLL_INTERVAL,
        status: 'pending',
        assignments: [],
      };
      this.devices.set(d.deviceCode, d);
      this.byUserCode.set(userCode, d);
      const verificationUri = `${this.baseUrl()}/__sandbox/sso/device`;
      return {
        status: 200,
        action,
        body: {
          deviceCode: d.deviceCode,
          userCode,
          verificationUri,
          verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
          expiresIn: SSO_DEVICE_EXPIRES_IN,
          interval: SSO_POLL_INTERVAL,
        },
      };
    }
    if (path === '/token') {
      const action = 'CreateToken';
      if (!str('clientId') || !str('clientSecret') || !str('grantType'))
        return oidcError(action, 400, 'InvalidRequestException', 'invalid_request', 'clientId, clientSecret and grantType are required');
      if (!clientOk()) return oidcError(action, 401, 'InvalidClientException', 'invalid_client', 'Invalid client');
      const grant = str('grantType');
      if (grant === 'refresh_token') {
        const old = this.refresh.get(str('refreshToken') ?? '');
        if (!old || old.clientId !== str('clientId'))
          return oidcError(action, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
        this.refresh.delete(old.refreshToken);
        return this.issue(action, old.clientId, old.assignments);
      }
      if (grant !== 'urn:ietf:params:oauth:grant-type:device_code')
        return oidcError(action, 400, 'UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
      const d = this.devices.get(str('deviceCode') ?? '');
      if (!d || d.clientId !== str('clientId') || d.status === 'consumed')
        return oidcError(action, 400, 'InvalidGrantException', 'invalid_grant', 'Invalid grant provided');
      const now = this.now();
      if (now >= d.expiresAt) return oidcError(action, 400, 'ExpiredTokenException', 'expired_token', 'Device code has expired');
      if (d.status === 'denied') return oidcError(action, 400, 'AccessDeniedException', 'access_denied', 'Access denied by the user');
      if (d.status === 'pending') {
        const tooFast = d.lastPoll !== undefined && now - d.lastPoll < d.interval * 1000;
        d.lastPoll = now;
        if (tooFast) return oidcError(action, 400, 'SlowDownException', 'slow_down', 'Client is polling too fast');
        return oidcError(action, 400, 'AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      }
      d.status = 'consumed';
      return this.issue(action, d.clientId, d.assignments);
    }
    return oidcError('Unknown', 404, 'ResourceNotFoundException', 'not_found', `No route for ${path}`);
  }

  private issue(action: string, clientId: string, assignments: SsoAssignment[]): JsonReply {
    const t: SsoToken = {
      accessToken: 'aoa' + randomToken(64),
      refreshToken: 'aor' + randomToken(64),
      clientId,
      expiresAt: this.now() + SSO_TOKEN_EXPIRES_IN * 1000,
      assignments,
      email: SSO_USER_EMAIL,
    };
    this.tokens.set(t.accessToken, t);
    this.refresh.set(t.refreshToken, t);
    return { status: 200, action, body: { accessToken: t.accessToken, tokenType: 'Bearer', expiresIn: SSO_TOKEN_EXPIRES_IN, refreshToken: t.refreshToken } };
  }

  // ---------------- portal ----------------
  /** The permission-set role that backs an SSO role name in this account. */
  ssoRole(roleName: string, state: AccountState = this.state): Role {
    const key = `${state.accountId}/${roleName}`;
    let suffix = this.roleSuffix.get(key);
    if (!suffix) {
      suffix = randomHex(8);
      this.roleSuffix.set(key, suffix);
    }
    const name = `AWSReservedSSO_${roleName}_${suffix}`;
    const existing = state.roles.get(name.toLowerCase());
    if (existing) return existing;
    const managed = `arn:aws:iam::aws:policy/${roleName}`;
    return state.createRole(
      name,
      '/aws-reserved/sso.amazonaws.com/',
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${state.accountId}:saml-provider/AWSSSO_${suffix}_DO_NOT_DELETE` }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] }],
      },
      state.policies.has(managed) ? [managed] : roleName === 'AdministratorAccess' ? [ADMIN_POLICY_ARN] : [],
    );
  }

  portal(method: string, path: string, query: URLSearchParams, bearer: string | undefined): JsonReply {
    const action = path === '/assignment/accounts' ? 'ListAccounts' : path === '/assignment/roles' ? 'ListAccountRoles' : path === '/federation/credentials' ? 'GetRoleCredentials' : path === '/logout' ? 'Logout' : 'Unknown';
    const t = bearer ? this.tokens.get(bearer) : undefined;
    if (action === 'Unknown') return portalError(action, 404, 'ResourceNotFoundException', `No route for ${method} ${path}`);
    if (!t || t.expiresAt <= this.now()) return portalError(action, 401, 'UnauthorizedException', 'Session token not found or invalid');
    if (action === 'Logout') {
      this.tokens.delete(t.accessToken);
      return { status: 200, action, body: {} };
    }
    if (action === 'ListAccounts') {
      // Paged (max_result 1..100, next_token), as the portal API reference describes.
      const ids = [...new Set(t.assignments.map((a) => a.accountId))];
      const max = query.get('max_result');
      const size = max === null ? 100 : Number(max);
      if (!Number.isInteger(size) || size < 1 || size > 100) return portalError(action, 400, 'InvalidRequestException', 'max_result must be between 1 and 100');
      const token = query.get('next_token');
      const offset = token === null ? 0 : this.pageTokens.get(token);
      if (offset === undefined) return portalError(action, 400, 'InvalidRequestException', 'Invalid next_token');
      const slice = ids.slice(offset, offset + size);
      let nextToken: string | undefined;
      if (offset + size < ids.length) {
        nextToken = randomToken(24);
        this.pageTokens.set(nextToken, offset + size);
      }
      return {
        status: 200,
        action,
        body: {
          accountList: slice.map((accountId) => ({ accountId, accountName: this.accountName(accountId), emailAddress: `aws+${accountId}@example.com` })),
          ...(nextToken ? { nextToken } : {}),
        },
      };
    }
    const accountId = query.get('account_id');
    if (!accountId) return portalError(action, 400, 'InvalidRequestException', 'account_id is required');
    if (action === 'ListAccountRoles')
      return {
        status: 200,
        action,
        body: { roleList: t.assignments.filter((a) => a.accountId === accountId).map((a) => ({ roleName: a.roleName, accountId })) },
      };
    const roleName = query.get('role_name');
    if (!roleName) return portalError(action, 400, 'InvalidRequestException', 'role_name is required');
    const account = this.world.account(accountId);
    if (!t.assignments.some((a) => a.accountId === accountId && a.roleName === roleName) || !account)
      return portalError(action, 403, 'ForbiddenException', 'No access');
    const role = this.ssoRole(roleName, account.state);
    // The role session lives in the account it was issued for: its key acts there and nowhere else.
    const s = account.state.createSession({ kind: 'role', roleName: role.roleName, sessionName: t.email }, 3600, false, 'sso');
    return {
      status: 200,
      action,
      body: {
        roleCredentials: {
          accessKeyId: s.accessKeyId,
          secretAccessKey: s.secretAccessKey,
          sessionToken: s.sessionToken,
          expiration: s.expiration.getTime(),
        },
      },
    };
  }
}

/** The "verification URI" page: shows the code with Approve / Deny buttons. */
export function devicePage(userCode: string | null, pending: string[], message?: string): string {
  const code = userCode ? escapeXml(userCode) : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sandbox SSO – authorize device</title></head>
<body style="font-family:sans-serif;max-width:32em;margin:3em auto">
<h1>Sandbox IAM Identity Center</h1>
${message ? `<p role="status">${escapeXml(message)}</p>` : ''}
<form method="post" action="/__sandbox/sso/approve">
<label>User code <input name="user_code" value="${code}" autocomplete="off"></label>
<button type="submit">Approve</button>
<button type="submit" formaction="/__sandbox/sso/deny">Deny</button>
</form>
${pending.length ? `<p>Pending codes: ${pending.map(escapeXml).join(', ')}</p>` : ''}
</body></html>`;
}
