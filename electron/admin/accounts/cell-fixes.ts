import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../src/shared/errors/app-error';
import type { fixPlanSchema } from '../../../src/shared/ipc/channels/admin-accounts';
import { CIS_BASELINE_PASSWORD_POLICY, policyAtLeast } from '../../../src/shared/password-policy/password-policy';
import type { AccountScope } from '../admin-session';
import { namingMissingPermission } from '../iam-call';
import { EnforcementPolicyService } from '../policy/enforcement-policy-service';
import { applyCisPasswordPolicy, readPasswordPolicy } from '../readiness/readiness';

export type FixPlan = z.output<typeof fixPlanSchema>;
type Check = FixPlan['check'];
type Value = string | number | boolean | null;

/**
 * A matrix cell's fix, planned before anything changes: what the admin sees is what is applied, in
 * that account. The plan keeps only what apply needs (no secrets): the policy version that makes room.
 */
export class CellFixes {
  private readonly plans = new Map<string, FixPlan>();

  async plan(scope: AccountScope, accountId: string, check: Check): Promise<FixPlan> {
    const plan: FixPlan =
      check === 'passwordPolicy'
        ? { planId: newId(), accountId, check, passwordPolicy: await passwordPlan(scope), enforcementPolicy: null }
        : { planId: newId(), accountId, check, passwordPolicy: null, enforcementPolicy: await enforcementPlan(scope) };
    // One plan per cell: a newer look replaces the older.
    for (const [id, p] of this.plans) if (p.accountId === accountId && p.check === check) this.plans.delete(id);
    this.plans.set(plan.planId, plan);
    return plan;
  }

  /** The plan the admin agreed to, taken once. */
  take(planId: string): FixPlan {
    const plan = this.plans.get(planId);
    if (!plan) throw new AppError('adminAccounts.planExpired');
    this.plans.delete(planId);
    return plan;
  }

  async apply(scope: AccountScope, plan: FixPlan): Promise<void> {
    if (scope.requireIdentity().accountId !== plan.accountId) throw new AppError('adminAccounts.planExpired');
    await namingMissingPermission(async () => {
      if (plan.check === 'passwordPolicy') await applyCisPasswordPolicy(scope.iam());
      else await new EnforcementPolicyService(scope).apply(plan.enforcementPolicy?.versionToDelete ?? undefined);
    });
  }

  clear(): void {
    this.plans.clear();
  }
}

const newId = () => randomBytes(16).toString('hex');

async function passwordPlan(scope: AccountScope): Promise<NonNullable<FixPlan['passwordPolicy']>> {
  const current = await namingMissingPermission(() => readPasswordPolicy(scope.iam()));
  const diff = policyAtLeast(current, CIS_BASELINE_PASSWORD_POLICY).map((d) => ({ field: d.field, current: d.current as Value, target: d.target as Value }));
  return { present: current !== null, diff };
}

async function enforcementPlan(scope: AccountScope): Promise<NonNullable<FixPlan['enforcementPolicy']>> {
  const s = await namingMissingPermission(() => new EnforcementPolicyService(scope).status());
  return { state: s.state, arn: s.arn, currentJson: s.currentJson, targetJson: s.targetJson, versionToDelete: s.versionToDelete };
}
