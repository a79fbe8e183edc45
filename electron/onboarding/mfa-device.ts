import { CreateVirtualMFADeviceCommand, DeleteVirtualMFADeviceCommand } from '@aws-sdk/client-iam';
import QRCode from 'qrcode';
import { AppError } from '../../src/shared/errors/app-error';
import type { ChannelOutput } from '../../src/shared/ipc/contract';
import { mfaDeviceNameFor } from '../../src/shared/iam-names/iam-names';
import { buildOtpauthUri, formatSecretForManualEntry, mfaIssuer } from '../../src/shared/totp/otpauth-uri';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName } from '../aws/aws-error';
import { desktopSkewForDisplay } from './desktop-skew';
import type { OnboardingSession, SessionIdentity } from './onboarding-session';
import { findEnabledVirtualDevice } from './sign-in';

type StartOutput = ChannelOutput<'onboarding:startMfa'>;

export const mfaSerialFor = (id: SessionIdentity, deviceName: string): string =>
  `arn:${id.partition}:iam::${id.accountId}:mfa/${deviceName}`;

/**
 * Creates the user's virtual MFA device and returns the QR as a PNG data URL. Idempotent within a
 * session: asking again re-renders the QR of the device we hold, without a call. The seed cannot
 * be read back from AWS, so a device we do not hold the seed of (an abandoned attempt, or one
 * whose CreateVirtualMFADevice answer was lost) is deleted and created anew - never a second one.
 */
export async function startMfa(deps: AppDeps, session: OnboardingSession): Promise<StartOutput> {
  const id = session.requireIdentity();
  if (session.mfa?.enabled) throw new AppError('onboarding.mfaAlreadyEnabled');
  let replacedAbandonedDevice = false;
  if (!session.mfa?.seed) {
    const created = await createReplacingAbandoned(session, id);
    session.mfa = { serialNumber: created.serialNumber, seed: created.seed, enabled: false, lastUsedStep: null, enabledAtMs: null };
    replacedAbandonedDevice = created.replaced;
  }
  const seed = session.mfa!.seed!;
  const issuer = mfaIssuer({ accountAlias: id.accountAlias, accountId: id.accountId });
  const uri = buildOtpauthUri({ issuer, accountName: id.userName, base32Seed: seed });
  // Rendered here, in the main process: the seed never goes to a third-party QR service or the renderer as text.
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  return {
    qrDataUrl,
    issuer,
    accountName: id.userName,
    serverOffsetMs: deps.serverClock.offsetMs(),
    replacedAbandonedDevice,
    desktopSkewSeconds: desktopSkewForDisplay(deps.serverClock),
  };
}

export function manualEntryKey(session: OnboardingSession): string {
  session.requireIdentity();
  const seed = session.mfa?.seed;
  if (!seed) throw new AppError('onboarding.noMfaKey');
  return formatSecretForManualEntry(seed);
}

async function createReplacingAbandoned(
  session: OnboardingSession,
  id: SessionIdentity,
): Promise<{ serialNumber: string; seed: string; replaced: boolean }> {
  const name = mfaDeviceNameFor(id.userName);
  try {
    return { ...(await create(session, name)), replaced: false };
  } catch (error) {
    if (awsErrorName(error) !== 'EntityAlreadyExists') throw mapMfaError(error, 'iam:CreateVirtualMFADevice');
  }
  // A device of our name exists. IAM refuses to delete an assigned device (DeleteConflict), so
  // this can only remove an unassigned one: left by an abandoned attempt or a lost answer.
  const serial = mfaSerialFor(id, name);
  try {
    await session.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
  } catch (error) {
    const n = awsErrorName(error);
    if (n === 'DeleteConflict') {
      const enabled = await findEnabledVirtualDevice(session);
      if (enabled) {
        session.mfa = { serialNumber: enabled, seed: null, enabled: true, lastUsedStep: null, enabledAtMs: null };
        throw new AppError('onboarding.mfaAlreadyEnabled');
      }
      throw new AppError('onboarding.mfaDeviceNameTaken', { name });
    }
    // NoSuchEntity: gone meanwhile (another run cleaned up); just create.
    if (n !== 'NoSuchEntity') throw mapMfaError(error, 'iam:DeleteVirtualMFADevice');
  }
  try {
    return { ...(await create(session, name)), replaced: true };
  } catch (error) {
    if (awsErrorName(error) === 'EntityAlreadyExists') throw new AppError('onboarding.mfaDeviceNameTaken', { name });
    throw mapMfaError(error, 'iam:CreateVirtualMFADevice');
  }
}

async function create(session: OnboardingSession, name: string): Promise<{ serialNumber: string; seed: string }> {
  const out = await session.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }));
  const device = out.VirtualMFADevice;
  const seedBytes = device?.Base32StringSeed;
  // We render our own QR; AWS's PNG (which encodes the seed) is zeroed and dropped.
  device?.QRCodePNG?.fill(0);
  if (!device?.SerialNumber || !seedBytes) throw new AppError('onboarding.mfaCreateIncomplete', undefined, { retryable: true });
  // The SDK hands the seed over as the bytes of its base32 text.
  const seed = new TextDecoder().decode(seedBytes);
  seedBytes.fill(0);
  return { serialNumber: device.SerialNumber, seed };
}

export function mapMfaError(error: unknown, action: string): unknown {
  const name = awsErrorName(error);
  if (name === 'AccessDenied') return new AppError('onboarding.mfaDenied', { action });
  if (name === 'LimitExceeded') return new AppError('onboarding.mfaLimitExceeded');
  return error;
}
