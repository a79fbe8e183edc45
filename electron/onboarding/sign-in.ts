import { GetLoginProfileCommand, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import type { InvitePayload } from '../../src/shared/invites/invite-schema';
import { mfaDeviceNameFor } from '../../src/shared/iam-names/iam-names';
import type { AppDeps } from '../app/app-deps';
import type { SessionEndpoints } from '../aws/client-factory';
import { awsErrorName } from '../aws/aws-error';
import { whilePropagating } from '../aws/propagation';
import { desktopSkewForDisplay } from './desktop-skew';
import type { OnboardingSession } from './onboarding-session';

export interface SignInValues {
  accountId: string;
  accountAlias: string | null;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  temporaryPassword: string;
  region: string;
  endpoints: SessionEndpoints | undefined;
  /** The values came from an invite file (an unknown key then means the invite was replaced). */
  fromInvite: boolean;
  /** The password decrypted the invite: it is certainly the right one. */
  temporaryPasswordVerified: boolean;
  /** Issued minutes ago: the key may still be propagating (InvalidClientTokenId is retried). */
  freshCredentials: boolean;
}

/** An invite younger than this may hold a key IAM has not propagated everywhere yet. */
const FRESH_INVITE_MS = 15 * 60_000;

export function valuesFromInvite(invite: InvitePayload, temporaryPassword: string, endpoints: SessionEndpoints | undefined, nowMs: number): SignInValues {
  return {
    temporaryPasswordVerified: true,
    freshCredentials: nowMs - Date.parse(invite.issuedAt) < FRESH_INVITE_MS,
    accountId: invite.accountId,
    accountAlias: invite.accountAlias,
    userName: invite.userName,
    accessKeyId: invite.accessKeyId,
    secretAccessKey: invite.secretAccessKey,
    temporaryPassword,
    region: invite.region,
    endpoints,
    fromInvite: true,
  };
}

const USER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;

type SignInOutput = ChannelOutput<'onboarding:signIn'>;

/**
 * Verifies the caller and finds where to resume, with as few calls as possible:
 * sts:GetCallerIdentity (cannot be denied by policy; gives account + user) and
 * iam:GetLoginProfile (PasswordResetRequired). Only when the password is already changed do we
 * ask iam:ListMFADevices; a user who still has the temporary password cannot have finished MFA
 * through this app or the console (both make the password change come first). An unassigned
 * device left by an abandoned attempt is found lazily, by CreateVirtualMFADevice's answer.
 */
export async function signIn(deps: AppDeps, session: OnboardingSession, v: SignInValues): Promise<SignInOutput> {
  session.wipe();
  const credentials = { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey };
  const iam = deps.aws.iam(credentials, v.endpoints);
  const sts = deps.aws.sts(credentials, v.region, v.endpoints);
  let who;
  try {
    const call = () => sts.send(new GetCallerIdentityCommand({}));
    who = v.freshCredentials ? await whilePropagating(call, (e) => awsErrorName(e) === 'InvalidClientTokenId') : await call();
  } catch (error) {
    iam.destroy();
    sts.destroy();
    throw mapCredentialError(error, v.fromInvite);
  }
  const m = USER_ARN.exec(who.Arn ?? '');
  if (!m) {
    iam.destroy();
    sts.destroy();
    throw new AppError('onboarding.notAnIamUser');
  }
  const [, partition, accountId, userName] = m as unknown as [string, string, string, string];
  // A mismatch is an error, not a warning: these keys are not the ones the invite was made for.
  const fail = (e: AppError): never => {
    iam.destroy();
    sts.destroy();
    throw e;
  };
  if (accountId !== v.accountId) fail(new AppError('onboarding.accountMismatch', { expected: v.accountId, actual: accountId }));
  // IAM user names are unique case-insensitively; the ARN has the real spelling.
  if (userName.toLowerCase() !== v.userName.toLowerCase()) {
    fail(new AppError('onboarding.userMismatch', { expected: v.userName, actual: userName }));
  }

  session.setClients(iam, sts);
  session.identity = { userName, accountId, accountAlias: v.accountAlias, arn: who.Arn ?? '', partition };
  session.region = v.region;
  session.endpoints = v.endpoints;
  session.bootstrap = credentials;
  session.temporaryPassword = v.temporaryPassword;
  session.temporaryPasswordVerified = v.temporaryPasswordVerified;
  session.freshCredentials = v.freshCredentials;

  const resumed = { passwordAlreadyChanged: false, noConsolePassword: false, mfaAlreadyEnabled: false };
  let passwordPending = true;
  try {
    const lp = await iam.send(new GetLoginProfileCommand({ UserName: userName }));
    passwordPending = lp.LoginProfile?.PasswordResetRequired ?? false;
    resumed.passwordAlreadyChanged = !passwordPending;
  } catch (error) {
    const name = awsErrorName(error);
    if (name === 'NoSuchEntity') {
      // No console password at all: nothing to change; MFA still protects the keys.
      passwordPending = false;
      resumed.noConsolePassword = true;
    } else if (name !== 'AccessDenied') {
      throw error;
    }
    // AccessDenied (an older policy): assume the password step; ChangePassword's answer decides.
  }
  session.passwordChanged = !passwordPending;

  let step: SignInOutput['step'] = 'password';
  if (!passwordPending) {
    const serial = await findEnabledVirtualDevice(session);
    if (serial) {
      session.mfa = { serialNumber: serial, seed: null, enabled: true, lastUsedStep: null, enabledAtMs: null };
      resumed.mfaAlreadyEnabled = true;
      step = 'prove';
    } else {
      step = 'mfa';
    }
  }
  return {
    identity: { userName, accountId, accountAlias: v.accountAlias, arn: who.Arn ?? '' },
    step,
    resumed,
    desktopSkewSeconds: desktopSkewForDisplay(deps.serverClock),
  };
}

/** The user's enabled MFA device (preferring the virtual one this app names), or null. One call. */
export async function findEnabledVirtualDevice(session: OnboardingSession): Promise<string | null> {
  const id = session.requireIdentity();
  const out = await session.iam().send(new ListMFADevicesCommand({ UserName: id.userName }));
  const serials = (out.MFADevices ?? []).map((d) => d.SerialNumber ?? '').filter(Boolean);
  const own = `:mfa/${mfaDeviceNameFor(id.userName)}`.toLowerCase();
  return serials.find((s) => s.toLowerCase().endsWith(own)) ?? serials.find((s) => s.includes(':mfa/')) ?? serials[0] ?? null;
}

function mapCredentialError(error: unknown, fromInvite: boolean): unknown {
  const name = awsErrorName(error);
  // An invite's key is deleted when the admin issues a new invite (or the user already finished):
  // the file is of no more use, and only the admin can help.
  if (name === 'InvalidClientTokenId') return new AppError(fromInvite ? 'onboarding.inviteNoLongerValid' : 'onboarding.keyUnknown');
  if (name === 'SignatureDoesNotMatch') return new AppError('onboarding.secretWrong');
  return error;
}
