import { ListMFADevicesCommand, ResyncMFADeviceCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AppError } from '../../src/shared/errors/app-error';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';

export interface ResyncDevice {
  serialNumber: string;
  kind: 'virtual' | 'hardware';
  enableDate: string | null;
}

export interface ResyncIdentity {
  userName: string;
  arn: string;
  accountId: string;
  devices: ResyncDevice[];
}

/** The AWS error code: the SDK names modelled IAM errors `<Code>Exception` (InvalidAuthenticationCodeException). */

/** FIDO security keys have `:u2f/` serials and nothing to resync; virtual devices have `:mfa/` ARNs; the rest are key fobs. */
function deviceKind(serial: string): ResyncDevice['kind'] | null {
  if (serial.includes(':u2f/')) return null;
  return serial.includes(':mfa/') ? 'virtual' : 'hardware';
}

/**
 * One self-service resync, from sign-in to proof. The user's keys and the codes they typed live
 * only here, in the main process, and are dropped on `reset()` (end of flow, or the user left).
 */
export class ResyncSession {
  private iamClient: IAMClient | null = null;
  private stsClient: STSClient | null = null;
  private identity: ResyncIdentity | null = null;
  /** The device resynced in this session and the codes it consumed (AWS refuses a code twice). */
  private resynced: { serialNumber: string; codes: string[] } | null = null;

  constructor(private readonly deps: AppDeps) {}

  async signIn(credentials: AwsCredentialIdentity): Promise<ResyncIdentity> {
    this.reset();
    // A session token cannot call sts:GetSessionToken, so the resync could never be proven.
    if (credentials.accessKeyId.startsWith('ASIA') || credentials.sessionToken) throw new AppError('resync.temporaryKeys');
    const iam = this.deps.aws.iam(credentials);
    const sts = this.deps.aws.sts(credentials);
    try {
      // sts:GetCallerIdentity, not iam:GetUser: no policy can deny it, and the enforcement policy
      // lets a key without MFA read its own user only while onboarding is open.
      const who = await sts.send(new GetCallerIdentityCommand({}));
      const m = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(who.Arn ?? '');
      if (!m || !who.Arn) throw new AppError('resync.notAnIamUser');
      const user = { UserName: m[1] as string, Arn: who.Arn };
      const listed = await iam.send(new ListMFADevicesCommand({ UserName: user.UserName }));
      const all = listed.MFADevices ?? [];
      const devices = all.flatMap((d): ResyncDevice[] => {
        const kind = d.SerialNumber ? deviceKind(d.SerialNumber) : null;
        return kind && d.SerialNumber
          ? [{ serialNumber: d.SerialNumber, kind, enableDate: d.EnableDate ? d.EnableDate.toISOString() : null }]
          : [];
      });
      if (devices.length === 0) {
        throw new AppError(all.length > 0 ? 'resync.onlySecurityKeys' : 'resync.noMfaDevice', { userName: user.UserName });
      }
      this.iamClient = iam;
      this.stsClient = sts;
      this.identity = { userName: user.UserName, arn: user.Arn, accountId: user.Arn.split(':')[4] ?? '', devices };
      return this.identity;
    } catch (error) {
      iam.destroy();
      sts.destroy();
      if (awsErrorName(error) === 'AccessDenied') throw new AppError('resync.cannotReadOwnUser', undefined, { cause: error });
      throw error;
    }
  }

  async resync(serialNumber: string, code1: string, code2: string): Promise<void> {
    const { iam, identity } = this.require();
    if (!identity.devices.some((d) => d.serialNumber === serialNumber)) throw new AppError('resync.unknownDevice');
    // Re-checked here, not only in the renderer: AWS would only say "invalid code".
    if (code1 === code2) throw new AppError('resync.sameCodeTwice');
    try {
      await iam.send(
        new ResyncMFADeviceCommand({
          UserName: identity.userName,
          SerialNumber: serialNumber,
          AuthenticationCode1: code1,
          AuthenticationCode2: code2,
        }),
      );
    } catch (error) {
      const name = awsErrorName(error);
      if (name === 'InvalidAuthenticationCode') throw new AppError('resync.invalidCodes', undefined, { cause: error });
      if (name === 'AccessDenied') throw new AppError('resync.resyncDenied', undefined, { cause: error });
      if (name === 'NoSuchEntity') throw new AppError('resync.deviceGone', undefined, { cause: error });
      throw error;
    }
    this.resynced = { serialNumber, codes: [code1, code2] };
    this.deps.log.info('resync.resynced', { userName: identity.userName });
  }

  /** One fresh code through sts:GetSessionToken. The session it returns is not kept: it only proves the device. */
  async verify(code: string): Promise<{ userName: string }> {
    const { sts, identity } = this.require();
    if (!this.resynced) throw new AppError('resync.notResynced');
    if (this.resynced.codes.includes(code)) throw new AppError('resync.codeAlreadyUsed');
    try {
      await sts.send(new GetSessionTokenCommand({ SerialNumber: this.resynced.serialNumber, TokenCode: code, DurationSeconds: 900 }));
    } catch (error) {
      // STS answers a wrong MFA code with AccessDenied ("MultiFactorAuthentication failed …").
      if (awsErrorName(error) === 'AccessDenied') throw new AppError('resync.proofRejected', undefined, { cause: error });
      throw error;
    }
    this.deps.log.info('resync.verified', { userName: identity.userName });
    this.reset();
    return { userName: identity.userName };
  }

  /** The clients carry the key; identity and the resync's codes are set and dropped with them (signIn, reset). */
  holdsSecrets(): boolean {
    return this.stsClient !== null;
  }

  /** Idle lock and quit: the user's long-term key leaves memory with its clients. */
  wipe(): void {
    this.reset();
  }

  reset(): void {
    this.iamClient?.destroy();
    this.stsClient?.destroy();
    this.iamClient = null;
    this.stsClient = null;
    this.identity = null;
    this.resynced = null;
  }

  private require(): { iam: IAMClient; sts: STSClient; identity: ResyncIdentity } {
    if (!this.iamClient || !this.stsClient || !this.identity) throw new AppError('resync.notSignedIn');
    return { iam: this.iamClient, sts: this.stsClient, identity: this.identity };
  }
}
