/**
 * The provisioning steps, each with its undo: five calls per user, the fewest the job allows —
 * CreateUser (with the onboarding window's tag), PutUserPolicy (the invite's expiry), the MFA
 * policy (AttachUserPolicy, or joining the group that has it), CreateLoginProfile, CreateAccessKey.
 * No credential exists before the expiry and the enforcement policy are in force, and the tag
 * alone grants nothing (it only lifts a Deny of the enforcement policy).
 * Every step is safe to run again after a failure part-way (an answer lost on a dropped
 * connection, a 5xx): it finds what an earlier attempt of the same run left and finishes the job
 * instead of failing or doubling it. Throttling is AWS refusing to run a call, so it leaves
 * nothing to find and costs no extra call.
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetAccountPasswordPolicyCommand,
  GetPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  RemoveUserFromGroupCommand,
  UpdateLoginProfileCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import type { CreateUserInput, ProvisionStep, ProvisionStepKind } from '../../../src/shared/ipc/channels/admin-users';
import { ENFORCEMENT_POLICY_NAME } from '../../../src/shared/mfa-policy/enforcement-policy';
import { generateTemporaryPassword } from '../../../src/shared/password-policy/generate-password';
import { fromSdkPolicy, type PasswordPolicy } from '../../../src/shared/password-policy/password-policy';
import { earlierAttemptMayHaveRun } from '../../aws/ambiguous-attempts';
import { isAwsError } from '../../aws/aws-error';
import type { ActionTagged } from '../iam-call';
import { openOnboardingWindow, putInviteExpiry, removeInviteExpiry, windowExpiry, windowTag } from '../onboarding-window';
import type { IamSender } from './list-groups';

/** What a step did to the account: nothing, something for sure, or perhaps (answer lost). */
export type Effect = 'none' | 'maybe' | 'yes';

export interface StepRecord {
  id: string;
  kind: ProvisionStepKind;
  group?: string;
  status: ProvisionStep['status'];
  error?: ProvisionStep['error'];
  /** What the step's attempts so far did ('maybe' after a lost answer or a 5xx, never after throttling). */
  effect: Effect;
  /** attachPolicy via a group: was the policy on the group before this run? Asked once. */
  policyWasOnGroup?: boolean;
}

/** Secrets of one run, only in main-process memory (with the non-secret facts the invite needs). */
export interface RunSecrets {
  password: string | null;
  secretAccessKey: string | null;
  accessKeyId: string | null;
  /**
   * When the onboarding window (and so the invite) ends: chosen once, before the first CreateUser
   * (its tag carries it), and kept by every retry and resume so tag, policy and invite agree.
   */
  expiresAt?: string | null;
}

export interface StepContext {
  iam: IamSender;
  input: CreateUserInput;
  policyArn: string;
  secrets: RunSecrets;
  /** A bulk run's memo: work that is the run's (the MFA policy on a group) is done once for all its users. */
  memo?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /** AWS's clock (the expiry is compared with aws:CurrentTime). */
  nowMs: () => number;
}

export function planSteps(input: CreateUserInput): StepRecord[] {
  const step = (kind: ProvisionStepKind, group?: string): StepRecord => ({
    id: group ? `${kind}:${group}` : kind,
    kind,
    ...(group ? { group } : {}),
    status: 'pending',
    effect: 'none',
  });
  const via = input.attachPolicyTo.kind === 'group' ? input.attachPolicyTo.groupName : undefined;
  // The user is born with the window's tag and gets its end right after; then enforcement before
  // any privilege (the policy, or its group joined first, before the other groups); credentials last.
  const groups = via ? [via, ...input.groups.filter((g) => g !== via)] : input.groups;
  return [
    step('createUser'),
    step('inviteExpiry'),
    step('attachPolicy', via),
    ...groups.map((g) => step('addToGroup', g)),
    step('createLoginProfile'),
    step('createAccessKey'),
  ];
}

/** The window's end, chosen at the first attempt and kept after (the bulk runner journals it before CreateUser). */
export function chooseExpiry(ctx: Pick<StepContext, 'secrets' | 'nowMs' | 'input'>): string {
  ctx.secrets.expiresAt ??= windowExpiry(ctx.nowMs(), ctx.input.inviteValidDays);
  return ctx.secrets.expiresAt;
}

/** Runs one step; returns what it did. Throws an AppError (or an AWS error) on failure. */
export async function doStep(step: StepRecord, ctx: StepContext): Promise<Effect> {
  switch (step.kind) {
    case 'createUser':
      return createUser(step, ctx);
    case 'createLoginProfile':
      return createLoginProfile(ctx);
    case 'attachPolicy':
      return attachPolicy(step, ctx);
    case 'addToGroup':
      await guard('iam:AddUserToGroup', () => ctx.iam.send(new AddUserToGroupCommand({ GroupName: step.group!, UserName: ctx.input.userName })), step.group);
      return 'yes';
    case 'createAccessKey':
      return createAccessKey(step, ctx);
    case 'inviteExpiry': {
      const { expiresAt } = ctx.secrets;
      // The date the tag carries. Unknown only if the run lost it (a journal without it): then the
      // window is opened afresh, policy then tag, so both state the same new date.
      if (expiresAt) await guardWindow(() => putInviteExpiry(ctx.iam, ctx.input.userName, expiresAt));
      else await guardWindow(() => openOnboardingWindow(ctx.iam, ctx.input.userName, chooseExpiry(ctx)));
      return 'yes';
    }
  }
}

/** Reverses one step. Something already gone counts as undone. */
export async function undoStep(step: StepRecord, ctx: StepContext): Promise<void> {
  const UserName = ctx.input.userName;
  const gone = (e: unknown) => {
    if (!isAwsError(e, 'NoSuchEntity')) throw e;
  };
  switch (step.kind) {
    case 'inviteExpiry':
      await guardWindow(() => removeInviteExpiry(ctx.iam, UserName));
      return;
    case 'createAccessKey':
      // The user is this run's, so every key on it is too (including one whose answer was lost).
      for (const k of await listKeys(ctx.iam, UserName).catch((e: unknown) => (gone(e), []))) {
        await guard('iam:DeleteAccessKey', () => ctx.iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k }))).catch(gone);
      }
      return;
    case 'addToGroup':
      await guard('iam:RemoveUserFromGroup', () => ctx.iam.send(new RemoveUserFromGroupCommand({ GroupName: step.group!, UserName }))).catch(gone);
      return;
    case 'attachPolicy':
      if (step.group) {
        // Only a policy this run put on the group; unknown (the check itself failed) counts as not ours.
        if (step.policyWasOnGroup !== false) return;
        await guard('iam:DetachGroupPolicy', () => ctx.iam.send(new DetachGroupPolicyCommand({ GroupName: step.group!, PolicyArn: ctx.policyArn }))).catch(gone);
      } else {
        await guard('iam:DetachUserPolicy', () => ctx.iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn: ctx.policyArn }))).catch(gone);
      }
      return;
    case 'createLoginProfile':
      await guard('iam:DeleteLoginProfile', () => ctx.iam.send(new DeleteLoginProfileCommand({ UserName }))).catch(gone);
      return;
    case 'createUser':
      // Only when sure the user is this run's: a lost answer to CreateUser may hide someone else's user.
      // Its tags go with it; the expiry policy was the inviteExpiry step's to remove.
      if (step.effect === 'maybe' && !(await isThisRunsUser(ctx))) return;
      await guard('iam:DeleteUser', () => ctx.iam.send(new DeleteUserCommand({ UserName }))).catch(gone);
      return;
  }
}

/**
 * CreateUser with the window's tag among its Tags: all of them or no user ("If any one of the tags
 * is invalid … the entire request fails and the resource is not created", IAM API reference,
 * CreateUser). The user has no credential yet, so the open window lets nobody do anything.
 */
async function createUser(step: StepRecord, ctx: StepContext): Promise<Effect> {
  const { userName, path } = ctx.input;
  try {
    await guard('iam:CreateUser', () =>
      ctx.iam.send(new CreateUserCommand({ UserName: userName, ...(path ? { Path: path } : {}), Tags: userTags(ctx, chooseExpiry(ctx)) })),
    );
    return 'yes';
  } catch (e) {
    if (!isAwsError(e, 'EntityAlreadyExists')) throw e;
    // An earlier attempt of this run (or the SDK's own retry of this call) created it and the
    // answer was lost: it is ours, move on.
    if ((step.effect === 'maybe' || earlierAttemptMayHaveRun(e)) && (await isThisRunsUser(ctx))) return 'yes';
    throw new AppError('adminUsers.userExists', { userName });
  }
}

/** The admin's tags and the window's (its value the expiry, to the second). */
const userTags = (ctx: StepContext, expiresAt: string): Tag[] => [...ctx.input.tags.map((t) => ({ Key: t.key, Value: t.value })), windowTag(expiresAt)];

/**
 * The name was free when the run started; a user now there with exactly our path and tags —
 * the window's tag with the expiry this run chose, to the second — is ours.
 */
async function isThisRunsUser(ctx: StepContext): Promise<boolean> {
  try {
    const { User } = await guard('iam:GetUser', () => ctx.iam.send(new GetUserCommand({ UserName: ctx.input.userName })));
    return (User?.Path ?? '/') === (ctx.input.path ?? '/') && sameTags(User?.Tags ?? [], ctx);
  } catch (e) {
    if (isAwsError(e, 'NoSuchEntity')) return false;
    throw e;
  }
}

function sameTags(actual: Tag[], ctx: StepContext): boolean {
  const { expiresAt } = ctx.secrets;
  // The date is chosen before the first CreateUser, so a run that sent one always knows it.
  if (!expiresAt) return false;
  const wanted = userTags(ctx, expiresAt);
  return actual.length === wanted.length && wanted.every((w) => actual.some((a) => a.Key === w.Key && a.Value === w.Value));
}

async function createLoginProfile(ctx: StepContext): Promise<Effect> {
  const UserName = ctx.input.userName;
  // A fresh password on every attempt: none has been shown yet, and the account policy may have changed.
  const Password = generateTemporaryPassword(await accountPasswordPolicy(ctx.iam));
  ctx.secrets.password = Password;
  try {
    await guard('iam:CreateLoginProfile', () => ctx.iam.send(new CreateLoginProfileCommand({ UserName, Password, PasswordResetRequired: true })));
  } catch (e) {
    if (!isAwsError(e, 'EntityAlreadyExists')) throw e;
    // The user is this run's, so the profile is an earlier attempt's: set the password we hold.
    await guard('iam:UpdateLoginProfile', () => ctx.iam.send(new UpdateLoginProfileCommand({ UserName, Password, PasswordResetRequired: true })));
  }
  return 'yes';
}

/** The account policy, or AWS's default rules when none is set or we may not read it. */
async function accountPasswordPolicy(iam: IamSender): Promise<PasswordPolicy | 'awsDefault'> {
  try {
    const r = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return r.PasswordPolicy ? fromSdkPolicy(r.PasswordPolicy) : 'awsDefault';
  } catch (e) {
    // Generated passwords are >= 20 characters with all four classes, so they pass nearly any policy.
    if (isAwsError(e, 'NoSuchEntity') || isAwsError(e, 'AccessDenied')) return 'awsDefault';
    throw e;
  }
}

async function attachPolicy(step: StepRecord, ctx: StepContext): Promise<Effect> {
  const PolicyArn = ctx.policyArn;
  try {
    await ctx.iam.send(new GetPolicyCommand({ PolicyArn }));
  } catch (e) {
    if (isAwsError(e, 'NoSuchEntity')) throw new AppError('adminUsers.policyMissing', { policyName: ENFORCEMENT_POLICY_NAME });
    // Without iam:GetPolicy the attach call itself tells us.
    if (!isAwsError(e, 'AccessDenied')) throw e;
  }
  if (!step.group) {
    try {
      await guard('iam:AttachUserPolicy', () => ctx.iam.send(new AttachUserPolicyCommand({ UserName: ctx.input.userName, PolicyArn })));
    } catch (e) {
      if (isAwsError(e, 'NoSuchEntity')) throw new AppError('adminUsers.policyMissing', { policyName: ENFORCEMENT_POLICY_NAME });
      throw e;
    }
    return 'yes';
  }
  const GroupName = step.group;
  if (ctx.memo) {
    // A bulk run: the group gets the policy once, for every user of the run (no undo there).
    const was = await ctx.memo(`groupPolicy:${GroupName}`, async () => {
      const on = await groupHasPolicy(ctx.iam, GroupName, PolicyArn);
      if (!on) await guard('iam:AttachGroupPolicy', () => ctx.iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })), GroupName);
      return on;
    });
    return was ? 'none' : 'yes';
  }
  // Undo must not detach a policy the group already had: ask once, before the first attach.
  step.policyWasOnGroup ??= await groupHasPolicy(ctx.iam, GroupName, PolicyArn);
  if (step.policyWasOnGroup) return 'none';
  await guard('iam:AttachGroupPolicy', () => ctx.iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn })), GroupName);
  return 'yes';
}

async function groupHasPolicy(iam: IamSender, GroupName: string, arn: string): Promise<boolean> {
  let Marker: string | undefined;
  do {
    const r = await guard('iam:ListAttachedGroupPolicies', () => iam.send(new ListAttachedGroupPoliciesCommand({ GroupName, ...(Marker ? { Marker } : {}) })), GroupName);
    if ((r.AttachedPolicies ?? []).some((p) => p.PolicyArn === arn)) return true;
    Marker = r.IsTruncated ? r.Marker : undefined;
  } while (Marker);
  return false;
}

async function createAccessKey(step: StepRecord, ctx: StepContext): Promise<Effect> {
  const UserName = ctx.input.userName;
  if (step.effect !== 'none') {
    // An earlier attempt may have created a key whose secret never reached us (a lost answer, a
    // 5xx, a crash; or the run made a key whose secret is gone): remove it, so the user ends with
    // exactly one key, the one in the invite. Not after throttling: AWS ran nothing.
    for (const k of await listKeys(ctx.iam, UserName)) {
      await guard('iam:DeleteAccessKey', () => ctx.iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k })));
    }
  }
  const out = await guard('iam:CreateAccessKey', () => ctx.iam.send(new CreateAccessKeyCommand({ UserName })));
  const { AccessKey } = out;
  if (!AccessKey?.AccessKeyId || !AccessKey.SecretAccessKey) throw new AppError('adminUsers.noKeyReturned');
  if (earlierAttemptMayHaveRun(out)) {
    // The SDK retried after a lost answer or a 5xx: that attempt's key may exist without its secret.
    for (const k of await listKeys(ctx.iam, UserName)) {
      if (k !== AccessKey.AccessKeyId) await guard('iam:DeleteAccessKey', () => ctx.iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k })));
    }
  }
  ctx.secrets.accessKeyId = AccessKey.AccessKeyId;
  ctx.secrets.secretAccessKey = AccessKey.SecretAccessKey;
  return 'yes';
}

async function listKeys(iam: IamSender, UserName: string): Promise<string[]> {
  const r = await guard('iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({ UserName })));
  return (r.AccessKeyMetadata ?? []).map((k) => k.AccessKeyId).filter((k): k is string => !!k);
}

/** The window's calls are tagged with their action: AccessDenied names it like guard() does. */
async function guardWindow(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    const action = (e as ActionTagged).$action;
    if (action && isAwsError(e, 'AccessDenied')) throw new AppError('adminUsers.accessDenied', { action }, { cause: e });
    throw e;
  }
}

/**
 * Runs one call and names the failure for the admin: AccessDenied says which permission is
 * missing; NoSuchEntity on a group call says the group is gone.
 */
async function guard<T>(action: string, call: () => Promise<T>, group?: string): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isAwsError(e, 'AccessDenied')) throw new AppError('adminUsers.accessDenied', { action }, { cause: e });
    if (group && isAwsError(e, 'NoSuchEntity')) throw new AppError('adminUsers.groupVanished', { group }, { cause: e });
    throw e;
  }
}
