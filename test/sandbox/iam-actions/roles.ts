import type { ActionContext, ActionTable } from '../action-types';
import { deleteConflict, malformedPolicy } from '../errors';
import { policyDoc, type Role } from '../state';
import type { XmlObject } from '../xml';
import { inlineDoc } from './policies';

/**
 * The role calls the account guard makes (the EventBridge target role): CreateRole, GetRole, DeleteRole and the
 * role's inline policies; AttachRolePolicy / DetachRolePolicy (a managed policy on a role, as tests set up
 * accounts). IAM API Reference. A trust policy must be JSON with a Statement (MalformedPolicyDocument);
 * DeleteRole of a role that still has policies answers DeleteConflict.
 */

const roleRes = (c: ActionContext): string => {
  const name = c.p.name('RoleName');
  const r = c.state.roles.get(name.toLowerCase());
  return r ? r.arn : c.state.roleArn(name);
};

const roleXml = (r: Role): XmlObject => ({
  Path: r.path,
  RoleName: r.roleName,
  RoleId: r.roleId,
  Arn: r.arn,
  CreateDate: r.createDate,
  AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicy.text),
  MaxSessionDuration: r.maxSessionDuration,
});

export const roleActions: ActionTable = {
  CreateRole: {
    resource: (c) => c.state.roleArn(c.p.name('RoleName'), c.p.path()),
    handler: ({ state, p }) => {
      const text = p.req('AssumeRolePolicyDocument');
      let trust: { Statement?: unknown };
      try {
        trust = JSON.parse(text) as { Statement?: unknown };
      } catch {
        throw malformedPolicy('Syntax errors in policy.');
      }
      if (!trust || typeof trust !== 'object' || !trust.Statement) throw malformedPolicy('Syntax errors in policy.');
      const r = state.createRole(p.name('RoleName'), p.path(), trust);
      r.assumeRolePolicy = policyDoc(text);
      return { Role: roleXml(r) };
    },
  },
  GetRole: {
    resource: roleRes,
    handler: ({ state, p }) => ({ Role: roleXml(state.getRole(p.name('RoleName'))) }),
  },
  DeleteRole: {
    resource: roleRes,
    handler: ({ state, p }) => {
      const r = state.getRole(p.name('RoleName'));
      if (r.inlinePolicies.size || r.attachedPolicies.length)
        throw deleteConflict('Cannot delete entity, must delete policies first.');
      state.roles.delete(r.roleName.toLowerCase());
      return null;
    },
  },
  AttachRolePolicy: {
    resource: roleRes,
    handler: ({ state, p }) => (state.attach(state.getRole(p.name('RoleName')), p.req('PolicyArn'), 'AttachedPoliciesPerRole'), null),
  },
  DetachRolePolicy: {
    resource: roleRes,
    handler: ({ state, p }) => (state.detach(state.getRole(p.name('RoleName')), p.req('PolicyArn')), null),
  },
  PutRolePolicy: {
    resource: roleRes,
    handler: ({ state, p }) => {
      const r = state.getRole(p.name('RoleName'));
      r.inlinePolicies.set(p.name('PolicyName', 128), inlineDoc(p.req('PolicyDocument'), 10240));
      return null;
    },
  },
  GetRolePolicy: {
    resource: roleRes,
    handler: ({ state, p }) => {
      const r = state.getRole(p.name('RoleName'));
      const name = p.name('PolicyName', 128);
      const d = r.inlinePolicies.get(name);
      if (!d) throw state.noSuchInline(name, 'role', r.roleName);
      return { RoleName: r.roleName, PolicyName: name, PolicyDocument: encodeURIComponent(d.text) };
    },
  },
  DeleteRolePolicy: {
    resource: roleRes,
    handler: ({ state, p }) => {
      const r = state.getRole(p.name('RoleName'));
      const name = p.name('PolicyName', 128);
      if (!r.inlinePolicies.delete(name)) throw state.noSuchInline(name, 'role', r.roleName);
      return null;
    },
  },
};
