import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachUserPolicyCommand, ChangePasswordCommand, CreateAccessKeyCommand,
  CreateGroupCommand, CreateLoginProfileCommand, CreateUserCommand, DeleteAccessKeyCommand, DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand, DeleteUserCommand,
  DeleteUserPolicyCommand, DetachUserPolicyCommand, GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, GetGroupCommand, GetLoginProfileCommand,
  GetUserCommand, ListAccessKeysCommand, ListAccountAliasesCommand, ListAttachedGroupPoliciesCommand, ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand, ListUserTagsCommand, ListUsersCommand, RemoveUserFromGroupCommand, TagUserCommand,
  UpdateAccessKeyCommand, UpdateAccountPasswordPolicyCommand, UpdateLoginProfileCommand, paginateListUsers,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { INVITE_EXPIRY_POLICY_NAME } from '../../src/shared/mfa-policy/onboarding-window';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, stsClient } from './test-helpers';
import { fakeAccessKeyId } from '../support/fake-keys';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ accountAlias: 'sandbox-co' });
});
afterAll(() => sb.stop());

describe('users', () => {
  it('creates, gets, tags, lists with pagination and deletes users', async () => {
    const iam = iamClient(sb);
    const created = await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'core' }] }));
    expect(created.User).toMatchObject({ UserName: 'alice', Path: '/eng/', Arn: `arn:aws:iam::${sb.accountId}:user/eng/alice` });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'ALICE' })))).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'cost', Value: '42' }] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([
      { Key: 'team', Value: 'core' },
      { Key: 'cost', Value: '42' },
    ]);
    expect((await iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.Tags).toHaveLength(2);
    expect(await awsError(iam.send(new GetUserCommand({ UserName: 'nobody' })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    for (let i = 0; i < 7; i++) await iam.send(new CreateUserCommand({ UserName: `page-${i}` }));
    const first = await iam.send(new ListUsersCommand({ MaxItems: 3 }));
    expect(first.Users).toHaveLength(3);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
    const all: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 4 }, {})) all.push(...(page.Users ?? []).map((u) => u.UserName as string));
    expect(all).toHaveLength(sb.state.listUsers().length);
    expect(new Set(all).size).toBe(all.length);
    expect((await iam.send(new ListUsersCommand({ PathPrefix: '/eng/' }))).Users?.map((u) => u.UserName)).toEqual(['alice']);
    await iam.send(new DeleteUserCommand({ UserName: 'page-0' }));
    expect(sb.state.getUser('page-0')).toBeUndefined();
  });

  it('GetUser without a name returns the caller; names are validated', async () => {
    const iam = iamClient(sb);
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('admin');
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'bad name' })))).toMatchObject({ name: 'ValidationError', status: 400 });
  });

  it('DeleteUser answers DeleteConflict while the user has credentials, groups or policies', async () => {
    const iam = iamClient(sb);
    const u = sb.scenario.newUser({ userName: 'carol', groups: ['devs'], attachEnforcementPolicy: true });
    const conflict = async () => awsError(iam.send(new DeleteUserCommand({ UserName: 'carol' })));
    expect(await conflict()).toMatchObject({ name: 'DeleteConflictException', status: 409 });
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'carol' }));
    expect((await conflict()).name).toBe('DeleteConflictException');
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'carol', AccessKeyId: u.accessKeyId }));
    expect((await conflict()).name).toBe('DeleteConflictException');
    const arn = sb.state.listAttachedUserPolicies('carol')[0]?.policyArn as string;
    await iam.send(new DetachUserPolicyCommand({ UserName: 'carol', PolicyArn: arn }));
    expect((await conflict()).name).toBe('DeleteConflictException');
    await iam.send(new RemoveUserFromGroupCommand({ UserName: 'carol', GroupName: 'devs' }));
    // newUser opened onboarding: the inline expiry policy blocks the delete too
    expect((await conflict()).message).toBe('Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'carol', PolicyName: INVITE_EXPIRY_POLICY_NAME }));
    await iam.send(new DeleteUserCommand({ UserName: 'carol' }));
    expect(sb.state.getUser('carol')).toBeUndefined();
  });
});

describe('login profiles and passwords', () => {
  it('creates, reads, updates and deletes login profiles', async () => {
    const iam = iamClient(sb);
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
    expect(await awsError(iam.send(new GetLoginProfileCommand({ UserName: 'dave' })))).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
    const lp = await iam.send(new CreateLoginProfileCommand({ UserName: 'dave', Password: 'Temp-Passw0rd!', PasswordResetRequired: true }));
    expect(lp.LoginProfile).toMatchObject({ UserName: 'dave', PasswordResetRequired: true });
    expect(await awsError(iam.send(new CreateLoginProfileCommand({ UserName: 'dave', Password: 'Temp-Passw0rd!' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      status: 409,
    });
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'dave' }))).LoginProfile?.PasswordResetRequired).toBe(true);
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'dave', PasswordResetRequired: false }));
    expect(sb.state.getLoginProfile('dave')?.passwordResetRequired).toBe(false);
    expect(sb.state.checkPassword('dave', 'Temp-Passw0rd!')).toBe(true);
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'dave' }));
    expect(sb.state.getLoginProfile('dave')).toBeUndefined();
  });

  it('ChangePassword checks the old password, enforces the policy incl. reuse, clears PasswordResetRequired', async () => {
    const iam = iamClient(sb);
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        PasswordReusePrevention: 3,
      }),
    );
    const pp = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    expect(pp).toMatchObject({ MinimumPasswordLength: 12, PasswordReusePrevention: 3, AllowUsersToChangePassword: true, ExpirePasswords: false });
    const u = sb.scenario.newUser({ userName: 'erin', password: 'Initial-Pass-1!', attachEnforcementPolicy: true });
    const own = iamClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    const wrongOld = await awsError(own.send(new ChangePasswordCommand({ OldPassword: 'nope', NewPassword: 'Another-Pass-2!' })));
    expect(wrongOld).toMatchObject({ name: 'AccessDenied', status: 403 });
    const weak = await awsError(own.send(new ChangePasswordCommand({ OldPassword: 'Initial-Pass-1!', NewPassword: 'short' })));
    expect(weak).toMatchObject({ name: 'PasswordPolicyViolationException', status: 400 });
    expect(weak.message).toMatch(/minimum length of 12/);
    expect(weak.message).toMatch(/uppercase/);
    const reused = await awsError(own.send(new ChangePasswordCommand({ OldPassword: 'Initial-Pass-1!', NewPassword: 'Initial-Pass-1!' })));
    expect(reused.message).toMatch(/last 3 passwords/);
    expect(sb.state.getLoginProfile('erin')?.passwordResetRequired).toBe(true);
    await own.send(new ChangePasswordCommand({ OldPassword: 'Initial-Pass-1!', NewPassword: 'Another-Pass-2!' }));
    expect(sb.state.checkPassword('erin', 'Another-Pass-2!')).toBe(true);
    expect(sb.state.getLoginProfile('erin')?.passwordResetRequired).toBe(false);
    // admin-set passwords obey the policy too
    expect((await awsError(iam.send(new UpdateLoginProfileCommand({ UserName: 'erin', Password: 'weak' })))).name).toBe('PasswordPolicyViolationException');
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    expect(await awsError(iam.send(new GetAccountPasswordPolicyCommand({})))).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
    expect((await awsError(iam.send(new DeleteAccountPasswordPolicyCommand({})))).name).toBe('NoSuchEntityException');
  });
});

describe('access keys', () => {
  it('max 2 keys, status changes, inactive keys are refused, last used', async () => {
    const iam = iamClient(sb);
    const u = sb.scenario.newUser({ userName: 'frank', policies: [{ name: 'SelfRead', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }] } }] });
    const k2 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'frank' }))).AccessKey;
    expect(k2?.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(k2?.SecretAccessKey).toHaveLength(40);
    expect(await awsError(iam.send(new CreateAccessKeyCommand({ UserName: 'frank' })))).toMatchObject({ name: 'LimitExceededException', status: 409 });
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'frank' }))).AccessKeyMetadata).toHaveLength(2);
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k2?.AccessKeyId }));
    expect(never.AccessKeyLastUsed).toMatchObject({ ServiceName: 'N/A', Region: 'N/A' });
    const frank = iamClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    await frank.send(new GetUserCommand({}));
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: u.accessKeyId }));
    expect(used.AccessKeyLastUsed).toMatchObject({ ServiceName: 'iam', Region: sb.region });
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'frank', AccessKeyId: u.accessKeyId, Status: 'Inactive' }));
    expect(await awsError(frank.send(new GetUserCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    expect(await awsError(iam.send(new DeleteAccessKeyCommand({ UserName: 'frank', AccessKeyId: fakeAccessKeyId('notareal') })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'frank', AccessKeyId: u.accessKeyId }));
    expect(await awsError(stsClient(sb, { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string }).send(new GetCallerIdentityCommand({}))))
      .toMatchObject({ name: 'InvalidClientTokenId' });
    expect(sb.state.listAccessKeys('frank').map((k) => k.accessKeyId)).toEqual([k2?.AccessKeyId]);
  });
});

describe('groups', () => {
  it('creates groups, manages membership and attached policies', async () => {
    const iam = iamClient(sb);
    await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    expect((await awsError(iam.send(new CreateGroupCommand({ GroupName: 'ops' })))).name).toBe('EntityAlreadyExistsException');
    await iam.send(new CreateUserCommand({ UserName: 'gina' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'gina' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const g = await iam.send(new GetGroupCommand({ GroupName: 'ops' }));
    expect(g.Users?.map((u) => u.UserName)).toEqual(['gina']);
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'gina' }))).Groups?.map((x) => x.GroupName)).toEqual(['ops']);
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'ops' }))).AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    expect((await awsError(iam.send(new AddUserToGroupCommand({ GroupName: 'nope', UserName: 'gina' })))).name).toBe('NoSuchEntityException');
    expect(
      (await awsError(iam.send(new AttachUserPolicyCommand({ UserName: 'gina', PolicyArn: `arn:aws:iam::${sb.accountId}:policy/Missing` })))).name,
    ).toBe('NoSuchEntityException');
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'gina' }))).AttachedPolicies).toEqual([]);
  });
});

describe('account', () => {
  it('GetAccountSummary reflects root flags and counts', async () => {
    const iam = iamClient(sb);
    sb.scenario.setRootFlags({ mfaEnabled: false, accessKeysPresent: true });
    let m = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
    expect(m).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: sb.state.listUsers().length });
    sb.scenario.setRootFlags({ mfaEnabled: true, accessKeysPresent: false });
    m = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap;
    expect(m).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 });
  });

  it('account aliases', async () => {
    const iam = iamClient(sb);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['sandbox-co']);
  });
});
