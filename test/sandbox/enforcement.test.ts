import { readFileSync } from 'node:fs';
import {
  ChangePasswordCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, DeleteAccessKeyCommand, EnableMFADeviceCommand,
  GetAccountPasswordPolicyCommand, ListUsersCommand, SimulatePrincipalPolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENFORCEMENT_POLICY_NAME } from '../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, oathtool, stsClient, type Creds } from './test-helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, RequireNumbers: true, AllowUsersToChangePassword: true });
});
afterAll(() => sb.stop());

const WORK_POLICY = {
  name: 'DailyWork',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:CreateUser'], Resource: '*' }] },
};

async function simulate(arn: string, actions: string[], resources?: string[], mfa?: boolean) {
  const res = await iamClient(sb).send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: arn,
      ActionNames: actions,
      ...(resources ? { ResourceArns: resources } : {}),
      ...(mfa ? { ContextEntries: [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyValues: ['true'], ContextKeyType: 'boolean' }] } : {}),
    }),
  );
  return Object.fromEntries((res.EvaluationResults ?? []).map((r) => [r.EvalActionName, r.EvalDecision]));
}

describe('MFA enforcement at protocol level (buildEnforcementPolicy)', () => {
  it('bootstrap key: first sign-in calls allowed, everything else denied; after GetSessionToken with MFA allowed', async () => {
    const u = sb.scenario.newUser({ userName: 'newbie', password: 'Temporary-Pass-1', attachEnforcementPolicy: true, policies: [WORK_POLICY] });
    expect(sb.state.listAttachedUserPolicies('newbie').map((p) => p.policyName).sort()).toEqual([WORK_POLICY.name, ENFORCEMENT_POLICY_NAME].sort());
    const boot: Creds = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    const iam = iamClient(sb, boot);

    // allowed with only the bootstrap key
    await iam.send(new GetAccountPasswordPolicyCommand({}));
    await iam.send(new ChangePasswordCommand({ OldPassword: 'Temporary-Pass-1', NewPassword: 'Brand-New-Pass-2' }));
    expect(sb.state.getLoginProfile('newbie')?.passwordResetRequired).toBe(false);
    const dev = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'newbie' }))).VirtualMFADevice;
    const seed = Buffer.from(dev?.Base32StringSeed as Uint8Array).toString('utf8');
    const now = Date.now();
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'newbie',
        SerialNumber: dev?.SerialNumber,
        AuthenticationCode1: oathtool(seed, now - 30_000),
        AuthenticationCode2: oathtool(seed, now),
      }),
    );

    // denied without MFA
    const denied = async (client: IAMClient, p: Promise<unknown>) => {
      void client;
      return awsError(p);
    };
    const listUsers = await denied(iam, iam.send(new ListUsersCommand({})));
    expect(listUsers).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(listUsers.message).toBe(
      `User: ${u.arn} is not authorized to perform: iam:ListUsers on resource: * with an explicit deny in an identity-based policy`,
    );
    const createUser = await awsError(iam.send(new CreateUserCommand({ UserName: 'sneaky' })));
    expect(createUser.message).toBe(
      `User: ${u.arn} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${sb.accountId}:user/sneaky with an explicit deny in an identity-based policy`,
    );
    expect((await awsError(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: boot.accessKeyId })))).name).toBe('AccessDenied');
    const otherDevice = await awsError(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'someone-else' })));
    expect(otherDevice.message).toBe(
      `User: ${u.arn} is not authorized to perform: iam:CreateVirtualMFADevice on resource: arn:aws:iam::${sb.accountId}:mfa/someone-else with an explicit deny in an identity-based policy`,
    );
    expect(sb.state.getUser('sneaky')).toBeUndefined();
    expect(sb.state.listAccessKeys('newbie')).toHaveLength(1);

    // the simulator agrees
    expect(await simulate(u.arn, ['iam:ChangePassword', 'iam:ListUsers', 'iam:CreateUser', 'iam:DeleteAccessKey'], [u.arn])).toEqual({
      'iam:ChangePassword': 'allowed',
      'iam:ListUsers': 'explicitDeny',
      'iam:CreateUser': 'explicitDeny',
      'iam:DeleteAccessKey': 'explicitDeny',
    });
    expect(await simulate(u.arn, ['iam:ListUsers', 'iam:DeleteAccessKey'], [u.arn], true)).toEqual({
      'iam:ListUsers': 'allowed',
      'iam:DeleteAccessKey': 'allowed',
    });

    // prove MFA, then the same calls are allowed
    const session = await stsClient(sb, boot).send(
      new GetSessionTokenCommand({ SerialNumber: dev?.SerialNumber, TokenCode: oathtool(seed, now + 30_000) }),
    );
    const c = session.Credentials;
    const mfa = iamClient(sb, { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string });
    expect((await mfa.send(new ListUsersCommand({}))).Users?.some((x) => x.UserName === 'newbie')).toBe(true);
    await mfa.send(new CreateUserCommand({ UserName: 'legit' }));
    await mfa.send(new DeleteAccessKeyCommand({ AccessKeyId: boot.accessKeyId }));
    expect(sb.state.listAccessKeys('newbie')).toEqual([]);
    expect(sb.state.getUser('legit')).toBeDefined();
    // the bootstrap key is gone: InvalidClientTokenId
    expect((await awsError(iam.send(new ListUsersCommand({})))).name).toBe('InvalidClientTokenId');
  });

  it('the seed-003 policy (policy-iam-user-duty) denies ChangePassword without MFA', async () => {
    const seed003 = JSON.parse(readFileSync(new URL('./fixtures/seed-003-policy-iam-user-duty.json', import.meta.url), 'utf8')) as object;
    const u = sb.scenario.newUser({ userName: 'seed003', password: 'Temporary-Pass-1', policies: [{ name: 'policy-iam-user-duty', document: seed003 }], withMfa: true });
    const boot: Creds = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    const res = await awsError(iamClient(sb, boot).send(new ChangePasswordCommand({ OldPassword: 'Temporary-Pass-1', NewPassword: 'Brand-New-Pass-2' })));
    expect(res).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(res.message).toMatch(/iam:ChangePassword .* with an explicit deny in an identity-based policy$/);
    expect(sb.state.checkPassword('seed003', 'Temporary-Pass-1')).toBe(true);
    expect(sb.state.getLoginProfile('seed003')?.passwordResetRequired).toBe(true);
    expect(await simulate(u.arn, ['iam:ChangePassword'], [u.arn])).toEqual({ 'iam:ChangePassword': 'explicitDeny' });
    // with an MFA session the same call goes through
    const s = await stsClient(sb, boot).send(new GetSessionTokenCommand({ SerialNumber: u.mfa?.serialNumber, TokenCode: oathtool(u.mfa?.base32Seed as string) }));
    const c = s.Credentials;
    await iamClient(sb, { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string }).send(
      new ChangePasswordCommand({ OldPassword: 'Temporary-Pass-1', NewPassword: 'Brand-New-Pass-2' }),
    );
    expect(sb.state.checkPassword('seed003', 'Brand-New-Pass-2')).toBe(true);
  });
});
