import type { SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import type { ActionContext, ActionTable } from '../action-types';
import { simulate } from '../authorize';
import { AwsError, validationError } from '../errors';
import { paginate } from '../query-protocol';
import type { AccountState, PolicyDoc } from '../state';
import { checkedPolicyDoc } from './policies';

type TypedPolicy = SimulationIdentityPolicy & { type: string };

function managedTyped(state: AccountState, arns: string[]): TypedPolicy[] {
  return arns.flatMap((arn) => {
    const p = state.policies.get(arn);
    return p ? [{ name: p.policyName, policy: state.defaultDocument(p).json, type: p.awsManaged ? 'aws-managed' : 'user-managed' }] : [];
  });
}

const inlineTyped = (m: Map<string, PolicyDoc>, type: string): TypedPolicy[] =>
  [...m].map(([name, d]) => ({ name, policy: d.json, type }));

function contextEntries(c: ActionContext): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const get of c.p.structList('ContextEntries')) {
    const key = get('ContextKeyName');
    if (!key) throw validationError('ContextKeyName is required in ContextEntries.');
    const type = get('ContextKeyType') ?? 'string';
    const values: string[] = [];
    for (let i = 1; get(`ContextKeyValues.member.${i}`) !== undefined; i++) values.push(get(`ContextKeyValues.member.${i}`) as string);
    out[key] = type.endsWith('List') ? values : (values[0] ?? '');
  }
  return out;
}

function inputPolicies(c: ActionContext, name: string): TypedPolicy[] {
  return c.p.list(name).map((text, i) => ({ name: `${name}.${i + 1}`, policy: checkedPolicyDoc(text, 10240, 'PolicySize').json, type: 'none' }));
}

async function run(c: ActionContext, principalArn: string, policies: TypedPolicy[], context: Record<string, string | string[]>) {
  const actions = c.p.list('ActionNames');
  if (!actions.length) throw validationError(`1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null`);
  const resources = c.p.list('ResourceArns');
  const results = [];
  for (const action of actions) {
    if (!/^[\w-]+:[\w*]+$/.test(action)) throw new AwsError('InvalidInput', `Invalid action name ${action}.`, 400);
    for (const resource of resources.length ? resources : ['*']) {
      const o = await simulate(principalArn, c.state.accountId, policies, action, resource, context);
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: o.decision,
        MatchedStatements: o.matched,
        MissingContextValues: [],
      });
    }
  }
  const { page, ...rest } = paginate(results, c.p);
  return { EvaluationResults: page, ...rest };
}

export const simulateActions: ActionTable = {
  SimulatePrincipalPolicy: {
    resource: (c) => c.p.req('PolicySourceArn'),
    handler: async (c) => {
      const { state } = c;
      const source = c.p.req('PolicySourceArn');
      const m = /^arn:aws:iam::(\d{12}):(user|group|role)(\/.*\/|\/)([^/]+)$/.exec(source);
      if (!m || m[1] !== state.accountId) throw new AwsError('InvalidInput', `Invalid ARN: ${source}`, 400);
      const kind = m[2] as string;
      const name = m[4] as string;
      const policies: TypedPolicy[] = [];
      const context = contextEntries(c);
      if (kind === 'user') {
        const u = state.getUser(name);
        policies.push(...inlineTyped(u.inlinePolicies, 'user'), ...managedTyped(state, u.attachedPolicies));
        for (const g of u.groups.map((n) => state.getGroup(n)))
          policies.push(...inlineTyped(g.inlinePolicies, 'group'), ...managedTyped(state, g.attachedPolicies));
        const has = (k: string): boolean => Object.keys(context).some((x) => x.toLowerCase() === k.toLowerCase());
        if (!has('aws:username')) context['aws:username'] = u.userName;
        if (!has('aws:userid')) context['aws:userid'] = u.userId;
        if (!has('aws:PrincipalArn')) context['aws:PrincipalArn'] = u.arn;
      } else if (kind === 'group') {
        const g = state.getGroup(name);
        policies.push(...inlineTyped(g.inlinePolicies, 'group'), ...managedTyped(state, g.attachedPolicies));
      } else {
        const r = state.getRole(name);
        policies.push(...inlineTyped(r.inlinePolicies, 'role'), ...managedTyped(state, r.attachedPolicies));
      }
      policies.push(...inputPolicies(c, 'PolicyInputList'));
      return run(c, c.p.str('CallerArn') ?? source, policies, context);
    },
  },
  SimulateCustomPolicy: {
    handler: async (c) => {
      const policies = inputPolicies(c, 'PolicyInputList');
      if (!policies.length)
        throw validationError(`1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null`);
      const caller = c.p.str('CallerArn') ?? `arn:aws:iam::${c.state.accountId}:user/SimulatedUser`;
      return run(c, caller, policies, contextEntries(c));
    },
  },
};
