import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  ListGroupsCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import {
  buildEnforcementPolicy,
  canonicalPolicyJson,
  ENFORCEMENT_POLICY_DESCRIPTION,
  ENFORCEMENT_POLICY_NAME,
} from '../../../src/shared/mfa-policy/enforcement-policy';
import { WINDOW_CONDITION_KEY } from '../../../src/shared/mfa-policy/onboarding-window';
import type { AccountScope } from '../admin-session';
import { tagAction, type ActionTagged } from '../iam-call';
import { awsErrorName } from '../../aws/aws-error';
import { attachPolicyToGroup, type AttachToGroupOptions } from './attach-to-group';
import { enforcementPolicyArn, partitionOf } from './enforcement-policy-arn';
import { findSignInBlockers } from './policy-blockers';
import { listVersions, MAX_POLICY_VERSIONS, oldestNonDefault, readPolicyState } from './policy-state';

const pretty = (doc: unknown) => JSON.stringify(JSON.parse(canonicalPolicyJson(doc)), null, 2);

/** What a user without MFA can and cannot do under the policy (the two-column table). */
export const SIMULATED_ACTIONS = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'sts:GetSessionToken',
  's3:ListAllMyBuckets',
  'iam:CreateUser',
  'iam:DeleteAccessKey',
  'ec2:DescribeInstances',
] as const;

const SAMPLE_USER = 'new.user';

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export class EnforcementPolicyService {
  /** The session (whatever account it is in) or one account's scope (a readiness-matrix fix). */
  constructor(private readonly session: Pick<AccountScope, 'requireIdentity' | 'iam'>) {}

  private where() {
    const id = this.session.requireIdentity();
    const partition = partitionOf(id.arn);
    return { iam: this.session.iam(), partition, arn: enforcementPolicyArn(id.accountId, partition), accountId: id.accountId };
  }

  async status() {
    const { iam, partition, arn } = this.where();
    const s = await readPolicyState(iam, arn, partition);
    const versions = s.state === 'missing' ? [] : await listVersions(iam, arn);
    let blockers: Awaited<ReturnType<typeof findSignInBlockers>> = [];
    let blockersUnknown: string | null = null;
    try {
      blockers = await findSignInBlockers(iam);
    } catch (error) {
      blockersUnknown = (error as ActionTagged).$action ?? awsErrorName(error);
    }
    return {
      arn,
      state: s.state,
      defaultVersionId: s.defaultVersionId,
      versionCount: versions.length,
      versionToDelete: versions.length >= MAX_POLICY_VERSIONS ? oldestNonDefault(versions) : null,
      currentJson: s.currentDocument ? pretty(s.currentDocument) : null,
      targetJson: pretty(buildEnforcementPolicy(partition)),
      blockers,
      blockersUnknown,
    };
  }

  /** Creates the policy, or adds a new default version (deleting the oldest non-default one only with consent). */
  async apply(deleteVersionId: string | undefined) {
    const { iam, partition, arn } = this.where();
    const document = JSON.stringify(buildEnforcementPolicy(partition));
    const s = await readPolicyState(iam, arn, partition);
    if (s.state === 'missing') {
      const out = await tagAction(
        'iam:CreatePolicy',
        iam.send(new CreatePolicyCommand({ PolicyName: ENFORCEMENT_POLICY_NAME, Path: '/', PolicyDocument: document, Description: ENFORCEMENT_POLICY_DESCRIPTION })),
      );
      return { arn: out.Policy?.Arn ?? arn, versionId: out.Policy?.DefaultVersionId ?? 'v1', deletedVersionId: null };
    }
    if (s.state === 'current') return { arn, versionId: s.defaultVersionId ?? '', deletedVersionId: null };
    const versions = await listVersions(iam, arn);
    let deleted: string | null = null;
    if (versions.length >= MAX_POLICY_VERSIONS) {
      const oldest = oldestNonDefault(versions);
      if (!oldest || deleteVersionId !== oldest) throw new AppError('admin.policyVersionLimit', { versionId: oldest ?? '' });
      await tagAction('iam:DeletePolicyVersion', iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest })));
      deleted = oldest;
    }
    const out = await tagAction(
      'iam:CreatePolicyVersion',
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: document, SetAsDefault: true })),
    );
    return { arn, versionId: out.PolicyVersion?.VersionId ?? '', deletedVersionId: deleted };
  }

  /** iam:SimulateCustomPolicy with aws:MultiFactorAuthPresent false vs true, for a sample new user. */
  async simulate() {
    const { iam, partition, accountId } = this.where();
    const doc = JSON.stringify(buildEnforcementPolicy(partition));
    const userArn = `arn:${partition}:iam::${accountId}:user/${SAMPLE_USER}`;
    const resourceOf = (action: string) =>
      action === 'iam:CreateVirtualMFADevice' ? `arn:${partition}:iam::${accountId}:mfa/${SAMPLE_USER}`
      : action.startsWith('iam:') ? userArn
      : '*';
    const run = async (mfa: boolean, onboarding = false) => {
      const decisions = new Map<string, Decision>();
      const byResource = new Map<string, string[]>();
      for (const a of SIMULATED_ACTIONS) byResource.set(resourceOf(a), [...(byResource.get(resourceOf(a)) ?? []), a]);
      for (const [resource, actions] of byResource) {
        const out = await tagAction(
          'iam:SimulateCustomPolicy',
          iam.send(
            new SimulateCustomPolicyCommand({
              PolicyInputList: [doc],
              ActionNames: actions,
              ResourceArns: [resource],
              CallerArn: userArn,
              ContextEntries: [
                { ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean', ContextKeyValues: [String(mfa)] },
                { ContextKeyName: 'aws:username', ContextKeyType: 'string', ContextKeyValues: [SAMPLE_USER] },
                // While the admin has onboarding open the user carries the window tag.
                ...(onboarding ? [{ ContextKeyName: WINDOW_CONDITION_KEY, ContextKeyType: 'string' as const, ContextKeyValues: ['2099-01-01T00:00:00Z'] }] : []),
              ],
            }),
          ),
        );
        for (const r of out.EvaluationResults ?? []) decisions.set(r.EvalActionName ?? '', (r.EvalDecision as Decision) ?? 'implicitDeny');
      }
      return decisions;
    };
    const [onboarding, without, withMfa] = [await run(false, true), await run(false), await run(true)];
    return {
      rows: SIMULATED_ACTIONS.map((action) => ({
        action,
        withoutMfaOnboarding: onboarding.get(action) ?? 'implicitDeny',
        withoutMfa: without.get(action) ?? 'implicitDeny',
        withMfa: withMfa.get(action) ?? 'implicitDeny',
      })),
    };
  }

  async listGroups(): Promise<string[]> {
    const out = await tagAction('iam:ListGroups', this.session.iam().send(new ListGroupsCommand({ MaxItems: 1000 })));
    return (out.Groups ?? []).map((g) => g.GroupName ?? '').filter(Boolean).sort();
  }

  async attachToGroup(groupName: string, o: Omit<AttachToGroupOptions, 'callerArn'>) {
    const { iam, arn } = this.where();
    return attachPolicyToGroup(iam, arn, groupName, { ...o, callerArn: this.session.requireIdentity().arn });
  }
}
