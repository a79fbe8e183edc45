import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import type { SecretHolder } from '../../app/secret-lifecycle';
import { awsErrorMessage, awsErrorName, isAccessDenied, isNetworkError } from '../../aws/aws-error';
import type { AwsCredentials } from '../../aws/client-factory';
import { AccountContext, whoIs, type AdminSession } from '../admin-session';
import { refreshingCredentials } from '../sign-in/refreshing-credentials';
import type { SsoDeviceFlow } from '../sign-in/sso-device-flow';
import { partitionOf } from '../policy/enforcement-policy-arn';

/** The role AWS creates in every account made through Organizations (Organizations User Guide). */
export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';
const ROLE_SESSION_SECONDS = 3600;
/** The MFA session a code buys: what `aws sts get-session-token` gives by default; wiped with every lock. */
const MFA_SESSION_SECONDS = 12 * 3600;

export interface RoleChoice {
  roleName: string;
  externalId?: string;
}

export type Obtained =
  | { kind: 'context'; context: AccountContext }
  | { kind: 'mfaCodeNeeded'; accountId: string; roleName: string; mfaSerial: string; deviceName: string };

const resolve = async (c: AwsCredentials): Promise<AwsCredentialIdentity> => (typeof c === 'function' ? c() : c);

/** The session name CloudTrail shows in the member account: who the admin is (`alice`), within STS's pattern. */
export function roleSessionName(arn: string): string {
  const last = arn.split('/').pop() ?? 'admin';
  const clean = last.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return clean.length >= 2 ? clean : `admin-${clean}`;
}

/**
 * Role sessions in the organization's other accounts, made from the signed-in identity: sts:AssumeRole
 * (OrganizationAccountAccessRole or a role the admin names), or the SSO portal's role credentials after
 * an IAM Identity Center sign-in. Each is refreshed a few minutes before it expires; all of them, and the
 * MFA session a trust policy may have asked for, are wiped on sign-out and by every lock.
 */
export class RoleSessions implements SecretHolder {
  private readonly contexts = new Map<string, { context: AccountContext; choice: RoleChoice; via: 'assumeRole' | 'sso' }>();
  private readonly choices = new Map<string, RoleChoice>();
  private mfa: { credentials: AwsCredentialIdentity; expiresAtMs: number } | null = null;
  private madeUnder: AccountContext | null = null;
  /** Account names from the last listing, for the header. */
  readonly names = new Map<string, string>();
  /** The role assumed in member accounts unless the admin names another. */
  defaultRoleName = DEFAULT_ROLE_NAME;

  constructor(
    private readonly deps: AppDeps,
    private readonly session: AdminSession,
    private readonly sso: SsoDeviceFlow,
  ) {
    session.onSignOut(() => this.wipe());
  }

  /** The role used for an account: the one last chosen for it, else the default. */
  choiceFor(accountId: string): RoleChoice {
    return this.choices.get(accountId) ?? { roleName: this.defaultRoleName };
  }

  /** Signed in through IAM Identity Center: accounts and roles come from the portal. */
  get viaSso(): boolean {
    return this.session.home().identity.method === 'sso' && this.sso.hasToken;
  }

  /**
   * A scope in `accountId`: the signed-in identity in its own account, else a role session (reused
   * while alive, made otherwise). With `mfaCode`, an MFA session is made first and used from then on.
   */
  async obtain(accountId: string, wanted?: Partial<RoleChoice>, mfaCode?: string): Promise<Obtained> {
    const home = this.homeContext();
    if (accountId === home.identity.accountId && !wanted?.roleName) return { kind: 'context', context: home };
    const choice: RoleChoice = { ...this.choiceFor(accountId), ...stripUndefined(wanted ?? {}) };
    const kept = this.contexts.get(accountId);
    if (kept?.context.alive && sameChoice(kept.choice, choice) && !mfaCode) return { kind: 'context', context: kept.context };
    if (mfaCode) await this.startMfaSession(home, mfaCode);
    const via = this.viaSso ? 'sso' : 'assumeRole';
    const made = via === 'sso' ? await this.fromPortal(home, accountId, choice, !!wanted?.roleName) : await this.assume(home, accountId, choice);
    if (made.kind === 'mfaCodeNeeded') return made;
    kept?.context.destroy();
    this.contexts.set(accountId, { context: made.context, choice, via });
    this.choices.set(accountId, choice);
    return made;
  }

  /** For work over many accounts (the matrix, a bulk run): no prompt possible, so MFA is an error naming the device. */
  async scope(accountId: string): Promise<AccountContext> {
    const got = await this.obtain(accountId);
    if (got.kind === 'mfaCodeNeeded')
      throw new AppError('adminAccounts.mfaNeeded', { accountId, roleName: got.roleName, deviceName: got.deviceName });
    return got.context;
  }

  /** A code the admin typed for a row that asked for MFA: the MFA session serves every account from now on. */
  async provideMfaCode(code: string): Promise<void> {
    await this.startMfaSession(this.homeContext(), code);
  }

  /** Whether an MFA session is held (then no role asks for a code again until it ends). */
  get hasMfaSession(): boolean {
    return this.mfa !== null && this.deps.clock.now() < this.mfa.expiresAtMs;
  }

  holdsSecrets(): boolean {
    return this.mfa !== null || [...this.contexts.values()].some((c) => c.context.alive);
  }

  wipe(): void {
    for (const { context } of this.contexts.values()) context.destroy();
    this.contexts.clear();
    this.choices.clear();
    this.names.clear();
    this.mfa = null;
    this.madeUnder = null;
    this.defaultRoleName = DEFAULT_ROLE_NAME;
  }

  /** Role sessions belong to the sign-in they were made under; a new sign-in starts afresh. */
  private homeContext(): AccountContext {
    const home = this.session.home();
    if (this.madeUnder !== home) {
      for (const { context } of this.contexts.values()) context.destroy();
      this.contexts.clear();
      this.choices.clear();
      this.mfa = null;
      this.madeUnder = home;
    }
    return home;
  }

  private async assume(home: AccountContext, accountId: string, choice: RoleChoice): Promise<Obtained> {
    const roleArn = `arn:${partitionOf(home.identity.arn)}:iam::${accountId}:role/${choice.roleName}`;
    const sessionName = roleSessionName(home.identity.arn);
    const usedMfa = this.hasMfaSession;
    const fetch = async (): Promise<AwsCredentialIdentity> => {
      // A role that needed the MFA session cannot be refreshed without it: ask again rather than fail oddly.
      if (usedMfa && !this.hasMfaSession) throw new AppError('adminAccounts.mfaExpired', { accountId, roleName: choice.roleName });
      const sts = this.deps.aws.sts(this.hasMfaSession && this.mfa ? this.mfa.credentials : home.credentials);
      try {
        const out = await sts.send(
          new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: ROLE_SESSION_SECONDS, ...(choice.externalId ? { ExternalId: choice.externalId } : {}) }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new AppError('adminAccounts.assumeDenied', { accountId, roleName: choice.roleName, code: 'NoCredentials' });
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) };
      } finally {
        sts.destroy();
      }
    };
    let first: AwsCredentialIdentity;
    try {
      first = await fetch();
    } catch (error) {
      const device = await this.mfaPrompt(home, error);
      if (device) return { kind: 'mfaCodeNeeded', accountId, roleName: choice.roleName, ...device };
      throw explainAssumeFailure(error, accountId, choice.roleName, roleArn);
    }
    return { kind: 'context', context: await this.contextFor(home, refreshingCredentials(first, fetch, this.deps.clock), accountId, choice.roleName, 'assumeRole') };
  }

  private async fromPortal(home: AccountContext, accountId: string, choice: RoleChoice, explicit: boolean): Promise<Obtained> {
    let roleName = choice.roleName;
    // The portal's roles are permission sets: the one asked for; without a choice the signed-in one's if assigned, else the first.
    const roles = await this.sso.listRoles(accountId);
    if (!roles.includes(roleName)) {
      const signedInAs = home.identity.source?.split(' / ')[1];
      const fallback = signedInAs && roles.includes(signedInAs) ? signedInAs : roles[0];
      if (explicit || !fallback) throw new AppError('adminAccounts.ssoNoRole', { accountId, roleName });
      roleName = fallback;
    }
    const credentials = await this.sso.roleCredentials(accountId, roleName);
    return { kind: 'context', context: await this.contextFor(home, credentials, accountId, roleName, 'sso') };
  }

  private async contextFor(home: AccountContext, credentials: AwsCredentials, accountId: string, roleName: string, via: 'assumeRole' | 'sso'): Promise<AccountContext> {
    const who = await whoIs(this.deps, credentials);
    const h = home.identity;
    return new AccountContext(this.deps, credentials, {
      ...who,
      method: h.method,
      source: h.source,
      expiresAt: h.expiresAt,
      role: { roleName, via, accountName: this.names.get(accountId) ?? null },
      home: { arn: h.arn, accountId: h.accountId, accountAlias: h.accountAlias },
    });
  }

  /**
   * AWS answers AccessDenied both when the caller's own policy lacks sts:AssumeRole and when the trust
   * policy refuses (MFA missing among other reasons), telling only the first apart ("… because no
   * identity-based policy allows …"). A refusal that is not the caller's own policy gets one MFA prompt
   * when the signed-in identity is an IAM user with long-term keys, no MFA session yet, and a device.
   */
  private async mfaPrompt(home: AccountContext, error: unknown): Promise<{ mfaSerial: string; deviceName: string } | null> {
    if (!isAccessDenied(error) || /identity-based policy/.test(awsErrorMessage(error)) || this.hasMfaSession) return null;
    if (!/:user\//.test(home.identity.arn)) return null;
    const creds = await resolve(home.credentials);
    if (creds.sessionToken) return null; // a session already (an MFA profile session included): a code changes nothing
    try {
      const devices = await home.iam().send(new ListMFADevicesCommand({}));
      const serial = devices.MFADevices?.[0]?.SerialNumber;
      return serial ? { mfaSerial: serial, deviceName: serial.split('/').pop() ?? serial } : null;
    } catch {
      return null; // cannot see the device: the denial is shown as it is
    }
  }

  private async startMfaSession(home: AccountContext, code: string): Promise<void> {
    const devices = await home.iam().send(new ListMFADevicesCommand({}));
    const serial = devices.MFADevices?.[0]?.SerialNumber;
    if (!serial) throw new AppError('adminAccounts.noMfaDevice');
    const sts = this.deps.aws.sts(home.credentials);
    try {
      const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds: MFA_SESSION_SECONDS }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new AppError('adminAccounts.mfaCodeRejected', { deviceName: serial.split('/').pop() ?? serial });
      this.mfa = {
        credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
        expiresAtMs: c.Expiration ? c.Expiration.getTime() : this.deps.clock.now() + MFA_SESSION_SECONDS * 1000,
      };
    } catch (error) {
      if (isAccessDenied(error) && /MultiFactorAuthentication/i.test(awsErrorMessage(error)))
        throw new AppError('adminAccounts.mfaCodeRejected', { deviceName: serial.split('/').pop() ?? serial }, { cause: error });
      throw error;
    } finally {
      sts.destroy();
    }
  }
}

/** "cannot assume OrganizationAccountAccessRole in 222233334444: AccessDenied", with the part AWS told apart. */
export function explainAssumeFailure(error: unknown, accountId: string, roleName: string, roleArn: string): unknown {
  if (error instanceof AppError) return error;
  if (!isAccessDenied(error)) {
    const code = awsErrorName(error);
    // Any other answer of STS (RegionDisabled, a malformed role name…): still which role, which account.
    return code && !isNetworkError(error) ? new AppError('adminAccounts.assumeFailed', { accountId, roleName, code }, { cause: error }) : error;
  }
  if (/identity-based policy/.test(awsErrorMessage(error)))
    return new AppError('adminAccounts.assumeNotPermitted', { accountId, roleName, permission: 'sts:AssumeRole', roleArn }, { cause: error });
  return new AppError('adminAccounts.assumeDenied', { accountId, roleName, code: 'AccessDenied' }, { cause: error });
}

const sameChoice = (a: RoleChoice, b: RoleChoice): boolean => a.roleName === b.roleName && (a.externalId ?? '') === (b.externalId ?? '');
const stripUndefined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
