import { GetUserCommand } from '@aws-sdk/client-iam';
import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import { PASSWORD_CLIPBOARD_CLEAR_MS } from '../../../src/shared/admin-limits';
import type { ProvisionRun } from '../../../src/shared/ipc/channels/admin-users';
import { INVITE_FILE_EXTENSION, inviteFileName } from '../../../src/shared/invites/invite-schema';
import type { AppDeps } from '../../app/app-deps';
import { encryptInvite } from '../../invites/invite-codec';
import type { FeatureHandlers, HandlerContext } from '../../ipc/handler-types';
import type { AdminSession } from '../admin-session';
import { isAwsError } from '../../aws/aws-error';
import { buildInvitePayload, writeInviteFile } from './invite-file';
import { listAllGroups, type IamSender } from './list-groups';
import type { InviteGenerations } from './invite-generations';
import { ProvisioningRun } from './provisioning-run';

export function createAdminUsersHandlers(deps: AppDeps, session: AdminSession, generations: InviteGenerations): FeatureHandlers<'admin:users'> {
  // One run at a time per session: a failed run must be retried or undone before the next user.
  let current: ProvisioningRun | null = null;
  // Secrets never outlive the admin's session (sign-out, idle lock, flow end). An unfinished run
  // stays, so that after signing in again (same account) it can still be retried or undone; the
  // steps that made its secrets then run again.
  const wipe = () => {
    current?.wipe();
    if (current && !current.unfinished) current = null;
  };
  session.onSignOut(wipe);
  deps.lifecycle.hold('admin:users/run', { holdsSecrets: () => !!current?.holdsSecrets, wipe });

  const runFor = (runId: string): ProvisioningRun => {
    if (!current || current.runId !== runId) throw new AppError('adminUsers.noSuchRun');
    // A retry or undo must not reach into another account after a sign-in change.
    if (session.requireIdentity().accountId !== current.account.accountId) throw new AppError('adminUsers.accountChanged');
    return current;
  };
  const emitter = (ctx: HandlerContext) => (view: ProvisionRun) => ctx.emit('admin:users:progress', view);

  return {
    'admin:users:listGroups': async () => ({ groups: await listAllGroups(session.iam()) }),

    'admin:users:create': async (input, ctx) => {
      const iam = session.iam();
      if (current?.unfinished) throw new AppError('adminUsers.unfinishedRun', { userName: current.userName });
      if (current?.needsInvite) throw new AppError('adminUsers.inviteNotSaved', { userName: current.userName });
      current?.wipe();
      current = null;
      await assertNameFree(iam, input.userName);
      const account = session.account();
      const stamp = generations.stamp();
      current = new ProvisioningRun(input, account, deps.log, () => deps.serverClock.now(), () => generations.supersededSince(account.accountId, input.userName, stamp));
      return current.run(iam, emitter(ctx));
    },

    'admin:users:retry': async ({ runId }, ctx) => runFor(runId).run(session.iam(), emitter(ctx)),

    'admin:users:undo': async ({ runId }, ctx) => runFor(runId).undo(session.iam(), emitter(ctx)),

    'admin:users:current': async () => current?.view() ?? null,

    'admin:users:saveInvite': async ({ runId, dialogTitle, filterName }) => {
      const run = runFor(runId);
      const secrets = run.inviteSecrets();
      const path = await deps.platform.dialogs.saveFile({
        title: dialogTitle,
        defaultPath: join(deps.platform.paths.home, inviteFileName(run.userName)),
        filters: [{ name: filterName, extensions: [INVITE_FILE_EXTENSION.split('.').pop()!] }],
      });
      if (!path) return { saved: false, run: run.view() };
      const payload = buildInvitePayload({
        account: run.account,
        aws: deps.aws,
        userName: run.userName,
        accessKeyId: secrets.accessKeyId,
        secretAccessKey: secrets.secretAccessKey,
        issuedAtMs: deps.clock.now(),
        expiresAt: secrets.expiresAt,
      });
      await writeInviteFile(path, await encryptInvite(payload, secrets.password));
      run.markSaved(path, payload.expiresAt);
      deps.log.info('adminUsers.inviteSaved', { userName: run.userName });
      const shown = run.takePasswordForDisplay();
      return { saved: true, run: run.view(), ...(shown ? { temporaryPassword: shown } : {}) };
    },

    'admin:users:copyPassword': async ({ runId }) => {
      deps.platform.clipboard.writeSecret(runFor(runId).password(), PASSWORD_CLIPBOARD_CLEAR_MS);
      return { copied: true as const, clearAfterMs: PASSWORD_CLIPBOARD_CLEAR_MS };
    },

    'admin:users:copyMessage': async ({ runId, text }) => {
      // The message travels with the invite; the password must take another channel.
      if (runFor(runId).containsSecret(text)) throw new AppError('adminUsers.messageHasSecret');
      deps.platform.clipboard.writeText(text);
      return { copied: true as const };
    },

    'admin:users:dismiss': async ({ runId }) => {
      // A failed run keeps its secrets (retrying needs them), and so does a finished one whose
      // invite is not saved yet (it comes back when the admin returns). Otherwise they go now.
      // (A superseded run holds nothing of use: needsInvite is false for it.)
      if (current && current.runId === runId && !current.unfinished && !current.needsInvite) {
        current.wipe();
        current = null;
      }
      return { dismissed: true as const };
    },
  };
}

/** Catches a taken name before anything is created. Without iam:GetUser, CreateUser itself will say. */
async function assertNameFree(iam: IamSender, userName: string): Promise<void> {
  try {
    await iam.send(new GetUserCommand({ UserName: userName }));
  } catch (e) {
    if (isAwsError(e, 'NoSuchEntity') || isAwsError(e, 'AccessDenied')) return;
    throw e;
  }
  throw new AppError('adminUsers.userExists', { userName });
}
