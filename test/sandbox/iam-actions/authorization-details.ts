import { byName, userXml, type ActionTable } from '../action-types';
import { validationError } from '../errors';
import { paginate } from '../query-protocol';
import type { AccountState, Group, ManagedPolicy, PolicyDoc, Role, User } from '../state';
import type { XmlObject } from '../xml';

/** API reference, GetAccountAuthorizationDetails: Filter.member.N valid values. */
const ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

type Item =
  | { kind: 'User'; u: User }
  | { kind: 'Group'; g: Group }
  | { kind: 'Role'; r: Role }
  | { kind: 'Policy'; p: ManagedPolicy };

/** Policy documents come back URL-encoded (RFC 3986), as the API reference's note says. */
const inline = (m: Map<string, PolicyDoc>) => [...m.entries()].map(([PolicyName, d]) => ({ PolicyName, PolicyDocument: encodeURIComponent(d.text) }));
const attached = (state: AccountState, arns: string[]) => arns.map((PolicyArn) => ({ PolicyName: state.policies.get(PolicyArn)?.policyName ?? PolicyArn.split('/').pop() ?? '', PolicyArn }));

function userDetail(state: AccountState, u: User): XmlObject {
  const { PasswordLastUsed: _omitted, ...base } = userXml(u, true);
  return { ...base, UserPolicyList: inline(u.inlinePolicies), GroupList: [...u.groups], AttachedManagedPolicies: attached(state, u.attachedPolicies) };
}

function groupDetail(state: AccountState, g: Group): XmlObject {
  return { Path: g.path, GroupName: g.groupName, GroupId: g.groupId, Arn: g.arn, CreateDate: g.createDate, GroupPolicyList: inline(g.inlinePolicies), AttachedManagedPolicies: attached(state, g.attachedPolicies) };
}

function roleDetail(state: AccountState, r: Role): XmlObject {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicy.text),
    InstanceProfileList: [],
    RolePolicyList: inline(r.inlinePolicies),
    AttachedManagedPolicies: attached(state, r.attachedPolicies),
  };
}

function policyDetail(state: AccountState, p: ManagedPolicy): XmlObject {
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
    PolicyVersionList: p.versions.map((v) => ({
      Document: encodeURIComponent(v.document.text),
      VersionId: v.versionId,
      IsDefaultVersion: v.versionId === p.defaultVersionId,
      CreateDate: v.createDate,
    })),
  };
}

/**
 * One snapshot of users, groups, roles and managed policies, paged with MaxItems / Marker /
 * IsTruncated over the whole sequence (users, then groups, roles, policies — each sorted by name).
 */
export const authorizationDetailsActions: ActionTable = {
  GetAccountAuthorizationDetails: {
    handler: ({ state, p }) => {
      const filter = p.list('Filter');
      for (const f of filter) {
        if (!(ENTITY_TYPES as readonly string[]).includes(f))
          throw validationError(
            `1 validation error detected: Value '[${filter.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_TYPES.join(', ')}]]`,
          );
      }
      const wants = (t: EntityType) => filter.length === 0 || filter.includes(t);
      const items: Item[] = [];
      if (wants('User')) items.push(...[...state.users.values()].sort(byName<User>((u) => u.userName)).map((u) => ({ kind: 'User' as const, u })));
      if (wants('Group')) items.push(...[...state.groups.values()].sort(byName<Group>((g) => g.groupName)).map((g) => ({ kind: 'Group' as const, g })));
      if (wants('Role')) items.push(...[...state.roles.values()].sort(byName<Role>((r) => r.roleName)).map((r) => ({ kind: 'Role' as const, r })));
      const policies = [...state.policies.values()]
        // AWS managed policies: only those in use (AWS has over a thousand; which ones it lists is not documented).
        .filter((x) => (x.awsManaged ? wants('AWSManagedPolicy') && state.attachmentCount(x.arn) > 0 : wants('LocalManagedPolicy')))
        .sort(byName<ManagedPolicy>((x) => x.policyName));
      items.push(...policies.map((x) => ({ kind: 'Policy' as const, p: x })));

      const { page, ...rest } = paginate(items, p);
      const of = <K extends Item['kind']>(kind: K) => page.filter((i): i is Extract<Item, { kind: K }> => i.kind === kind);
      return {
        UserDetailList: of('User').map((i) => userDetail(state, i.u)),
        GroupDetailList: of('Group').map((i) => groupDetail(state, i.g)),
        RoleDetailList: of('Role').map((i) => roleDetail(state, i.r)),
        Policies: of('Policy').map((i) => policyDetail(state, i.p)),
        ...rest,
      };
    },
  },
};
