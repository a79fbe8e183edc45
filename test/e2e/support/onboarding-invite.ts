import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptInvite } from '../../../electron/invites/invite-codec';
import { consoleSignInUrl, inviteFileName, type InvitePayload } from '../../../src/shared/invites/invite-schema';
import type { NewUserResult, Sandbox } from '../../sandbox/index';

/** The invite an admin would hand a sandbox user: encrypted with the temporary password, pointing at the sandbox. */
export function invitePayloadFor(sandbox: Sandbox, user: NewUserResult, overrides: Partial<InvitePayload> = {}): InvitePayload {
  const now = Date.now();
  const alias = sandbox.state.getAccountAlias();
  return {
    format: 'iam-onboarding-invite',
    version: 1,
    accountId: sandbox.accountId,
    accountAlias: alias,
    partition: 'aws',
    region: sandbox.region,
    userName: user.userName,
    accessKeyId: user.accessKeyId!,
    secretAccessKey: user.secretAccessKey!,
    consoleUrl: consoleSignInUrl({ accountId: sandbox.accountId, accountAlias: alias, partition: 'aws' }),
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    endpoints: { iam: sandbox.url, sts: sandbox.url },
    ...overrides,
  };
}

export async function writeInviteFile(dir: string, sandbox: Sandbox, user: NewUserResult, overrides: Partial<InvitePayload> = {}): Promise<string> {
  const bytes = await encryptInvite(invitePayloadFor(sandbox, user, overrides), user.password);
  const file = join(dir, inviteFileName(user.userName));
  writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}
