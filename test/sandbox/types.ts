import type { FaultControl } from './faults';
import type { PasswordPolicy } from './password-policy';
import type { GuardSandbox } from './services/guard-sandbox';
import type { OrganizationSpec, OrganizationView } from './organizations';

export type { FaultControl, FaultSpec } from './faults';
export type { PasswordPolicy } from './password-policy';
export type { MemberSpec, OrganizationSpec, OrganizationView } from './organizations';

export interface SandboxOptions {
  port?: number;
  accountId?: string;
  accountAlias?: string | null;
  region?: string;
  /** ms since epoch, for clock tests; default Date.now */
  now?: () => number;
  /** How long GenerateCredentialReport takes before the report is ready (default 200 ms). */
  credentialReportDelayMs?: number;
}

export interface RequestLogEntry {
  time: Date;
  service: 'iam' | 'sts' | 'sso-oidc' | 'sso' | 'cloudtrail' | 'events' | 'sns' | 'ec2' | 's3' | 's3-control' | 'organizations' | 'unknown';
  action: string;
  status: number;
  errorCode?: string;
  /** user name, 'root', or 'Role/session' */
  caller?: string;
  /** The account the request acted in (the one its key or session belongs to). */
  account?: string;
}

export interface NewUserOptions {
  userName: string;
  password?: string;
  passwordResetRequired?: boolean;
  policies?: Array<{ name: string; document: object }>;
  attachEnforcementPolicy?: boolean;
  groups?: string[];
  tags?: Record<string, string>;
  path?: string;
  withAccessKey?: boolean;
  withMfa?: boolean;
  /**
   * The onboarding window (tag + inline expiry policy, as the app's provisioning writes them).
   * Default: open for 7 days when `attachEnforcementPolicy`, else closed. `false` = closed.
   */
  onboardingWindow?: false | { days?: number; expiresAt?: string };
}

export interface NewUserResult {
  userName: string;
  arn: string;
  password: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  mfa?: { serialNumber: string; base32Seed: string };
}

export interface InvitedUserOptions {
  userName: string;
  path?: string;
  groups?: string[];
  /** The invite's validity (the admin screen's 1–30 days); default 7. */
  validDays?: number;
  /** The window's end instead (may be in the past: an expired invite). */
  expiresAt?: string;
  /** Where the admin's app keeps its files and saves the invite (default: a temp folder). */
  home?: string;
}

export interface InvitedUserResult {
  userName: string;
  /** The invite's bootstrap key. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The temporary password (the invite's passphrase). */
  password: string;
  inviteFile: string;
  expiresAt: string;
}

export interface OnboardedUserOptions {
  userName: string;
  path?: string;
  /** "I need command-line access" on the finish screen. */
  keepCliAccess?: boolean;
  /** The employee's home: the AWS config files (.aws/) and the app's data (.iam-onboarding-assistant/) go there. */
  home?: string;
}

export interface OnboardedUserResult extends InvitedUserResult {
  newPassword: string;
  serialNumber: string;
  base32Seed: string;
  home: string;
  awsConfigFile: string;
  /** The AWS CLI profile written (keepCliAccess), else null. */
  profile: string | null;
  /** The key the user keeps for the command line (from the app's store; 'plain' outside Electron), else null. */
  kept: { accessKeyId: string; secretAccessKey: string } | null;
}

/** Several accounts: an AWS Organization whose management account is the sandbox's first account. */
export interface OrganizationScenarios {
  /**
   * Creates the organization and its member accounts (each with its own IAM state; CREATED ones with
   * OrganizationAccountAccessRole trusting the management account, as AWS makes them).
   */
  createOrganization(spec: OrganizationSpec): OrganizationView;
  /**
   * "These operations can occasionally return an empty set of results even when there are more results
   * available" (Organizations List* operations): on, every listing starts with an empty page and a NextToken.
   */
  setListingsStartEmpty(on: boolean): void;
}

/** One account of the sandbox, for assertions and scenarios in it. */
export interface SandboxAccount {
  accountId: string;
  state: SandboxState;
  scenario: Scenarios;
  guard: GuardSandbox;
}

/** Scenarios that run the app's own admin and wizard code (test/sandbox/app-scenarios.ts). */
export interface AppScenarios {
  invitedUser(o: InvitedUserOptions): Promise<InvitedUserResult>;
  onboardedUser(o: OnboardedUserOptions): Promise<OnboardedUserResult>;
}

export interface Scenarios {
  newUser(o: NewUserOptions): NewUserResult;
  setRootFlags(f: { mfaEnabled?: boolean; accessKeysPresent?: boolean }): void;
  setPasswordPolicy(p: Partial<PasswordPolicy> | null): void;
  createGroup(name: string, policyArns?: string[]): void;
  /** creates (or finds) a customer managed policy by name and returns its ARN */
  createPolicy(name: string, document: object, path?: string): string;
  /** moves an access key's CreateDate `days` into the past */
  ageAccessKey(accessKeyId: string, days: number): void;
  setAccessKeyLastUsed(accessKeyId: string, lastUsed: { date?: Date; serviceName?: string; region?: string } | null): void;
  setAccessKeyStatus(accessKeyId: string, status: 'Active' | 'Inactive'): void;
  /** a virtual MFA device, unassigned or assigned to `userName` (enabled without codes) */
  createVirtualMfaDevice(name: string, userName?: string): { serialNumber: string; base32Seed: string };
  /** the TOTP code of a device at server time + offsetSteps * 30 s */
  mfaCode(serialNumber: string, offsetSteps?: number): string;
  setAccountAlias(alias: string | null): void;
  /**
   * Moves a user's whole history `days` into the past (creation, password, keys, devices, sign-ins):
   * "invited N days ago". What happens next (a password change, a key use) happens now.
   */
  backdateUser(userName: string, days: number): void;
  /** Moves the last credential report `hours` into the past (4 hours: it has expired, a new one may be generated). */
  ageCredentialReport(hours: number): void;
  /** How long the next report takes to generate. */
  setCredentialReportDelayMs(ms: number): void;
  /** Opens onboarding for a user as the app does: the inline expiry policy, then the window tag. */
  openOnboardingWindow(userName: string, expiresAt: string): void;
  /** Removes the window tag (what the wizard does with an MFA session). */
  closeOnboardingWindow(userName: string): void;
}

export interface UserView {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  tags: Record<string, string>;
  groups: string[];
  attachedPolicyArns: string[];
  inlinePolicyNames: string[];
}

export interface SandboxState {
  getUser(name: string): UserView | undefined;
  listUsers(): UserView[];
  getLoginProfile(name: string): { passwordResetRequired: boolean; createDate: Date } | undefined;
  checkPassword(name: string, password: string): boolean;
  listAccessKeys(name: string): Array<{ accessKeyId: string; status: 'Active' | 'Inactive'; createDate: Date; lastUsedDate?: Date }>;
  listMfaDevices(name: string): Array<{ serialNumber: string; enableDate: Date }>;
  listVirtualMfaDevices(): Array<{ serialNumber: string; userName?: string }>;
  getVirtualMfaSeed(serialNumber: string): string | undefined;
  listAttachedUserPolicies(name: string): Array<{ policyName: string; policyArn: string }>;
  listUserPolicies(name: string): Array<{ policyName: string; document: unknown }>;
  listGroupsForUser(name: string): string[];
  getGroup(name: string): { groupName: string; arn: string; members: string[]; attachedPolicyArns: string[] } | undefined;
  listGroups(): string[];
  getPolicy(arn: string):
    | { arn: string; policyName: string; path: string; description?: string; defaultVersionId: string; attachmentCount: number }
    | undefined;
  findPolicyByName(name: string): { arn: string } | undefined;
  getPolicyVersions(arn: string): Array<{ versionId: string; isDefaultVersion: boolean; document: unknown; createDate: Date }>;
  getAccountPasswordPolicy(): PasswordPolicy | undefined;
  getAccountSummary(): Record<string, number>;
  getRootFlags(): { mfaEnabled: boolean; accessKeysPresent: boolean };
  getAccountAlias(): string | null;
  /** live sessions (from GetSessionToken / AssumeRole / SSO) */
  listSessions(): Array<{ accessKeyId: string; principal: string; mfaAuthenticated: boolean; expiration: Date }>;
}

export interface Sandbox {
  url: string;
  port: number;
  accountId: string;
  region: string;
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
  env: Record<string, string>;
  /** Scenarios in the first account (the management account once there is an organization). */
  scenario: Scenarios & AppScenarios & OrganizationScenarios;
  /** Any account by id (the first included); throws for an unknown one. */
  account(accountId: string): SandboxAccount;
  /** Every account id, the first first. */
  accountIds(): string[];
  organization(): OrganizationView | null;
  faults: FaultControl;
  requestLog: RequestLogEntry[];
  state: SandboxState;
  sso: { approve(userCode: string, account?: { accountId: string; roleName: string }): void; deny(userCode: string): void };
  setClockSkewMs(ms: number): void;
  /**
   * Eventual consistency, switchable (0 = off): keys, passwords and MFA assignments made from now
   * on become usable only `ms` later (a fresh key answers InvalidClientTokenId meanwhile).
   */
  setConsistencyDelayMs(ms: number): void;
  /** CloudTrail, EventBridge, SNS, S3, S3 Control, EC2: simulated root events, deliveries, scenarios, state. */
  guard: GuardSandbox;
  stop(): Promise<void>;
}
