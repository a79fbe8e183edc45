import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import type { AdminIdentity, AdminSession } from '../admin-session';
import { awsConfigPaths, loadProfiles, ssoStartOf } from '../../aws/shared-config';
import { classifyProfile } from './aws-profiles';
import { deferred, type Deferred } from './deferred';
import { refreshingCredentials } from './refreshing-credentials';

export type ProfileSignInResult =
  | { status: 'signedIn'; identity: AdminIdentity }
  | { status: 'mfaCodeNeeded'; mfaSerial: string; profile: string };

interface Attempt {
  profile: string;
  codeRequested: Deferred<string>;
  code: Deferred<string>;
  finished: Promise<AdminIdentity>;
}

const isMfaFailure = (e: unknown) => /MultiFactorAuthentication/i.test((e as Error)?.message ?? '');

/**
 * Sign-in with a named profile through the SDK's own provider (`fromIni`). When the profile has
 * `mfa_serial`, the provider's `mfaCodeProvider` waits for the code the admin types, which
 * arrives on a second channel; the first call returns `mfaCodeNeeded` meanwhile.
 */
export class ProfileSignIn {
  private attempt: Attempt | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly session: AdminSession,
  ) {}

  async start(profile: string): Promise<ProfileSignInResult> {
    this.cancel();
    const paths = awsConfigPaths(this.deps.env, this.deps.platform.paths.home);
    const profiles = await loadProfiles(paths).catch(() => ({}) as Record<string, Record<string, string | undefined>>);
    const data = profiles[profile];
    if (!data) throw new AppError('admin.profileNotFound', { profile });
    const summary = classifyProfile(profile, data);
    // For an SSO profile without a cached token, the screen offers the device sign-in prefilled with these.
    const ssoStart = summary.kind === 'sso' ? await ssoStartOf(paths, data) : null;
    const attempt: Attempt = { profile, codeRequested: deferred(), code: deferred(), finished: Promise.resolve(null as never) };
    const askCode = async (serial: string) => {
      attempt.codeRequested.resolve(serial);
      return attempt.code.promise;
    };
    const service = summary.kind === 'sso' ? 'sso' : 'sts';
    const endpoint = this.deps.aws.endpointOverride(service);
    const region = summary.region ?? this.deps.aws.region;
    const provider = fromIni({
      profile,
      filepath: paths.credentialsFile,
      configFilepath: paths.configFile,
      ignoreCache: true,
      mfaCodeProvider: askCode,
      clientConfig: { region, ...(endpoint ? { endpoint } : {}) },
      parentClientConfig: { region },
    });

    const resolve = async (): Promise<{ creds: AwsCredentialIdentity; refresh: boolean }> => {
      const base = await provider();
      // A keys profile with mfa_serial (what the onboarding wizard writes for CLI users): the SDK
      // ignores mfa_serial without a role, so get an MFA session the way the AWS docs describe.
      if (summary.kind === 'keys' && data.mfa_serial) {
        const code = await askCode(data.mfa_serial);
        const out = await this.deps.aws
          .sts(base, region)
          .send(new GetSessionTokenCommand({ SerialNumber: data.mfa_serial, TokenCode: code, DurationSeconds: 12 * 3600 }));
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new AppError('admin.profileUnusable', { profile });
        return {
          creds: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration },
          refresh: false,
        };
      }
      return { creds: base, refresh: !summary.mfa };
    };

    attempt.finished = resolve()
      .then(({ creds, refresh }) => {
        // Without MFA the provider can fetch fresh credentials by itself; with MFA it would need a person.
        const credentials = refresh && creds.expiration ? refreshingCredentials(creds, () => provider(), this.deps.clock) : creds;
        return this.session.signIn(credentials, {
          method: 'profile',
          source: profile,
          expiresAt: refresh ? null : (creds.expiration ?? null),
        });
      })
      .catch((e: unknown) => {
        throw mapProfileError(e, profile, ssoStart);
      });
    attempt.finished.catch(() => {});
    this.attempt = attempt;
    return this.settle(attempt);
  }

  async submitCode(code: string): Promise<ProfileSignInResult> {
    const attempt = this.attempt;
    if (!attempt) throw new AppError('admin.noPendingMfa');
    attempt.code.resolve(code);
    try {
      return { status: 'signedIn', identity: await attempt.finished };
    } finally {
      if (this.attempt === attempt) this.attempt = null;
    }
  }

  /** A sign-in waiting for its MFA code holds the profile's source credentials. */
  get pending(): boolean {
    return this.attempt !== null;
  }

  cancel(): void {
    this.attempt?.code.reject(new AppError('admin.signInCancelled'));
    this.attempt = null;
  }

  private async settle(attempt: Attempt): Promise<ProfileSignInResult> {
    const result = await Promise.race([
      attempt.finished.then((identity) => ({ status: 'signedIn' as const, identity })),
      attempt.codeRequested.promise.then((mfaSerial) => ({ status: 'mfaCodeNeeded' as const, mfaSerial, profile: attempt.profile })),
    ]).catch((e: unknown) => {
      if (this.attempt === attempt) this.attempt = null;
      throw e;
    });
    if (result.status === 'signedIn' && this.attempt === attempt) this.attempt = null;
    return result;
  }
}

type SsoStart = Awaited<ReturnType<typeof ssoStartOf>>;

function mapProfileError(e: unknown, profile: string, ssoStart: SsoStart): unknown {
  if (e instanceof AppError) return e;
  const err = e as { name?: string; message?: string; $metadata?: unknown };
  if (isMfaFailure(e)) return new AppError('admin.mfaCodeRejected');
  if (err.name === 'CredentialsProviderError' || err.name === 'TokenProviderError') {
    if (/sso/i.test(err.message ?? '')) {
      return new AppError('admin.ssoProfileNeedsLogin', {
        profile,
        ...(ssoStart
          ? { startUrl: ssoStart.startUrl, region: ssoStart.region, accountId: ssoStart.accountId ?? '', roleName: ssoStart.roleName ?? '' }
          : {}),
      });
    }
    return new AppError('admin.profileUnusable', { profile });
  }
  return e;
}
