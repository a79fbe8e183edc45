import { validateIdentityPolicy } from '@cloud-copilot/iam-policy';
import { byName, type ActionContext, type ActionTable } from '../action-types';
import { AwsError, limitExceeded, malformedPolicy, validationError } from '../errors';
import { paginate } from '../query-protocol';
import { policyDoc, type AccountState, type ManagedPolicy, type PolicyDoc } from '../state';
import type { XmlObject } from '../xml';

/** Parses and validates an identity policy document; throws MalformedPolicyDocument / LimitExceeded like IAM. */
export function checkedPolicyDoc(text: string, maxChars: number, quotaName: string): PolicyDoc {
  if (text.replace(/\s+/g, '').length > maxChars) throw limitExceeded(`Cannot exceed quota for ${quotaName}: ${maxChars}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformedPolicy('Syntax errors in policy.');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw malformedPolicy('Syntax errors in policy.');
  const errors = validateIdentityPolicy(json);
  if (errors.length) throw malformedPolicy(`${errors[0]?.message ?? 'Invalid policy'} (${errors[0]?.path ?? ''})`);
  return policyDoc(text);
}

export const inlineDoc = (text: string, max: number): PolicyDoc =>
  checkedPolicyDoc(text, max, max === 2048 ? 'UserPolicySize' : max === 5120 ? 'GroupPolicySize' : 'RolePolicySize');

export function policyXml(state: AccountState, p: ManagedPolicy, withTags = false): XmlObject {
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: state.attachmentCount(p.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.description,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    Tags: withTags && p.tags.length ? p.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

const policyArnParam = (c: ActionContext): string => {
  const arn = c.p.req('PolicyArn');
  if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\//.test(arn))
    throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`, 400);
  return arn;
};
const versionIdParam = (c: ActionContext): string => {
  const v = c.p.req('VersionId');
  if (!/^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/.test(v))
    throw validationError(`1 validation error detected: Value '${v}' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?`);
  return v;
};
const userRes = (c: ActionContext): string => c.state.userResourceArn(c.p.name('UserName'));

export const policyActions: ActionTable = {
  CreatePolicy: {
    resource: (c) => c.state.policyArn(c.p.name('PolicyName', 128), c.p.path()),
    handler: ({ state, p }) => {
      const doc = checkedPolicyDoc(p.req('PolicyDocument'), 6144, 'PolicySize');
      const pol = state.createPolicy(p.name('PolicyName', 128), doc, p.path(), p.str('Description'), p.tags());
      return { Policy: policyXml(state, pol, true) };
    },
  },
  GetPolicy: {
    resource: policyArnParam,
    handler: (c) => ({ Policy: policyXml(c.state, c.state.getPolicy(policyArnParam(c)), true) }),
  },
  DeletePolicy: {
    resource: policyArnParam,
    handler: (c) => (c.state.deletePolicy(policyArnParam(c)), null),
  },
  ListPolicies: {
    handler: ({ state, p }) => {
      const scope = p.str('Scope') ?? 'All';
      if (!['All', 'AWS', 'Local'].includes(scope))
        throw validationError(`1 validation error detected: Value '${scope}' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]`);
      const onlyAttached = p.bool('OnlyAttached') ?? false;
      const prefix = p.str('PathPrefix') ?? '/';
      const list = [...state.policies.values()]
        .filter((x) => (scope === 'All' ? true : scope === 'AWS' ? x.awsManaged : !x.awsManaged))
        .filter((x) => !onlyAttached || state.attachmentCount(x.arn) > 0)
        .filter((x) => x.path.startsWith(prefix))
        .sort(byName<ManagedPolicy>((x) => x.policyName));
      const { page, ...rest } = paginate(list, p);
      return { Policies: page.map((x) => policyXml(state, x)), ...rest };
    },
  },
  GetPolicyVersion: {
    resource: policyArnParam,
    handler: (c) => {
      const pol = c.state.getPolicy(policyArnParam(c));
      const v = c.state.getPolicyVersion(pol.arn, versionIdParam(c));
      return {
        PolicyVersion: {
          Document: encodeURIComponent(v.document.text),
          VersionId: v.versionId,
          IsDefaultVersion: v.versionId === pol.defaultVersionId,
          CreateDate: v.createDate,
        },
      };
    },
  },
  CreatePolicyVersion: {
    resource: policyArnParam,
    handler: (c) => {
      const arn = policyArnParam(c);
      const doc = checkedPolicyDoc(c.p.req('PolicyDocument'), 6144, 'PolicySize');
      const v = c.state.createPolicyVersion(arn, doc, c.p.bool('SetAsDefault') ?? false);
      return { PolicyVersion: { VersionId: v.versionId, IsDefaultVersion: c.state.getPolicy(arn).defaultVersionId === v.versionId, CreateDate: v.createDate } };
    },
  },
  DeletePolicyVersion: {
    resource: policyArnParam,
    handler: (c) => (c.state.deletePolicyVersion(policyArnParam(c), versionIdParam(c)), null),
  },
  ListPolicyVersions: {
    resource: policyArnParam,
    handler: (c) => {
      const pol = c.state.getPolicy(policyArnParam(c));
      const versions = [...pol.versions].reverse();
      const { page, ...rest } = paginate(versions, c.p);
      return {
        Versions: page.map((v) => ({ VersionId: v.versionId, IsDefaultVersion: v.versionId === pol.defaultVersionId, CreateDate: v.createDate })),
        ...rest,
      };
    },
  },
  SetDefaultPolicyVersion: {
    resource: policyArnParam,
    handler: (c) => (c.state.setDefaultPolicyVersion(policyArnParam(c), versionIdParam(c)), null),
  },
  ListEntitiesForPolicy: {
    resource: policyArnParam,
    handler: (c) => {
      const arn = c.state.getPolicy(policyArnParam(c)).arn;
      const filter = c.p.str('EntityFilter');
      const want = (k: string): boolean => !filter || filter === k;
      return {
        PolicyGroups: want('Group')
          ? [...c.state.groups.values()].filter((g) => g.attachedPolicies.includes(arn)).map((g) => ({ GroupName: g.groupName, GroupId: g.groupId }))
          : [],
        PolicyUsers: want('User')
          ? [...c.state.users.values()].filter((u) => u.attachedPolicies.includes(arn)).map((u) => ({ UserName: u.userName, UserId: u.userId }))
          : [],
        PolicyRoles: want('Role')
          ? [...c.state.roles.values()].filter((r) => r.attachedPolicies.includes(arn)).map((r) => ({ RoleName: r.roleName, RoleId: r.roleId }))
          : [],
        IsTruncated: false,
      };
    },
  },
  AttachUserPolicy: {
    resource: userRes,
    handler: (c) => (c.state.attach(c.state.getUser(c.p.name('UserName')), policyArnParam(c), 'PoliciesPerUser'), null),
  },
  DetachUserPolicy: {
    resource: userRes,
    handler: (c) => (c.state.detach(c.state.getUser(c.p.name('UserName')), policyArnParam(c)), null),
  },
  ListAttachedUserPolicies: {
    resource: userRes,
    handler: (c) => {
      const u = c.state.getUser(c.p.name('UserName'));
      const { page, ...rest } = paginate(u.attachedPolicies.map((a) => c.state.getPolicy(a)), c.p);
      return { AttachedPolicies: page.map((x) => ({ PolicyName: x.policyName, PolicyArn: x.arn })), ...rest };
    },
  },
  // ----- inline user policies -----
  PutUserPolicy: {
    resource: userRes,
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      u.inlinePolicies.set(p.name('PolicyName', 128), inlineDoc(p.req('PolicyDocument'), 2048));
      return null;
    },
  },
  GetUserPolicy: {
    resource: userRes,
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      const name = p.name('PolicyName', 128);
      const d = u.inlinePolicies.get(name);
      if (!d) throw state.noSuchInline(name, 'user', u.userName);
      return { UserName: u.userName, PolicyName: name, PolicyDocument: encodeURIComponent(d.text) };
    },
  },
  ListUserPolicies: {
    resource: userRes,
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      const { page, ...rest } = paginate([...u.inlinePolicies.keys()].sort(), p);
      return { PolicyNames: page, ...rest };
    },
  },
  DeleteUserPolicy: {
    resource: userRes,
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      const name = p.name('PolicyName', 128);
      if (!u.inlinePolicies.delete(name)) throw state.noSuchInline(name, 'user', u.userName);
      return null;
    },
  },
};
