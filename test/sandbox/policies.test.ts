import {
  AttachUserPolicyCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateUserCommand, DeletePolicyCommand,
  DeletePolicyVersionCommand, DeleteUserPolicyCommand, DetachUserPolicyCommand, GetPolicyCommand, GetPolicyVersionCommand,
  GetUserPolicyCommand, ListEntitiesForPolicyCommand, ListPoliciesCommand, ListPolicyVersionsCommand, ListUserPoliciesCommand,
  PutGroupPolicyCommand, CreateGroupCommand, PutUserPolicyCommand, SetDefaultPolicyVersionCommand, SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient } from './test-helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());

const doc = (actions: string[], effect = 'Allow') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: actions, Resource: '*' }] });

describe('managed policies', () => {
  it('create, versions (max 5, default), URL-encoded documents, list, entities, delete', async () => {
    const iam = iamClient(sb);
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'Readers', PolicyDocument: doc(['iam:Get*']), Description: 'read' }));
    const arn = created.Policy?.Arn as string;
    expect(arn).toBe(`arn:aws:iam::${sb.accountId}:policy/Readers`);
    expect(created.Policy).toMatchObject({ DefaultVersionId: 'v1', AttachmentCount: 0, IsAttachable: true });
    expect((await awsError(iam.send(new CreatePolicyCommand({ PolicyName: 'Readers', PolicyDocument: doc(['iam:Get*']) })))).name).toBe(
      'EntityAlreadyExistsException',
    );
    const v1 = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(v1.PolicyVersion?.Document).toBe(encodeURIComponent(doc(['iam:Get*'])));
    expect(JSON.parse(decodeURIComponent(v1.PolicyVersion?.Document as string))).toEqual(JSON.parse(doc(['iam:Get*'])));
    for (let i = 2; i <= 5; i++)
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc([`iam:List${i}*`]), SetAsDefault: i === 3 }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v3');
    expect(await awsError(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(['iam:X*']) })))).toMatchObject({
      name: 'LimitExceededException',
      status: 409,
    });
    expect((await awsError(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })))).name).toBe('DeleteConflictException');
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
    expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', true],
      ['v4', false],
      ['v3', false],
      ['v2', false],
    ]);
    const local = (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? [];
    expect(local.map((p) => p.PolicyName)).toEqual(['Readers']);
    const awsManaged = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }))).Policies ?? [];
    expect(awsManaged.map((p) => p.PolicyName)).toContain('AdministratorAccess');
    expect(awsManaged.map((p) => p.PolicyName)).toContain('IAMUserChangePassword');
    await iam.send(new CreateUserCommand({ UserName: 'pat' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'pat', PolicyArn: arn }));
    expect((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))).PolicyUsers?.map((u) => u.UserName)).toEqual(['pat']);
    expect((await awsError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).name).toBe('DeleteConflictException');
    await iam.send(new DetachUserPolicyCommand({ UserName: 'pat', PolicyArn: arn }));
    expect((await awsError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })))).message).toMatch(/more than one version/);
    for (const v of ['v2', 'v3', 'v4']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    expect(sb.state.getPolicy(arn)).toBeUndefined();
    expect((await awsError(iam.send(new GetPolicyCommand({ PolicyArn: arn })))).name).toBe('NoSuchEntityException');
  });

  it('rejects malformed documents with MalformedPolicyDocument and leaves state unchanged', async () => {
    const iam = iamClient(sb);
    const before = sb.state.getPolicy(`arn:aws:iam::${sb.accountId}:policy/Bad`);
    expect(await awsError(iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: '{not json' })))).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      status: 400,
    });
    const badEffect = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] });
    expect((await awsError(iam.send(new CreatePolicyCommand({ PolicyName: 'Bad', PolicyDocument: badEffect })))).name).toBe(
      'MalformedPolicyDocumentException',
    );
    expect(sb.state.getPolicy(`arn:aws:iam::${sb.accountId}:policy/Bad`)).toEqual(before);
  });
});

describe('inline policies', () => {
  it('put, get (URL-encoded), list, delete for users; put for groups', async () => {
    const iam = iamClient(sb);
    await iam.send(new CreateUserCommand({ UserName: 'ivy' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ivy', PolicyName: 'inline1', PolicyDocument: doc(['iam:ListUsers']) }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'ivy', PolicyName: 'inline1' }));
    expect(decodeURIComponent(got.PolicyDocument as string)).toBe(doc(['iam:ListUsers']));
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'ivy' }))).PolicyNames).toEqual(['inline1']);
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'ivy', PolicyName: 'inline1' }));
    expect((await awsError(iam.send(new GetUserPolicyCommand({ UserName: 'ivy', PolicyName: 'inline1' })))).name).toBe('NoSuchEntityException');
    await iam.send(new CreateGroupCommand({ GroupName: 'g1' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'g1', PolicyName: 'gp', PolicyDocument: doc(['iam:ListGroups']) }));
  });
});

describe('policy simulation', () => {
  it('SimulateCustomPolicy: allowed / explicitDeny / implicitDeny with matched statements and context entries', async () => {
    const iam = iamClient(sb);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
        { Sid: 'D', Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ],
    });
    const res = await iam.send(
      new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['iam:ListUsers', 'iam:DeleteUser', 's3:ListAllMyBuckets'] }),
    );
    expect(res.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['iam:ListUsers', 'allowed'],
      ['iam:DeleteUser', 'explicitDeny'],
      ['s3:ListAllMyBuckets', 'implicitDeny'],
    ]);
    expect(res.EvaluationResults?.[1]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('PolicyInputList.1');
    const withMfa = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [policy],
        ActionNames: ['iam:DeleteUser'],
        ContextEntries: [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }],
      }),
    );
    expect(withMfa.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });

  it('SimulatePrincipalPolicy uses the user, group and managed policies', async () => {
    const iam = iamClient(sb);
    const u = sb.scenario.newUser({ userName: 'sim-user', groups: ['readers'] });
    sb.scenario.createGroup('readers', ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    const res = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: u.arn, ActionNames: ['iam:GetUser', 'iam:CreateUser'] }),
    );
    expect(res.EvaluationResults?.map((r) => r.EvalDecision)).toEqual(['allowed', 'implicitDeny']);
    expect(res.EvaluationResults?.[0]?.MatchedStatements?.[0]).toMatchObject({ SourcePolicyId: 'ReadOnlyAccess', SourcePolicyType: 'aws-managed' });
  });
});
