import { runSimulation, runUnsafeSimulation, type SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import { accessDenied } from './errors';
import { isoDate } from './xml';
import type { AccountState, Principal, Session } from './state';

/** Who is calling, resolved from the credentials. */
export interface Caller {
  principal: Principal;
  /** ARN named in AccessDenied messages and returned by GetCallerIdentity */
  arn: string;
  /** aws:PrincipalArn (the role ARN for assumed-role sessions) */
  principalArn: string;
  userId: string;
  /** for the request log: user name, 'root' or the role session */
  logName: string;
  accessKeyId: string;
  session?: Session;
}

/** The caller's identity policies: inline + attached managed + groups' inline + managed. */
export function identityPoliciesFor(state: AccountState, principal: Principal): SimulationIdentityPolicy[] {
  const out: SimulationIdentityPolicy[] = [];
  const managed = (arns: string[]): void => {
    for (const arn of arns) {
      const p = state.policies.get(arn);
      if (p) out.push({ name: arn, policy: state.defaultDocument(p).json });
    }
  };
  if (principal.kind === 'user') {
    const u = state.users.get(principal.userName.toLowerCase());
    if (!u) return out;
    for (const [name, doc] of u.inlinePolicies) out.push({ name: `user/${u.userName}/${name}`, policy: doc.json });
    managed(u.attachedPolicies);
    for (const gName of u.groups) {
      const g = state.groups.get(gName.toLowerCase());
      if (!g) continue;
      for (const [name, doc] of g.inlinePolicies) out.push({ name: `group/${g.groupName}/${name}`, policy: doc.json });
      managed(g.attachedPolicies);
    }
    if (state.passwordPolicy?.AllowUsersToChangePassword)
      out.push({
        name: 'AccountPasswordPolicy/AllowUsersToChangePassword',
        policy: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:ChangePassword', Resource: u.arn },
            { Effect: 'Allow', Action: 'iam:GetAccountPasswordPolicy', Resource: '*' },
          ],
        },
      });
  } else if (principal.kind === 'role') {
    const r = state.roles.get(principal.roleName.toLowerCase());
    if (!r) return out;
    for (const [name, doc] of r.inlinePolicies) out.push({ name: `role/${r.roleName}/${name}`, policy: doc.json });
    managed(r.attachedPolicies);
  }
  return out;
}

/** Request context keys as AWS sets them for this caller. */
export function contextFor(state: AccountState, caller: Caller): Record<string, string> {
  const now = state.now();
  const ctx: Record<string, string> = {
    'aws:userid': caller.userId,
    'aws:PrincipalArn': caller.principalArn,
    'aws:PrincipalAccount': state.accountId,
    'aws:CurrentTime': isoDate(now),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': state.region,
  };
  if (caller.principal.kind === 'user') {
    ctx['aws:username'] = caller.principal.userName;
    ctx['aws:PrincipalType'] = 'User';
    // The user's tags, as they are now (also for its GetSessionToken sessions).
    for (const t of state.users.get(caller.principal.userName.toLowerCase())?.tags ?? []) ctx[`aws:PrincipalTag/${t.Key}`] = t.Value;
  } else if (caller.principal.kind === 'role') ctx['aws:PrincipalType'] = 'AssumedRole';
  const s = caller.session;
  if (s) {
    ctx['aws:TokenIssueTime'] = isoDate(s.issuedAt);
    if (s.mfaAuthenticated && s.mfaAuthTime) {
      ctx['aws:MultiFactorAuthPresent'] = 'true';
      ctx['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((now.getTime() - s.mfaAuthTime.getTime()) / 1000)));
    }
  }
  return ctx;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export function evaluate(
  principalArn: string,
  accountId: string,
  policies: SimulationIdentityPolicy[],
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
): Decision {
  return runUnsafeSimulation(
    {
      request: { principal: principalArn, action, resource: { resource, accountId }, contextVariables: context },
      identityPolicies: policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
}

/**
 * Throws AccessDenied (with AWS's message) unless the caller's identity policies allow `action` on
 * `resource`. `request` adds the action's own context keys (aws:TagKeys, aws:RequestTag/…).
 */
export function authorize(state: AccountState, caller: Caller, action: string, resource: string, request: Record<string, string | string[]> = {}): void {
  if (caller.principal.kind === 'root') return;
  const decision = evaluate(
    caller.arn,
    state.accountId,
    identityPoliciesFor(state, caller.principal),
    action,
    resource,
    { ...contextFor(state, caller), ...request },
  );
  if (decision === 'Allowed') return;
  const why =
    decision === 'ExplicitlyDenied'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  throw accessDenied(`User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`);
}

export interface SimulationOutcome {
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  matched: Array<{ SourcePolicyId: string; SourcePolicyType: string }>;
  error?: string;
}

/** Full (validating) simulation for SimulatePrincipalPolicy / SimulateCustomPolicy. */
export async function simulate(
  principalArn: string,
  accountId: string,
  policies: Array<SimulationIdentityPolicy & { type: string }>,
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
): Promise<SimulationOutcome> {
  const typeOf = new Map(policies.map((p) => [p.name, p.type]));
  const res = await runSimulation(
    {
      request: { principal: principalArn, action, resource: { resource, accountId }, contextVariables: context },
      identityPolicies: policies.map(({ name, policy }) => ({ name, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (res.resultType === 'error') {
    // Unknown action names or resource types: fall back to the unvalidated engine, as IAM simulates anything.
    const m = res.errors.message;
    if (m === 'policy.errors') return { decision: 'implicitDeny', matched: [], error: JSON.stringify(res.errors) };
    const d = evaluate(principalArn, accountId, policies, action, resource, context);
    return { decision: d === 'Allowed' ? 'allowed' : d === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny', matched: [] };
  }
  const analyses = res.resultType === 'single' ? [res.result.analysis] : res.results.map((r) => r.analysis);
  const decision =
    res.overallResult === 'Allowed' ? 'allowed' : res.overallResult === 'ExplicitlyDenied' ? 'explicitDeny' : 'implicitDeny';
  const matched = new Map<string, string>();
  for (const a of analyses) {
    const ia = a.identityAnalysis;
    if (!ia) continue;
    const stmts = decision === 'explicitDeny' ? ia.denyStatements : decision === 'allowed' ? ia.allowStatements : [];
    for (const s of stmts) matched.set(s.policyId, typeOf.get(s.policyId) ?? 'IAM Policy');
  }
  return { decision, matched: [...matched].map(([SourcePolicyId, SourcePolicyType]) => ({ SourcePolicyId, SourcePolicyType })) };
}
