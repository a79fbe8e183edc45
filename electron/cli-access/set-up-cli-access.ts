import { CreateAccessKeyCommand, DeleteAccessKeyCommand, ListAccessKeysCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../src/shared/errors/app-error';
import type { AppDeps } from '../app/app-deps';
import { awsErrorName, mayHaveTakenEffect } from '../aws/aws-error';
import { awsConfigPaths } from '../aws/shared-config';
import { credentialProcessLine, nextProfileName, profileNameFor, writeProfile } from '../onboarding/aws-profile';
import type { OnboardingSession } from '../onboarding/onboarding-session';
import { seal, storeDir, writeRecord } from './cli-store';

/** MFA sessions for the command line last 12 hours (sts:GetSessionToken's default). */
export const CLI_SESSION_SECONDS = 12 * 3600;

export interface CliAccess {
  name: string;
  preferredName: string;
  configFile: string;
  storeFile: string;
  protection: 'keychain' | 'plain';
  mfaSerial: string;
}

/**
 * "I need command-line access", with the MFA session: a fresh access key that only this machine
 * ever sees (the invite's key is deleted whatever the choice), kept by the app (OS keychain where
 * there is one), and an AWS profile whose credential_process is the app's helper, so the
 * unmodified AWS CLI and SDKs ask for an MFA code once per session. Safe to run again: the key is
 * reused from the session, and a key whose CreateAccessKey answer was lost is found and removed.
 */
export async function setUpCliAccess(deps: AppDeps, session: OnboardingSession, iam: Pick<IAMClient, 'send'>): Promise<CliAccess> {
  const id = session.requireIdentity();
  const command = deps.cliHelper.command;
  if (!command) throw new AppError('onboarding.cliUnavailable');
  const UserName = id.userName;

  if (!session.cliKey) {
    const listed = async () => ((await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? '');
    if (session.keysBeforeCliKey === null) session.keysBeforeCliKey = await listed();
    else {
      // An earlier attempt may have made a key whose secret never reached us: it is useless, remove it.
      for (const k of await listed()) {
        if (!session.keysBeforeCliKey.includes(k)) await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k }));
      }
    }
    let out;
    try {
      out = await iam.send(new CreateAccessKeyCommand({ UserName }));
    } catch (error) {
      if (awsErrorName(error) === 'LimitExceeded') throw new AppError('onboarding.cliKeyLimit');
      if (awsErrorName(error) === 'AccessDenied') throw new AppError('onboarding.cliKeyDenied');
      if (!mayHaveTakenEffect(error)) session.keysBeforeCliKey = null;
      throw error;
    }
    const k = out.AccessKey;
    if (!k?.AccessKeyId || !k.SecretAccessKey) throw new AppError('onboarding.cliKeyIncomplete', undefined, { retryable: true });
    session.cliKey = { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, createdAt: (k.CreateDate ?? new Date(deps.serverClock.now())).toISOString() };
  }

  const paths = awsConfigPaths(deps.env, deps.platform.paths.home);
  const preferredName = profileNameFor(UserName, id.accountAlias ?? id.accountId);
  const dir = storeDir(deps.platform.paths.userData);
  const mfaSerial = session.mfa?.serialNumber;
  if (!mfaSerial) throw new AppError('onboarding.notProven');
  try {
    const name = await nextProfileName(paths, preferredName);
    const sts = session.endpoints?.sts ?? deps.aws.endpointOverride('sts');
    const iamEndpoint = session.endpoints?.iam ?? deps.aws.endpointOverride('iam');
    const storeFile = await writeRecord(dir, {
      version: 1,
      profile: name,
      userName: UserName,
      accountId: id.accountId,
      region: session.region,
      mfaSerial,
      ...(sts || iamEndpoint ? { endpoints: { ...(sts ? { sts } : {}), ...(iamEndpoint ? { iam: iamEndpoint } : {}) } } : {}),
      accessKeyId: session.cliKey.accessKeyId,
      secretAccessKey: seal(deps.cliHelper.vault, session.cliKey.secretAccessKey),
      keyCreatedAt: session.cliKey.createdAt,
      sessionSeconds: CLI_SESSION_SECONDS,
    });
    const line = credentialProcessLine([...command, '--data-dir', dir, '--profile', name], process.platform);
    const written = await writeProfile(paths, { preferredName: name, region: session.region, credentialProcess: line });
    return { name: written.name, preferredName, configFile: paths.configFile, storeFile, protection: deps.cliHelper.vault.protection, mfaSerial };
  } catch (error) {
    if (error instanceof AppError) throw error;
    deps.log.warn('onboarding.profileWriteFailed', { code: (error as { code?: string }).code });
    throw new AppError('onboarding.profileWriteFailed', { file: paths.configFile }, { retryable: true });
  }
}
