import type { Caller } from './authorize';
import { evaluate, type Decision } from './authorize';

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Whether a trust-policy `Principal` names this caller: `*`, the caller's account (its 12-digit id or
 * `arn:aws:iam::ACCT:root`), the IAM user, the role (for its sessions) or the session's own ARN.
 * Service, Federated and CanonicalUser principals never name an IAM caller.
 */
export function principalMatches(principal: unknown, caller: Caller, callerAccount: string): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList((principal as { AWS?: unknown }).AWS).some(
    (p) => p === '*' || p === callerAccount || p === `arn:aws:iam::${callerAccount}:root` || p === caller.principalArn || p === caller.arn,
  );
}

/**
 * The role's trust policy (a resource policy on the role) decides whether `caller` may
 * sts:AssumeRole it, conditions included (`aws:MultiFactorAuthPresent`, `sts:ExternalId`, …). The
 * statements whose Principal names the caller are evaluated as that caller's with the request context,
 * by the same engine as identity policies; an Allow with NotPrincipal is never taken as trust (stricter
 * than AWS, never more lenient). The caller's own identity policy is checked separately, as AWS does.
 */
export function trustDecision(trust: unknown, caller: Caller, callerAccount: string, roleArn: string, context: Record<string, string | string[]>): Decision {
  const statements: object[] = [];
  for (const raw of asList((trust as { Statement?: unknown } | null)?.Statement)) {
    const s = raw as { Effect?: string; Principal?: unknown; NotPrincipal?: unknown; Action?: unknown; NotAction?: unknown; Condition?: unknown; Sid?: string };
    const names = s.Principal !== undefined ? principalMatches(s.Principal, caller, callerAccount) : s.Effect === 'Deny' && s.NotPrincipal !== undefined && !principalMatches(s.NotPrincipal, caller, callerAccount);
    if (!names) continue;
    statements.push({
      Effect: s.Effect,
      ...(s.Action !== undefined ? { Action: s.Action } : {}),
      ...(s.NotAction !== undefined ? { NotAction: s.NotAction } : {}),
      ...(s.Condition !== undefined ? { Condition: s.Condition } : {}),
      Resource: roleArn,
    });
  }
  if (statements.length === 0) return 'ImplicitlyDenied';
  // The caller's account as the resource's: this is the trust decision alone, not a cross-account evaluation.
  return evaluate(caller.arn, callerAccount, [{ name: 'trust-policy', policy: { Version: '2012-10-17', Statement: statements } }], 'sts:AssumeRole', roleArn, context);
}
