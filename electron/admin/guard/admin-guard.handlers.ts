import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import type { FeatureHandlers } from '../../ipc/handler-types';
import type { AdminSession } from '../admin-session';
import { namingMissingPermission as named } from '../iam-call';
import { applyAlerts, planAlerts, removeAlerts, sendTestAlert, type AlertsPlan } from './alerts';
import { GuardClients } from './guard-clients';
import { runGuardChecks } from './guard-checks';
import { blockAccount, restoreAccount } from './public-access';
import { applyTrail, planTrail, removeTrail, type TrailPlan } from './trail';

/**
 * Admin → readiness, the account itself: CloudTrail, root alerts, S3 Block Public Access, open security groups.
 * Every fix is planned first (nothing created), applied only with the plan's id, and can be undone here.
 */
export function createAdminGuardHandlers(deps: AppDeps, session: AdminSession): FeatureHandlers<'admin:guard'> {
  const clients = new GuardClients(deps, session);
  let trailPlan: (TrailPlan & { id: string }) | null = null;
  /** Holds the Slack webhook URL between plan and apply; nowhere else, and never sent back. */
  let alertsPlan: (AlertsPlan & { id: string }) | null = null;
  /** What blockPublicAccess replaced, per account, so undo writes only that (kept across sign-outs: not a secret). */
  const s3Undo = new Map<string, Awaited<ReturnType<typeof blockAccount>>>();
  const wipe = () => {
    trailPlan = null;
    alertsPlan = null;
  };
  session.onSignOut(wipe);
  // A plan is for the account it was made in: switching accounts drops it (apply then says it expired).
  session.onSwitch(wipe);
  // The pending alerts plan holds the Slack webhook URL (a secret: it lets anyone post).
  deps.lifecycle.hold('admin:guard/alertsPlan', { holdsSecrets: () => alertsPlan !== null, wipe });

  const account = () => {
    const a = session.account();
    return { accountId: a.accountId, accountAlias: a.accountAlias, partition: a.partition };
  };
  const newId = () => randomBytes(16).toString('hex');

  return {
    'admin:guard:checks': async () => ({ checks: await runGuardChecks(clients, account(), deps.serverClock.now()) }),

    'admin:guard:trailPlan': async () => {
      const plan = { ...planTrail(clients, account()), id: newId() };
      trailPlan = plan;
      return { planId: plan.id, region: plan.region, trailName: plan.trailName, bucketName: plan.bucketName, bucketPolicy: plan.bucketPolicy, items: plan.items };
    },
    'admin:guard:trailApply': async ({ planId }) =>
      named(async () => {
        const plan = trailPlan;
        if (!plan || plan.id !== planId) throw new AppError('adminGuard.planExpired');
        trailPlan = null;
        return applyTrail(clients, plan);
      }),
    'admin:guard:trailRemove': async () => named(() => removeTrail(clients)),

    'admin:guard:alertsPlan': async (input) => {
      const plan = { ...planAlerts(input, account()), id: newId() };
      alertsPlan = plan;
      return {
        planId: plan.id,
        region: plan.region,
        slackHost: plan.slackHost,
        slackHostUnusual: plan.slackHostUnusual,
        email: plan.email,
        rules: plan.rules,
        items: plan.items,
      };
    },
    'admin:guard:alertsApply': async ({ planId }) =>
      named(async () => {
        const plan = alertsPlan;
        if (!plan || plan.id !== planId) throw new AppError('adminGuard.planExpired');
        alertsPlan = null; // the webhook URL is AWS's to keep from here on
        return { created: await applyAlerts(clients, session.iam(), plan) };
      }),
    'admin:guard:alertsTest': async () => named(() => sendTestAlert(clients, account(), deps.serverClock.now())),
    'admin:guard:alertsRemove': async () =>
      named(async () => {
        const removed = await removeAlerts(clients, session.iam(), account());
        if (removed.length === 0) throw new AppError('adminGuard.nothingToRemove');
        return { removed };
      }),

    'admin:guard:blockPublicAccess': async () =>
      named(async () => {
        const { accountId } = account();
        const previous = await blockAccount(clients, accountId);
        if (!s3Undo.has(accountId)) s3Undo.set(accountId, previous); // a second "on" keeps the first "before"
        return { previous };
      }),
    'admin:guard:restorePublicAccess': async () =>
      named(async () => {
        const { accountId } = account();
        if (!s3Undo.has(accountId)) throw new AppError('adminGuard.nothingToRestore');
        const previous = s3Undo.get(accountId) ?? null;
        await restoreAccount(clients, accountId, previous);
        s3Undo.delete(accountId);
        return { restored: previous };
      }),
  };
}
