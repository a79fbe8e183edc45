/**
 * An in-memory IAM for the provisioning state machine: just the calls it makes, AWS-shaped
 * errors, and per-call faults (an error before the call, or a dropped answer after it took effect).
 */
interface FakeUser {
  path: string;
  tags: Array<{ Key: string; Value: string }>;
  loginProfile: { password: string; resetRequired: boolean } | null;
  policies: Set<string>;
  groups: Set<string>;
  keys: string[];
  inline: Map<string, string>;
}

type Fault = { error: unknown; after?: boolean };

/** Modeled IAM errors reach us as `<Code>Exception` (as the SDK names them); others by the bare code. */
const MODELED = new Set(['NoSuchEntity', 'EntityAlreadyExists', 'LimitExceeded', 'DeleteConflict', 'ServiceFailure']);
export const awsError = (code: string, status = 400) => {
  const name = MODELED.has(code) ? `${code}Exception` : code;
  return Object.assign(new Error(code), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
};
export const dropped = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

export class FakeIam {
  users = new Map<string, FakeUser>();
  groups = new Map<string, Set<string>>();
  policies = new Set<string>();
  passwordPolicy: Record<string, unknown> | null = null;
  calls: string[] = [];
  private faults = new Map<string, Fault[]>();
  private keySeq = 0;

  /** The next call of `action` fails (before it acts, or after when `after`). */
  fail(action: string, fault: Fault): void {
    this.faults.set(action, [...(this.faults.get(action) ?? []), fault]);
  }

  async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
    const action = command.constructor.name.replace(/Command$/, '');
    this.calls.push(action);
    const fault = this.faults.get(action)?.shift();
    if (fault && !fault.after) throw fault.error;
    const out = this.apply(action, command.input);
    if (fault?.after) throw fault.error;
    return out;
  }

  private user(name: unknown): FakeUser {
    const u = this.users.get(String(name));
    if (!u) throw awsError('NoSuchEntity', 404);
    return u;
  }

  private group(name: unknown): Set<string> {
    const g = this.groups.get(String(name));
    if (!g) throw awsError('NoSuchEntity', 404);
    return g;
  }

  private apply(action: string, i: Record<string, unknown>): unknown {
    switch (action) {
      case 'GetUser': {
        const u = this.user(i.UserName);
        return { User: { UserName: i.UserName, Path: u.path, Tags: u.tags.length ? u.tags : undefined } };
      }
      case 'CreateUser':
        if (this.users.has(String(i.UserName))) throw awsError('EntityAlreadyExists', 409);
        this.users.set(String(i.UserName), {
          path: (i.Path as string) ?? '/',
          tags: (i.Tags as FakeUser['tags']) ?? [],
          loginProfile: null,
          policies: new Set(),
          groups: new Set(),
          keys: [],
          inline: new Map(),
        });
        return { User: { UserName: i.UserName } };
      case 'DeleteUser': {
        const u = this.user(i.UserName);
        if (u.loginProfile || u.keys.length || u.policies.size || u.groups.size || u.inline.size) throw awsError('DeleteConflict', 409);
        this.users.delete(String(i.UserName));
        return {};
      }
      case 'GetAccountPasswordPolicy':
        if (!this.passwordPolicy) throw awsError('NoSuchEntity', 404);
        return { PasswordPolicy: this.passwordPolicy };
      case 'CreateLoginProfile': {
        const u = this.user(i.UserName);
        if (u.loginProfile) throw awsError('EntityAlreadyExists', 409);
        u.loginProfile = { password: String(i.Password), resetRequired: i.PasswordResetRequired === true };
        return {};
      }
      case 'UpdateLoginProfile': {
        const u = this.user(i.UserName);
        if (!u.loginProfile) throw awsError('NoSuchEntity', 404);
        u.loginProfile = { password: String(i.Password), resetRequired: i.PasswordResetRequired === true };
        return {};
      }
      case 'DeleteLoginProfile': {
        const u = this.user(i.UserName);
        if (!u.loginProfile) throw awsError('NoSuchEntity', 404);
        u.loginProfile = null;
        return {};
      }
      case 'GetPolicy':
        if (!this.policies.has(String(i.PolicyArn))) throw awsError('NoSuchEntity', 404);
        return { Policy: { Arn: i.PolicyArn } };
      case 'AttachUserPolicy':
        if (!this.policies.has(String(i.PolicyArn))) throw awsError('NoSuchEntity', 404);
        this.user(i.UserName).policies.add(String(i.PolicyArn));
        return {};
      case 'DetachUserPolicy': {
        const u = this.user(i.UserName);
        if (!u.policies.delete(String(i.PolicyArn))) throw awsError('NoSuchEntity', 404);
        return {};
      }
      case 'ListAttachedGroupPolicies':
        return { AttachedPolicies: [...this.groupPolicies(i.GroupName)].map((PolicyArn) => ({ PolicyArn })), IsTruncated: false };
      case 'AttachGroupPolicy':
        this.groupPolicies(i.GroupName).add(String(i.PolicyArn));
        return {};
      case 'DetachGroupPolicy':
        if (!this.groupPolicies(i.GroupName).delete(String(i.PolicyArn))) throw awsError('NoSuchEntity', 404);
        return {};
      case 'AddUserToGroup':
        this.group(i.GroupName);
        this.user(i.UserName).groups.add(String(i.GroupName));
        return {};
      case 'RemoveUserFromGroup':
        this.group(i.GroupName);
        if (!this.user(i.UserName).groups.delete(String(i.GroupName))) throw awsError('NoSuchEntity', 404);
        return {};
      case 'CreateAccessKey': {
        const u = this.user(i.UserName);
        if (u.keys.length >= 2) throw awsError('LimitExceeded', 409);
        const id = `AKIAFAKE${String(++this.keySeq).padStart(12, '0')}`;
        u.keys.push(id);
        return { AccessKey: { AccessKeyId: id, SecretAccessKey: `secret${id}${'x'.repeat(20)}` /* base64 characters only, as AWS issues them */, Status: 'Active' } };
      }
      case 'ListAccessKeys':
        return { AccessKeyMetadata: this.user(i.UserName).keys.map((AccessKeyId) => ({ AccessKeyId })) };
      case 'DeleteAccessKey': {
        const u = this.user(i.UserName);
        if (!u.keys.includes(String(i.AccessKeyId))) throw awsError('NoSuchEntity', 404);
        u.keys = u.keys.filter((k) => k !== i.AccessKeyId);
        return {};
      }
      case 'ListGroups':
        return this.listGroups(i);
      case 'PutUserPolicy':
        this.user(i.UserName).inline.set(String(i.PolicyName), String(i.PolicyDocument));
        return {};
      case 'DeleteUserPolicy':
        if (!this.user(i.UserName).inline.delete(String(i.PolicyName))) throw awsError('NoSuchEntity', 404);
        return {};
      case 'TagUser': {
        const u = this.user(i.UserName);
        for (const t of i.Tags as FakeUser['tags']) u.tags = [...u.tags.filter((x) => x.Key !== t.Key), t];
        return {};
      }
      case 'UntagUser': {
        const u = this.user(i.UserName);
        u.tags = u.tags.filter((t) => !(i.TagKeys as string[]).includes(t.Key));
        return {};
      }
      default:
        throw new Error(`FakeIam: ${action} not implemented`);
    }
  }

  groupPolicyMap = new Map<string, Set<string>>();
  private groupPolicies(name: unknown): Set<string> {
    this.group(name);
    const key = String(name);
    if (!this.groupPolicyMap.has(key)) this.groupPolicyMap.set(key, new Set());
    return this.groupPolicyMap.get(key)!;
  }

  /** Pages of two, to prove the caller follows the Marker. */
  private listGroups(i: Record<string, unknown>) {
    const names = [...this.groups.keys()].sort();
    const start = i.Marker ? Number(i.Marker) : 0;
    const page = names.slice(start, start + 2);
    const more = start + 2 < names.length;
    return { Groups: page.map((GroupName) => ({ GroupName, Path: '/' })), IsTruncated: more, ...(more ? { Marker: String(start + 2) } : {}) };
  }
}
