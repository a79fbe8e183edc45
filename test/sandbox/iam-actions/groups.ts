import { byName, userXml, type ActionTable } from '../action-types';
import { paginate } from '../query-protocol';
import type { Group } from '../state';
import type { XmlObject } from '../xml';
import { inlineDoc } from './policies';

export const groupXml = (g: Group): XmlObject => ({ Path: g.path, GroupName: g.groupName, GroupId: g.groupId, Arn: g.arn, CreateDate: g.createDate });

const groupRes = (c: Parameters<NonNullable<ActionTable[string]['resource']>>[0]): string =>
  c.state.groupResourceArn(c.p.name('GroupName', 128));

export const groupActions: ActionTable = {
  CreateGroup: {
    resource: (c) => c.state.groupArn(c.p.name('GroupName', 128), c.p.path()),
    handler: ({ state, p }) => ({ Group: groupXml(state.createGroup(p.name('GroupName', 128), p.path())) }),
  },
  GetGroup: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      const { page, ...rest } = paginate(state.groupMembers(g).sort(byName((u) => u.userName)), p);
      return { Group: groupXml(g), Users: page.map((u) => userXml(u)), ...rest };
    },
  },
  ListGroups: {
    handler: ({ state, p }) => {
      const prefix = p.str('PathPrefix') ?? '/';
      const groups = [...state.groups.values()].filter((g) => g.path.startsWith(prefix)).sort(byName<Group>((g) => g.groupName));
      const { page, ...rest } = paginate(groups, p);
      return { Groups: page.map(groupXml), ...rest };
    },
  },
  DeleteGroup: {
    resource: groupRes,
    handler: ({ state, p }) => (state.deleteGroup(p.name('GroupName', 128)), null),
  },
  AddUserToGroup: {
    resource: groupRes,
    handler: ({ state, p }) => (state.addUserToGroup(p.name('GroupName', 128), p.name('UserName')), null),
  },
  RemoveUserFromGroup: {
    resource: groupRes,
    handler: ({ state, p }) => (state.removeUserFromGroup(p.name('GroupName', 128), p.name('UserName')), null),
  },
  ListGroupsForUser: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      const groups = u.groups.map((n) => state.getGroup(n));
      const { page, ...rest } = paginate(groups, p);
      return { Groups: page.map(groupXml), ...rest };
    },
  },
  AttachGroupPolicy: {
    resource: groupRes,
    handler: ({ state, p }) => (state.attach(state.getGroup(p.name('GroupName', 128)), p.req('PolicyArn'), 'AttachedPoliciesPerGroup'), null),
  },
  DetachGroupPolicy: {
    resource: groupRes,
    handler: ({ state, p }) => (state.detach(state.getGroup(p.name('GroupName', 128)), p.req('PolicyArn')), null),
  },
  ListAttachedGroupPolicies: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      const { page, ...rest } = paginate(g.attachedPolicies.map((a) => state.getPolicy(a)), p);
      return { AttachedPolicies: page.map((x) => ({ PolicyName: x.policyName, PolicyArn: x.arn })), ...rest };
    },
  },
  PutGroupPolicy: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      g.inlinePolicies.set(p.name('PolicyName', 128), inlineDoc(p.req('PolicyDocument'), 5120));
      return null;
    },
  },
  GetGroupPolicy: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      const name = p.name('PolicyName', 128);
      const d = g.inlinePolicies.get(name);
      if (!d) throw state.noSuchInline(name, 'group', g.groupName);
      return { GroupName: g.groupName, PolicyName: name, PolicyDocument: encodeURIComponent(d.text) };
    },
  },
  ListGroupPolicies: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      const { page, ...rest } = paginate([...g.inlinePolicies.keys()].sort(), p);
      return { PolicyNames: page, ...rest };
    },
  },
  DeleteGroupPolicy: {
    resource: groupRes,
    handler: ({ state, p }) => {
      const g = state.getGroup(p.name('GroupName', 128));
      const name = p.name('PolicyName', 128);
      if (!g.inlinePolicies.delete(name)) throw state.noSuchInline(name, 'group', g.groupName);
      return null;
    },
  },
};
