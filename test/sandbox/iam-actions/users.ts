import { requestTagContext, targetUserName, userResource, userXml, byName, type ActionTable } from '../action-types';
import { AwsError, noSuchEntity } from '../errors';
import { PASSWORD_POLICY_DEFAULTS, type PasswordPolicy } from '../password-policy';
import { paginate } from '../query-protocol';
import type { User } from '../state';

export const userActions: ActionTable = {
  CreateUser: {
    resource: (c) => c.state.userArn(c.p.name('UserName'), c.p.path()),
    context: requestTagContext,
    handler: ({ state, p }) => {
      const u = state.createUser(p.name('UserName'), p.path(), p.tags());
      return { User: userXml(u, true) };
    },
  },
  GetUser: {
    resource: userResource,
    handler: (c) => ({ User: userXml(c.state.getUser(targetUserName(c)), true) }),
  },
  ListUsers: {
    handler: ({ state, p }) => {
      const prefix = p.str('PathPrefix') ?? '/';
      const users = [...state.users.values()].filter((u) => u.path.startsWith(prefix)).sort(byName<User>((u) => u.userName));
      const { page, ...rest } = paginate(users, p);
      return { Users: page.map((u) => userXml(u)), ...rest };
    },
  },
  DeleteUser: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    handler: ({ state, p }) => (state.deleteUser(p.name('UserName')), null),
  },
  TagUser: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    context: requestTagContext,
    handler: ({ state, p }) => (state.tagUser(p.name('UserName'), p.tags()), null),
  },
  UntagUser: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    context: (c) => ({ 'aws:TagKeys': c.p.tagKeys() }),
    handler: ({ state, p }) => {
      const u = state.getUser(p.name('UserName'));
      const keys = new Set(p.tagKeys());
      u.tags = u.tags.filter((t) => !keys.has(t.Key));
      return null;
    },
  },
  ListUserTags: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    handler: ({ state, p }) => {
      const { page, ...rest } = paginate(state.getUser(p.name('UserName')).tags, p);
      return { Tags: page.map((t) => ({ Key: t.Key, Value: t.Value })), ...rest };
    },
  },

  // ----- login profiles -----
  CreateLoginProfile: {
    resource: userResource,
    handler: (c) => {
      const name = targetUserName(c);
      const lp = c.state.createLoginProfile(name, c.p.req('Password'), c.p.bool('PasswordResetRequired') ?? false);
      return { LoginProfile: { UserName: c.state.getUser(name).userName, CreateDate: lp.createDate, PasswordResetRequired: lp.passwordResetRequired } };
    },
  },
  GetLoginProfile: {
    resource: userResource,
    handler: (c) => {
      const name = targetUserName(c);
      const lp = c.state.getLoginProfile(name);
      return { LoginProfile: { UserName: c.state.getUser(name).userName, CreateDate: lp.createDate, PasswordResetRequired: lp.passwordResetRequired } };
    },
  },
  UpdateLoginProfile: {
    resource: userResource,
    handler: (c) => (c.state.updateLoginProfile(targetUserName(c), c.p.str('Password'), c.p.bool('PasswordResetRequired')), null),
  },
  DeleteLoginProfile: {
    resource: userResource,
    handler: (c) => (c.state.deleteLoginProfile(targetUserName(c)), null),
  },
  ChangePassword: {
    resource: (c) => {
      c.p.req('OldPassword');
      c.p.req('NewPassword');
      if (c.caller.principal.kind !== 'user') throw new AwsError('InvalidUserType', 'The user type is not valid.', 400);
      return c.state.userResourceArn(c.caller.principal.userName);
    },
    handler: (c) => {
      if (c.caller.principal.kind !== 'user') throw new AwsError('InvalidUserType', 'The user type is not valid.', 400);
      c.state.changePassword(c.caller.principal.userName, c.p.req('OldPassword'), c.p.req('NewPassword'));
      return null;
    },
  },

  // ----- account password policy -----
  GetAccountPasswordPolicy: {
    handler: ({ state }) => {
      if (!state.passwordPolicy) throw noSuchEntity(`The Password Policy with domain name ${state.accountId} cannot be found.`);
      return { PasswordPolicy: passwordPolicyXml(state.passwordPolicy) };
    },
  },
  UpdateAccountPasswordPolicy: {
    handler: ({ state, p }) => {
      const policy: PasswordPolicy = {
        ...PASSWORD_POLICY_DEFAULTS,
        MinimumPasswordLength: p.int('MinimumPasswordLength', 6, 128) ?? 6,
        RequireSymbols: p.bool('RequireSymbols') ?? false,
        RequireNumbers: p.bool('RequireNumbers') ?? false,
        RequireUppercaseCharacters: p.bool('RequireUppercaseCharacters') ?? false,
        RequireLowercaseCharacters: p.bool('RequireLowercaseCharacters') ?? false,
        AllowUsersToChangePassword: p.bool('AllowUsersToChangePassword') ?? false,
      };
      const maxAge = p.int('MaxPasswordAge', 1, 1095);
      if (maxAge !== undefined) {
        policy.ExpirePasswords = true;
        policy.MaxPasswordAge = maxAge;
      }
      const reuse = p.int('PasswordReusePrevention', 1, 24);
      if (reuse !== undefined) policy.PasswordReusePrevention = reuse;
      const hard = p.bool('HardExpiry');
      if (hard !== undefined) policy.HardExpiry = hard;
      state.passwordPolicy = policy;
      return null;
    },
  },
  DeleteAccountPasswordPolicy: {
    handler: ({ state }) => {
      if (!state.passwordPolicy) throw noSuchEntity(`The account policy with name PasswordPolicy cannot be found.`);
      state.passwordPolicy = null;
      return null;
    },
  },
};

export function passwordPolicyXml(pp: PasswordPolicy): Record<string, string | number | boolean | undefined> {
  return {
    MinimumPasswordLength: pp.MinimumPasswordLength,
    RequireSymbols: pp.RequireSymbols,
    RequireNumbers: pp.RequireNumbers,
    RequireUppercaseCharacters: pp.RequireUppercaseCharacters,
    RequireLowercaseCharacters: pp.RequireLowercaseCharacters,
    AllowUsersToChangePassword: pp.AllowUsersToChangePassword,
    ExpirePasswords: pp.ExpirePasswords,
    MaxPasswordAge: pp.MaxPasswordAge,
    PasswordReusePrevention: pp.PasswordReusePrevention,
    HardExpiry: pp.HardExpiry,
  };
}

