import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { AppError } from '../../src/shared/errors/app-error';
import type { OnboardingIdentity } from '../../src/shared/ipc/channels/onboarding';
import type { PasswordPolicy } from '../../src/shared/password-policy/password-policy';
import type { SessionEndpoints } from '../aws/client-factory';

export interface SessionIdentity extends OnboardingIdentity {
  partition: string;
}

export interface MfaState {
  serialNumber: string;
  /** Null when MFA was already enabled before this run: the seed cannot be read back from AWS. */
  seed: string | null;
  enabled: boolean;
  /** The last TOTP step AWS has consumed (EnableMFADevice uses two), so a reused code is caught locally. */
  lastUsedStep: number | null;
  /** When this run enabled the device (AWS time), or null: STS may not know it for a few seconds. */
  enabledAtMs: number | null;
}

export interface MfaSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date | null;
}

/**
 * Everything the wizard holds between steps, in the main process only. The renderer sees the
 * identity and what each screen must show; `wipe()` drops every secret when the flow ends, is
 * cancelled, or a new sign-in starts.
 */
export class OnboardingSession {
  identity: SessionIdentity | null = null;
  region = 'us-east-1';
  endpoints: SessionEndpoints | undefined;
  bootstrap: { accessKeyId: string; secretAccessKey: string } | null = null;
  temporaryPassword: string | null = null;
  /** The temporary password decrypted the invite, so it is the right one (a typed one may not be). */
  temporaryPasswordVerified = false;
  /** The invite was issued minutes ago: its key may still be propagating through IAM. */
  freshCredentials = false;
  passwordChanged = false;
  passwordPolicy: PasswordPolicy | null = null;
  mfa: MfaState | null = null;
  mfaSession: MfaSessionCredentials | null = null;
  /** The onboarding window is closed (the tag removed with the MFA session), or was never open. */
  windowClosed = false;
  /** The key made for command-line use; kept until the profile is written (a retry reuses it). */
  cliKey: { accessKeyId: string; secretAccessKey: string; createdAt: string } | null = null;
  /** The user's keys before CreateAccessKey: a key not among them after a lost answer is ours. */
  keysBeforeCliKey: string[] | null = null;
  private iamClient: IAMClient | null = null;
  private stsClient: STSClient | null = null;

  setClients(iam: IAMClient, sts: STSClient): void {
    this.iamClient = iam;
    this.stsClient = sts;
  }

  iam(): IAMClient {
    if (!this.iamClient) throw new AppError('onboarding.notSignedIn');
    return this.iamClient;
  }

  sts(): STSClient {
    if (!this.stsClient) throw new AppError('onboarding.notSignedIn');
    return this.stsClient;
  }

  requireIdentity(): SessionIdentity {
    if (!this.identity) throw new AppError('onboarding.notSignedIn');
    return this.identity;
  }

  get signedIn(): boolean {
    return this.identity !== null;
  }

  /**
   * Drops every secret and client. JS strings cannot be overwritten in place; dropping the only
   * references lets the GC reclaim them (byte buffers are zeroed where they are read).
   */
  holdsSecrets(): boolean {
    return !!(this.iamClient || this.stsClient || this.bootstrap || this.temporaryPassword || this.mfa || this.mfaSession);
  }

  wipe(): void {
    this.iamClient?.destroy();
    this.stsClient?.destroy();
    this.iamClient = null;
    this.stsClient = null;
    this.identity = null;
    this.endpoints = undefined;
    this.bootstrap = null;
    this.temporaryPassword = null;
    this.temporaryPasswordVerified = false;
    this.freshCredentials = false;
    this.passwordChanged = false;
    this.passwordPolicy = null;
    this.mfa = null;
    this.mfaSession = null;
    this.windowClosed = false;
    this.cliKey = null;
    this.keysBeforeCliKey = null;
  }
}
