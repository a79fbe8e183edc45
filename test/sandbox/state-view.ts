import type { AccountState, User } from './state';
import type { SandboxState, UserView } from './types';

const userView = (u: User): UserView => ({
  userName: u.userName,
  userId: u.userId,
  arn: u.arn,
  path: u.path,
  createDate: u.createDate,
  tags: Object.fromEntries(u.tags.map((t) => [t.Key, t.Value])),
  groups: [...u.groups],
  attachedPolicyArns: [...u.attachedPolicies],
  inlinePolicyNames: [...u.inlinePolicies.keys()],
});

/** Read-only, synchronous views of the account for test assertions (plain objects, copies). */
export function createStateView(state: AccountState): SandboxState {
  const user = (name: string): User | undefined => state.users.get(name.toLowerCase());
  return {
    getUser: (name) => {
      const u = user(name);
      return u ? userView(u) : undefined;
    },
    listUsers: () => [...state.users.values()].map(userView),
    getLoginProfile: (name) => {
      const lp = user(name)?.loginProfile;
      return lp ? { passwordResetRequired: lp.passwordResetRequired, createDate: lp.createDate } : undefined;
    },
    checkPassword: (name, password) => state.checkPassword(name, password),
    listAccessKeys: (name) =>
      (user(name)?.accessKeys ?? []).map((k) => ({
        accessKeyId: k.accessKeyId,
        status: k.status,
        createDate: k.createDate,
        ...(k.lastUsed ? { lastUsedDate: k.lastUsed.date } : {}),
      })),
    listMfaDevices: (name) =>
      (user(name)?.mfaSerials ?? []).map((s) => ({ serialNumber: s, enableDate: state.virtualMfas.get(s)?.enableDate ?? new Date(0) })),
    listVirtualMfaDevices: () =>
      [...state.virtualMfas.values()].map((d) => ({ serialNumber: d.serialNumber, ...(d.userName ? { userName: d.userName } : {}) })),
    getVirtualMfaSeed: (serial) => state.virtualMfas.get(serial)?.base32Seed,
    listAttachedUserPolicies: (name) =>
      (user(name)?.attachedPolicies ?? []).map((arn) => ({ policyArn: arn, policyName: state.policies.get(arn)?.policyName ?? '' })),
    listUserPolicies: (name) => [...(user(name)?.inlinePolicies ?? new Map())].map(([policyName, d]) => ({ policyName, document: d.json })),
    listGroupsForUser: (name) => [...(user(name)?.groups ?? [])],
    getGroup: (name) => {
      const g = state.groups.get(name.toLowerCase());
      return g
        ? { groupName: g.groupName, arn: g.arn, members: state.groupMembers(g).map((u) => u.userName), attachedPolicyArns: [...g.attachedPolicies] }
        : undefined;
    },
    listGroups: () => [...state.groups.values()].map((g) => g.groupName),
    getPolicy: (arn) => {
      const p = state.policies.get(arn);
      return p
        ? {
            arn: p.arn,
            policyName: p.policyName,
            path: p.path,
            ...(p.description !== undefined ? { description: p.description } : {}),
            defaultVersionId: p.defaultVersionId,
            attachmentCount: state.attachmentCount(arn),
          }
        : undefined;
    },
    findPolicyByName: (name) => {
      const p = [...state.policies.values()].find((x) => x.policyName === name && !x.awsManaged) ?? [...state.policies.values()].find((x) => x.policyName === name);
      return p ? { arn: p.arn } : undefined;
    },
    getPolicyVersions: (arn) => {
      const p = state.policies.get(arn);
      return (p?.versions ?? []).map((v) => ({
        versionId: v.versionId,
        isDefaultVersion: v.versionId === p?.defaultVersionId,
        document: v.document.json,
        createDate: v.createDate,
      }));
    },
    getAccountPasswordPolicy: () => (state.passwordPolicy ? { ...state.passwordPolicy } : undefined),
    getAccountSummary: () => state.summary(),
    getRootFlags: () => ({ ...state.rootFlags }),
    getAccountAlias: () => state.accountAlias,
    listSessions: () =>
      [...state.sessions.values()].map((s) => ({
        accessKeyId: s.accessKeyId,
        principal: s.principal.kind === 'user' ? s.principal.userName : s.principal.kind === 'role' ? `${s.principal.roleName}/${s.principal.sessionName}` : 'root',
        mfaAuthenticated: s.mfaAuthenticated,
        expiration: s.expiration,
      })),
  };
}
