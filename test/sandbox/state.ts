import { createHash, randomBytes } from 'node:crypto';
import { AwsError, alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from './errors';
import { newAccessKeyId, newSecretAccessKey, newSessionToken, newUniqueId } from './ids';
import { passwordPolicyViolation, passwordViolations, type PasswordPolicy } from './password-policy';
import { newBase32Seed } from './totp';

export interface Tag {
  Key: string;
  Value: string;
}

export interface LoginProfile {
  passwordHash: string;
  salt: string;
  createDate: Date;
  passwordResetRequired: boolean;
  passwordLastChanged: Date;
  /** Eventual consistency: the password in force before this time is the previous one (see consistencyDelayMs). */
  usableAt: number;
  /** The previous password's hash, still in force until usableAt (null: there was none). */
  previous: { hash: string; salt: string } | null;
}

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  userName: string;
  lastUsed?: { date: Date; serviceName: string; region: string };
  /** Eventual consistency: authentication answers InvalidClientTokenId before this time. */
  usableAt: number;
}

export interface User {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  tags: Tag[];
  inlinePolicies: Map<string, PolicyDoc>;
  attachedPolicies: string[];
  groups: string[];
  loginProfile?: LoginProfile;
  /** hashes of previous passwords, newest last, for PasswordReusePrevention */
  passwordHistory: Array<{ hash: string; salt: string }>;
  accessKeys: AccessKey[];
  mfaSerials: string[];
  passwordLastUsed?: Date;
}

export interface Group {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  createDate: Date;
  inlinePolicies: Map<string, PolicyDoc>;
  attachedPolicies: string[];
}

export interface Role {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: Date;
  assumeRolePolicy: PolicyDoc;
  inlinePolicies: Map<string, PolicyDoc>;
  attachedPolicies: string[];
  maxSessionDuration: number;
}

/** A policy document kept as text (as sent) and parsed once. */
export interface PolicyDoc {
  text: string;
  json: unknown;
}

export interface PolicyVersion {
  versionId: string;
  document: PolicyDoc;
  createDate: Date;
}

export interface ManagedPolicy {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  description?: string;
  createDate: Date;
  updateDate: Date;
  defaultVersionId: string;
  versions: PolicyVersion[];
  nextVersion: number;
  awsManaged: boolean;
  tags: Tag[];
}

export interface VirtualMfaDevice {
  serialNumber: string;
  name: string;
  path: string;
  base32Seed: string;
  createDate: Date;
  userName?: string;
  enableDate?: Date;
  /** highest TOTP step already consumed (codes at or below it are rejected) */
  lastUsedStep: number;
  /** steps the device's clock is off, learned by ResyncMFADevice */
  driftSteps: number;
  tags: Tag[];
  /** Eventual consistency: sts:GetSessionToken does not know the assignment before this time. */
  usableAt: number;
}

export type Principal =
  | { kind: 'user'; userName: string }
  | { kind: 'role'; roleName: string; sessionName: string }
  | { kind: 'root' };

export interface Session {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  issuedAt: Date;
  principal: Principal;
  mfaAuthenticated: boolean;
  mfaAuthTime?: Date;
  /** GetSessionToken credentials without MFA may not call IAM (STS API reference). */
  source: 'getSessionToken' | 'assumeRole' | 'sso';
}

export interface CredentialReport {
  generatedTime: Date;
  content: string;
  /** Until then the report is "being generated" (ReportInProgress / INPROGRESS). */
  readyAtMs: number;
}

export const AWS_MANAGED_POLICIES: Array<{ name: string; path: string; description: string; document: object }> = [
  {
    name: 'AdministratorAccess',
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
  {
    name: 'IAMUserChangePassword',
    path: '/',
    description: 'Provides the ability for an IAM user to change their own password.',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
        { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
      ],
    },
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    description: 'Provides read-only access to AWS services and resources (sandbox subset: IAM, STS and the account-guard services).',
    document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Generate*', 'iam:Simulate*', 'sts:Get*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:List*', 'events:Describe*', 'events:List*', 'events:TestEventPattern', 'sns:Get*', 'sns:List*', 's3:Get*', 's3:List*', 'ec2:Describe*'],
          Resource: '*',
        },
      ],
    },
  },
];

export const ADMIN_POLICY_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function policyDoc(doc: string | object): PolicyDoc {
  if (typeof doc === 'string') return { text: doc, json: JSON.parse(doc) as unknown };
  return { text: JSON.stringify(doc), json: doc };
}

const lower = (s: string): string => s.toLowerCase();

/** ChangePassword's AccessDenied for a wrong current password (and for other causes): one message, as AWS words it. */
export const CHANGE_PASSWORD_DENIED =
  'Either user is not authorized to perform iam:ChangePassword or entered password does not comply with account password policy set by administrator';

export function hashPassword(password: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(password).digest('hex');
}

/** The whole mutable account. Every method throws AwsError with AWS's code on a semantic error. */
export class AccountState {
  readonly accountId: string;
  accountAlias: string | null;
  readonly region: string;
  readonly users = new Map<string, User>();
  readonly groups = new Map<string, Group>();
  readonly roles = new Map<string, Role>();
  readonly policies = new Map<string, ManagedPolicy>();
  readonly virtualMfas = new Map<string, VirtualMfaDevice>();
  readonly accessKeys = new Map<string, AccessKey>();
  readonly sessions = new Map<string, Session>();
  passwordPolicy: PasswordPolicy | null = null;
  rootFlags = { mfaEnabled: false, accessKeysPresent: false };
  credentialReport?: CredentialReport;
  /** How long a credential report takes to generate (AWS takes seconds; 0 = at once). */
  credentialReportDelayMs = 0;
  private readonly baseNow: () => number;
  clockSkewMs = 0;
  /**
   * Eventual consistency (0 = off): a new access key, a new or changed console password and a newly
   * enabled MFA device become usable only this long after the change, as IAM's are "usually within
   * seconds". The admin's own view (Get/List calls) is consistent at once.
   */
  consistencyDelayMs = 0;

  /** When something changed now becomes usable. */
  usableFromNow(): number {
    return this.nowMs() + this.consistencyDelayMs;
  }

  constructor(opts: { accountId: string; accountAlias: string | null; region: string; now: () => number }) {
    this.accountId = opts.accountId;
    this.accountAlias = opts.accountAlias;
    this.region = opts.region;
    this.baseNow = opts.now;
    for (const p of AWS_MANAGED_POLICIES) this.addAwsManagedPolicy(p.name, p.path, p.description, p.document);
  }

  nowMs(): number {
    return this.baseNow() + this.clockSkewMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  // ---------- ARNs ----------
  userArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:user${path}${name}`;
  }
  groupArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:group${path}${name}`;
  }
  roleArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:role${path}${name}`;
  }
  policyArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:policy${path}${name}`;
  }
  mfaArn(name: string, path = '/'): string {
    return `arn:aws:iam::${this.accountId}:mfa${path}${name}`;
  }
  /** ARN of an existing user (with its path) or of the name at the root path. */
  userResourceArn(name: string): string {
    const u = this.users.get(lower(name));
    return u ? u.arn : this.userArn(name);
  }
  groupResourceArn(name: string): string {
    const g = this.groups.get(lower(name));
    return g ? g.arn : this.groupArn(name);
  }

  // ---------- users ----------
  getUser(name: string): User {
    const u = this.users.get(lower(name));
    if (!u) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    return u;
  }

  createUser(name: string, path = '/', tags: Tag[] = []): User {
    if (this.users.has(lower(name))) throw alreadyExists(`User with name ${name} already exists.`);
    if (tags.length > 50) throw limitExceeded('Cannot exceed quota for TagsPerUser: 50');
    const user: User = {
      userName: name,
      userId: newUniqueId('AIDA'),
      arn: this.userArn(name, path),
      path,
      createDate: this.now(),
      tags: [...tags],
      inlinePolicies: new Map(),
      attachedPolicies: [],
      groups: [],
      passwordHistory: [],
      accessKeys: [],
      mfaSerials: [],
    };
    this.users.set(lower(name), user);
    return user;
  }

  deleteUser(name: string): void {
    const u = this.getUser(name);
    const conflict = (what: string): AwsError => deleteConflict(`Cannot delete entity, must ${what} first.`);
    if (u.loginProfile) throw conflict('delete login profile');
    if (u.accessKeys.length) throw conflict('delete access keys');
    if (u.mfaSerials.length) throw conflict('delete MFA device');
    if (u.inlinePolicies.size) throw conflict('delete policies');
    if (u.attachedPolicies.length) throw conflict('detach all policies');
    if (u.groups.length) throw conflict('remove users from group');
    this.users.delete(lower(name));
  }

  tagUser(name: string, tags: Tag[]): void {
    const u = this.getUser(name);
    const merged = [...u.tags];
    for (const t of tags) {
      const i = merged.findIndex((x) => x.Key === t.Key);
      if (i >= 0) merged[i] = t;
      else merged.push(t);
    }
    if (merged.length > 50) throw limitExceeded('Cannot exceed quota for TagsPerUser: 50');
    u.tags = merged;
  }

  // ---------- passwords ----------
  checkPasswordAgainstPolicy(password: string, user?: User): void {
    const failed = passwordViolations(password, this.passwordPolicy, this.accountId);
    const reuse = this.passwordPolicy?.PasswordReusePrevention;
    if (user && reuse) {
      const recent = user.passwordHistory.slice(-reuse);
      if (recent.some((h) => hashPassword(password, h.salt) === h.hash))
        failed.push(`Password should not be one of your last ${reuse} passwords`);
    }
    if (failed.length) throw passwordPolicyViolation(failed);
  }

  private setPassword(user: User, password: string, resetRequired: boolean): void {
    const salt = randomBytes(8).toString('hex');
    const hash = hashPassword(password, salt);
    const now = this.now();
    const createDate = user.loginProfile?.createDate ?? now;
    const previous = user.loginProfile ? { hash: user.loginProfile.passwordHash, salt: user.loginProfile.salt } : null;
    user.loginProfile = {
      passwordHash: hash,
      salt,
      createDate,
      passwordResetRequired: resetRequired,
      passwordLastChanged: now,
      usableAt: this.usableFromNow(),
      previous,
    };
    user.passwordHistory.push({ hash, salt });
    if (user.passwordHistory.length > 24) user.passwordHistory.shift();
  }

  createLoginProfile(name: string, password: string, resetRequired: boolean): LoginProfile {
    const u = this.getUser(name);
    if (u.loginProfile) throw alreadyExists(`Login Profile for user ${name} already exists.`);
    this.checkPasswordAgainstPolicy(password, u);
    this.setPassword(u, password, resetRequired);
    return this.getLoginProfile(name);
  }

  getLoginProfile(name: string): LoginProfile {
    const u = this.getUser(name);
    if (!u.loginProfile) throw noSuchEntity(`Login Profile for User ${name} cannot be found.`);
    return u.loginProfile;
  }

  updateLoginProfile(name: string, password: string | undefined, resetRequired: boolean | undefined): void {
    const u = this.getUser(name);
    const lp = this.getLoginProfile(name);
    if (password !== undefined) {
      this.checkPasswordAgainstPolicy(password, u);
      this.setPassword(u, password, resetRequired ?? lp.passwordResetRequired);
    } else if (resetRequired !== undefined) lp.passwordResetRequired = resetRequired;
  }

  deleteLoginProfile(name: string): void {
    this.getLoginProfile(name);
    delete this.getUser(name).loginProfile;
  }

  checkPassword(name: string, password: string): boolean {
    const lp = this.users.get(lower(name))?.loginProfile;
    return !!lp && hashPassword(password, lp.salt) === lp.passwordHash;
  }

  /** The password sign-in sees now: the previous one until a change has propagated. */
  private passwordInForce(name: string, password: string): boolean {
    const lp = this.users.get(lower(name))?.loginProfile;
    if (!lp) return false;
    if (this.nowMs() >= lp.usableAt) return hashPassword(password, lp.salt) === lp.passwordHash;
    return !!lp.previous && hashPassword(password, lp.previous.salt) === lp.previous.hash;
  }

  changePassword(name: string, oldPassword: string, newPassword: string): void {
    const u = this.getUser(name);
    if (!u.loginProfile) throw noSuchEntity(`Login Profile for User ${name} cannot be found.`);
    // AWS documents no error for a wrong OldPassword; the answer observed and quoted by AWS's
    // knowledge center is AccessDenied with one message for several causes (see the README).
    if (!this.passwordInForce(name, oldPassword)) throw new AwsError('AccessDenied', CHANGE_PASSWORD_DENIED, 403);
    this.checkPasswordAgainstPolicy(newPassword, u);
    this.setPassword(u, newPassword, false);
  }

  // ---------- access keys ----------
  createAccessKey(name: string): AccessKey {
    const u = this.getUser(name);
    if (u.accessKeys.length >= 2) throw limitExceeded('Cannot exceed quota for AccessKeysPerUser: 2');
    const key: AccessKey = {
      accessKeyId: newAccessKeyId('AKIA'),
      secretAccessKey: newSecretAccessKey(),
      status: 'Active',
      createDate: this.now(),
      userName: u.userName,
      usableAt: this.usableFromNow(),
    };
    u.accessKeys.push(key);
    this.accessKeys.set(key.accessKeyId, key);
    return key;
  }

  findAccessKey(userName: string, accessKeyId: string): AccessKey {
    const u = this.getUser(userName);
    const k = u.accessKeys.find((x) => x.accessKeyId === accessKeyId);
    if (!k) throw noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
    return k;
  }

  deleteAccessKey(userName: string, accessKeyId: string): void {
    const k = this.findAccessKey(userName, accessKeyId);
    const u = this.getUser(userName);
    u.accessKeys = u.accessKeys.filter((x) => x !== k);
    this.accessKeys.delete(accessKeyId);
  }

  // ---------- groups ----------
  getGroup(name: string): Group {
    const g = this.groups.get(lower(name));
    if (!g) throw noSuchEntity(`The group with name ${name} cannot be found.`);
    return g;
  }

  createGroup(name: string, path = '/'): Group {
    if (this.groups.has(lower(name))) throw alreadyExists(`Group with name ${name} already exists.`);
    const g: Group = {
      groupName: name,
      groupId: newUniqueId('AGPA'),
      arn: this.groupArn(name, path),
      path,
      createDate: this.now(),
      inlinePolicies: new Map(),
      attachedPolicies: [],
    };
    this.groups.set(lower(name), g);
    return g;
  }

  deleteGroup(name: string): void {
    const g = this.getGroup(name);
    if ([...this.users.values()].some((u) => u.groups.includes(g.groupName)))
      throw deleteConflict('Cannot delete entity, must remove users from group first.');
    if (g.inlinePolicies.size) throw deleteConflict('Cannot delete entity, must delete policies first.');
    if (g.attachedPolicies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
    this.groups.delete(lower(name));
  }

  addUserToGroup(groupName: string, userName: string): void {
    const g = this.getGroup(groupName);
    const u = this.getUser(userName);
    if (!u.groups.includes(g.groupName)) {
      if (u.groups.length >= 10) throw limitExceeded('Cannot exceed quota for GroupsPerUser: 10');
      u.groups.push(g.groupName);
    }
  }

  removeUserFromGroup(groupName: string, userName: string): void {
    const g = this.getGroup(groupName);
    const u = this.getUser(userName);
    if (!u.groups.includes(g.groupName))
      throw noSuchEntity(`The user with name ${userName} cannot be found in group ${groupName}.`);
    u.groups = u.groups.filter((x) => x !== g.groupName);
  }

  groupMembers(g: Group): User[] {
    return [...this.users.values()].filter((u) => u.groups.includes(g.groupName));
  }

  // ---------- managed policies ----------
  private addAwsManagedPolicy(name: string, path: string, description: string, document: object): void {
    const arn = `arn:aws:iam::aws:policy${path}${name}`;
    const d = new Date('2015-02-06T18:39:46Z');
    this.policies.set(arn, {
      arn,
      policyName: name,
      policyId: newUniqueId('ANPA'),
      path,
      description,
      createDate: d,
      updateDate: d,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document: policyDoc(document), createDate: d }],
      nextVersion: 2,
      awsManaged: true,
      tags: [],
    });
  }

  getPolicy(arn: string): ManagedPolicy {
    const p = this.policies.get(arn);
    if (!p) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
    return p;
  }

  createPolicy(name: string, doc: PolicyDoc, path = '/', description?: string, tags: Tag[] = []): ManagedPolicy {
    const arn = this.policyArn(name, path);
    if ([...this.policies.values()].some((p) => !p.awsManaged && lower(p.policyName) === lower(name)))
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    const now = this.now();
    const p: ManagedPolicy = {
      arn,
      policyName: name,
      policyId: newUniqueId('ANPA'),
      path,
      ...(description !== undefined ? { description } : {}),
      createDate: now,
      updateDate: now,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document: doc, createDate: now }],
      nextVersion: 2,
      awsManaged: false,
      tags,
    };
    this.policies.set(arn, p);
    return p;
  }

  defaultDocument(p: ManagedPolicy): PolicyDoc {
    return (p.versions.find((v) => v.versionId === p.defaultVersionId) as PolicyVersion).document;
  }

  attachmentCount(arn: string): number {
    let n = 0;
    for (const u of this.users.values()) if (u.attachedPolicies.includes(arn)) n++;
    for (const g of this.groups.values()) if (g.attachedPolicies.includes(arn)) n++;
    for (const r of this.roles.values()) if (r.attachedPolicies.includes(arn)) n++;
    return n;
  }

  createPolicyVersion(arn: string, doc: PolicyDoc, setAsDefault: boolean): PolicyVersion {
    const p = this.getPolicy(arn);
    if (p.awsManaged) throw new AwsError('AccessDenied', 'Cannot modify an AWS managed policy.', 403);
    if (p.versions.length >= 5)
      throw limitExceeded(`A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.`);
    const v: PolicyVersion = { versionId: `v${p.nextVersion++}`, document: doc, createDate: this.now() };
    p.versions.push(v);
    if (setAsDefault) p.defaultVersionId = v.versionId;
    p.updateDate = v.createDate;
    return v;
  }

  getPolicyVersion(arn: string, versionId: string): PolicyVersion {
    const p = this.getPolicy(arn);
    const v = p.versions.find((x) => x.versionId === versionId);
    if (!v) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
    return v;
  }

  deletePolicyVersion(arn: string, versionId: string): void {
    const p = this.getPolicy(arn);
    this.getPolicyVersion(arn, versionId);
    if (p.defaultVersionId === versionId) throw deleteConflict('Cannot delete the default version of a policy.');
    p.versions = p.versions.filter((v) => v.versionId !== versionId);
  }

  setDefaultPolicyVersion(arn: string, versionId: string): void {
    const p = this.getPolicy(arn);
    this.getPolicyVersion(arn, versionId);
    p.defaultVersionId = versionId;
    p.updateDate = this.now();
  }

  deletePolicy(arn: string): void {
    const p = this.getPolicy(arn);
    if (p.awsManaged) throw new AwsError('AccessDenied', 'Cannot delete an AWS managed policy.', 403);
    if (this.attachmentCount(arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
    if (p.versions.length > 1)
      throw deleteConflict(
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    this.policies.delete(arn);
  }

  attach(target: { attachedPolicies: string[] }, arn: string, quotaName: string): void {
    this.getPolicy(arn);
    if (target.attachedPolicies.includes(arn)) return;
    if (target.attachedPolicies.length >= 20) throw limitExceeded(`Cannot exceed quota for ${quotaName}: 20`);
    target.attachedPolicies.push(arn);
  }

  detach(target: { attachedPolicies: string[] }, arn: string): void {
    if (!target.attachedPolicies.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    target.attachedPolicies.splice(target.attachedPolicies.indexOf(arn), 1);
  }

  // ---------- roles ----------
  createRole(name: string, path: string, trust: object, attached: string[] = []): Role {
    if (this.roles.has(lower(name))) throw alreadyExists(`Role with name ${name} already exists.`);
    const r: Role = {
      roleName: name,
      roleId: newUniqueId('AROA'),
      arn: this.roleArn(name, path),
      path,
      createDate: this.now(),
      assumeRolePolicy: policyDoc(trust),
      inlinePolicies: new Map(),
      attachedPolicies: [...attached],
      maxSessionDuration: 3600,
    };
    this.roles.set(lower(name), r);
    return r;
  }

  getRole(name: string): Role {
    const r = this.roles.get(lower(name));
    if (!r) throw noSuchEntity(`The role with name ${name} cannot be found.`);
    return r;
  }

  // ---------- virtual MFA ----------
  createVirtualMfa(name: string, path = '/', tags: Tag[] = []): VirtualMfaDevice {
    const serialNumber = this.mfaArn(name, path);
    if ([...this.virtualMfas.values()].some((d) => lower(d.name) === lower(name)))
      throw alreadyExists('MFADevice entity at the same path and name already exists.');
    const d: VirtualMfaDevice = {
      serialNumber,
      name,
      path,
      base32Seed: newBase32Seed(),
      createDate: this.now(),
      lastUsedStep: -1,
      driftSteps: 0,
      tags,
      usableAt: 0,
    };
    this.virtualMfas.set(serialNumber, d);
    return d;
  }

  getVirtualMfa(serialNumber: string): VirtualMfaDevice {
    const d = this.virtualMfas.get(serialNumber);
    if (!d) throw noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`);
    return d;
  }

  alreadyInUse(): AwsError {
    return alreadyExists('MFA Device is already in use.');
  }

  assignMfa(userName: string, d: VirtualMfaDevice): void {
    const u = this.getUser(userName);
    if (d.userName) throw this.alreadyInUse();
    if (u.mfaSerials.length >= 8) throw limitExceeded('Cannot exceed quota for MFADevicesPerUser: 8');
    d.userName = u.userName;
    d.enableDate = this.now();
    d.usableAt = this.usableFromNow();
    u.mfaSerials.push(d.serialNumber);
  }

  deactivateMfa(userName: string, serialNumber: string): void {
    const u = this.getUser(userName);
    if (!u.mfaSerials.includes(serialNumber))
      throw noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist for user ${userName}.`);
    u.mfaSerials = u.mfaSerials.filter((s) => s !== serialNumber);
    const d = this.virtualMfas.get(serialNumber);
    if (d) {
      delete d.userName;
      delete d.enableDate;
    }
  }

  deleteVirtualMfa(serialNumber: string): void {
    const d = this.getVirtualMfa(serialNumber);
    if (d.userName) throw deleteConflict('MFA Device is in use.');
    this.virtualMfas.delete(serialNumber);
  }

  // ---------- sessions ----------
  createSession(principal: Principal, durationSeconds: number, mfa: boolean, source: Session['source']): Session {
    const now = this.now();
    const s: Session = {
      accessKeyId: newAccessKeyId('ASIA'),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiration: new Date(now.getTime() + durationSeconds * 1000),
      issuedAt: now,
      principal,
      mfaAuthenticated: mfa,
      ...(mfa ? { mfaAuthTime: now } : {}),
      source,
    };
    this.sessions.set(s.accessKeyId, s);
    return s;
  }

  noSuchInline(policyName: string, kind: 'user' | 'group' | 'role', entity: string): AwsError {
    void entity;
    return noSuchEntity(`The ${kind} policy with name ${policyName} cannot be found.`);
  }

  // ---------- account summary ----------
  summary(): Record<string, number> {
    const users = [...this.users.values()];
    const localPolicies = [...this.policies.values()].filter((p) => !p.awsManaged);
    const inUse = [...this.virtualMfas.values()].filter((d) => d.userName).length;
    return {
      Users: users.length,
      UsersQuota: 5000,
      Groups: this.groups.size,
      GroupsQuota: 300,
      GroupsPerUserQuota: 10,
      Roles: this.roles.size,
      RolesQuota: 1000,
      Policies: localPolicies.length,
      PoliciesQuota: 1500,
      PolicyVersionsInUse: [...this.policies.values()].reduce((n, p) => n + (this.attachmentCount(p.arn) ? p.versions.length : 0), 0),
      PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: 5,
      PolicySizeQuota: 6144,
      AttachedPoliciesPerUserQuota: 20,
      AttachedPoliciesPerGroupQuota: 20,
      AttachedPoliciesPerRoleQuota: 20,
      AccessKeysPerUserQuota: 2,
      MFADevices: this.virtualMfas.size,
      MFADevicesInUse: inUse,
      AccountMFAEnabled: this.rootFlags.mfaEnabled ? 1 : 0,
      AccountAccessKeysPresent: this.rootFlags.accessKeysPresent ? 1 : 0,
      AccountSigningCertificatesPresent: 0,
      ServerCertificates: 0,
      ServerCertificatesQuota: 20,
      InstanceProfiles: 0,
      InstanceProfilesQuota: 1000,
      Providers: 0,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      AssumeRolePolicySizeQuota: 2048,
      SigningCertificatesPerUserQuota: 2,
      GlobalEndpointTokenVersion: 1,
    };
  }
}
