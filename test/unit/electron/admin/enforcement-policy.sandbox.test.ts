import {
  ChangePasswordCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountPasswordPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS_ALLOWED_WITHOUT_MFA } from '../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

/**
 * The generated policy, evaluated by the sandbox's IAM engine: a new user can do exactly the
 * onboarding wizard's calls without MFA, and nothing else until they use MFA.
 */
describe('MFA-enforcement policy against the sandbox', () => {
  let sandbox: Sandbox;
  let admin: IAMClient;
  const ALL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const DENIED_UNTIL_MFA = ['s3:ListAllMyBuckets', 'iam:CreateUser', 'iam:DeleteAccessKey'];

  const client = <T>(Ctor: new (c: object) => T, service: 'IAM' | 'STS', credentials: object) =>
    new Ctor({ region: sandbox.region, endpoint: sandbox.env[`AWS_ENDPOINT_URL_${service}`], credentials, maxAttempts: 1 });

  beforeAll(async () => {
    sandbox = await startSandbox();
    admin = client(IAMClient, 'IAM', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterAll(async () => {
    admin.destroy();
    await sandbox.stop();
  });

  const simulate = async (userArn: string, userName: string, action: string, mfa: boolean) => {
    const resource =
      /VirtualMFADevice$/.test(action) && action !== 'iam:ListVirtualMFADevices' ? `arn:aws:iam::${sandbox.accountId}:mfa/${userName}`
      : action.startsWith('iam:') && !/Account|ListVirtual/.test(action) ? userArn
      : '*';
    const out = await admin.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: [action],
        ResourceArns: [resource],
        ContextEntries: [{ ContextKeyName: 'aws:MultiFactorAuthPresent', ContextKeyType: 'boolean', ContextKeyValues: [String(mfa)] }],
      }),
    );
    return out.EvaluationResults?.[0]?.EvalDecision;
  };

  it('SimulatePrincipalPolicy: the wizard actions are allowed without MFA; the rest is denied until MFA', async () => {
    const u = sandbox.scenario.newUser({
      userName: 'sim.user',
      attachEnforcementPolicy: true,
      policies: [{ name: 'AllAccessForTest', document: ALL_ACCESS }],
    });
    for (const action of ACTIONS_ALLOWED_WITHOUT_MFA) {
      expect(await simulate(u.arn, u.userName, action, false), `${action} without MFA`).toBe('allowed');
    }
    for (const action of DENIED_UNTIL_MFA) {
      expect(await simulate(u.arn, u.userName, action, false), `${action} without MFA`).toBe('explicitDeny');
      expect(await simulate(u.arn, u.userName, action, true), `${action} with MFA`).toBe('allowed');
    }
  });

  it('real calls: the first sign-in works without MFA, CreateUser/DeleteAccessKey only after GetSessionToken with MFA', async () => {
    sandbox.scenario.setPasswordPolicy({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true });
    const u = sandbox.scenario.newUser({
      userName: 'real.user',
      passwordResetRequired: true,
      attachEnforcementPolicy: true,
      policies: [{ name: 'AllAccessForTest', document: ALL_ACCESS }],
    });
    const keys = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    const iam = client(IAMClient, 'IAM', keys);
    const sts = client(STSClient, 'STS', keys);
    const denied = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ name: 'AccessDenied' });

    // Exactly the wizard's calls, without MFA.
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('real.user');
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(14);
    await iam.send(new ChangePasswordCommand({ OldPassword: u.password, NewPassword: 'Brand-new-passw0rd!' }));
    expect(sandbox.state.checkPassword('real.user', 'Brand-new-passw0rd!')).toBe(true);
    // An abandoned attempt can be cleaned up: its own unassigned device.
    const abandoned = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'real.user-old' }));
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: abandoned.VirtualMFADevice?.SerialNumber }));
    const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'real.user' }));
    const serial = created.VirtualMFADevice?.SerialNumber as string;
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'real.user',
        SerialNumber: serial,
        AuthenticationCode1: sandbox.scenario.mfaCode(serial, -1),
        AuthenticationCode2: sandbox.scenario.mfaCode(serial, 0),
      }),
    );
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices?.map((d) => d.SerialNumber)).toEqual([serial]);
    await iam.send(new ListVirtualMFADevicesCommand({}));
    await expect(
      iam.send(new ResyncMFADeviceCommand({ UserName: 'real.user', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '111111' })),
    ).rejects.toMatchObject({ name: 'InvalidAuthenticationCodeException' }); // allowed by the policy; only the codes are wrong

    // Everything else is denied until MFA.
    await denied(iam.send(new CreateUserCommand({ UserName: 'made.by.real' })));
    await denied(iam.send(new DeleteAccessKeyCommand({ AccessKeyId: keys.accessKeyId })));
    expect(sandbox.state.getUser('made.by.real')).toBeUndefined();

    // With an MFA session the user's own permissions apply.
    const session = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: sandbox.scenario.mfaCode(serial, 1) }));
    const mfaIam = client(IAMClient, 'IAM', {
      accessKeyId: session.Credentials?.AccessKeyId,
      secretAccessKey: session.Credentials?.SecretAccessKey,
      sessionToken: session.Credentials?.SessionToken,
    });
    await mfaIam.send(new CreateUserCommand({ UserName: 'made.by.real' }));
    expect(sandbox.state.getUser('made.by.real')).toBeDefined();
    await mfaIam.send(new DeleteAccessKeyCommand({ AccessKeyId: keys.accessKeyId }));
    expect(sandbox.state.listAccessKeys('real.user')).toEqual([]);
    for (const c of [iam, sts, mfaIam]) c.destroy();
  });
});
