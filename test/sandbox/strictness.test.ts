import {
  ChangePasswordCommand,
  CreateUserCommand,
  EnableMFADeviceCommand,
  CreateVirtualMFADeviceCommand,
  GetUserCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_PASSWORD_DENIED } from './state';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, stsClient, type Creds } from './test-helpers';

/** Where the sandbox is as strict as AWS for the enforcement design (see README: Behaviour and decisions). */
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true });
});
afterEach(() => sb.setConsistencyDelayMs(0));
afterAll(() => sb.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const keysOf = (u: { accessKeyId?: string; secretAccessKey?: string }): Creds => ({ accessKeyId: u.accessKeyId!, secretAccessKey: u.secretAccessKey! });

describe('sandbox strictness', () => {
  it('a Date condition whose value is a policy variable never matches: such a Deny never applies (AWS allows no variables there)', async () => {
    const past = '2000-01-01T00:00:00Z';
    const deny = (value: string) => ({
      name: `Deny-${value.length}`,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ListUsers', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': value } } }] },
    });
    const allow = { name: 'AllowList', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] } };
    const literal = sb.scenario.newUser({ userName: 'date.literal', policies: [allow, deny(past)] });
    const variable = sb.scenario.newUser({ userName: 'date.variable', tags: { until: past }, policies: [allow, deny('${aws:PrincipalTag/until}')] });
    expect(await awsError(iamClient(sb, keysOf(literal)).send(new ListUsersCommand({})))).toMatchObject({ name: 'AccessDenied' });
    expect((await iamClient(sb, keysOf(variable)).send(new ListUsersCommand({}))).Users?.length).toBeGreaterThan(0);
  });

  it('tag keys and values with the reserved aws: prefix are InvalidInput, in any case, and change nothing', async () => {
    const iam = iamClient(sb);
    await iam.send(new CreateUserCommand({ UserName: 'tagged' }));
    for (const Tags of [[{ Key: 'aws:x', Value: '1' }], [{ Key: 'AWS:Team', Value: 'a' }], [{ Key: 'team', Value: 'aws:b' }]]) {
      expect(await awsError(iam.send(new TagUserCommand({ UserName: 'tagged', Tags })))).toMatchObject({ name: 'InvalidInputException', status: 400 });
    }
    expect(await awsError(iam.send(new CreateUserCommand({ UserName: 'tagged2', Tags: [{ Key: 'Aws:cost', Value: '1' }] })))).toMatchObject({ name: 'InvalidInputException' });
    expect(await awsError(iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['aws:x'] })))).toMatchObject({ name: 'InvalidInputException' });
    expect(sb.state.getUser('tagged')?.tags).toEqual({});
    expect(sb.state.getUser('tagged2')).toBeUndefined();
  });

  it('ChangePassword with a wrong current password: AccessDenied, one message for several causes, nothing changed', async () => {
    const u = sb.scenario.newUser({ userName: 'pw.user', password: 'Temporary-Pass-1' });
    const e = await awsError(iamClient(sb, keysOf(u)).send(new ChangePasswordCommand({ OldPassword: 'Wrong-Pass-12', NewPassword: 'Brand-New-Pass-2' })));
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: CHANGE_PASSWORD_DENIED });
    expect(e.message).not.toMatch(/is not authorized to perform: /);
    expect(sb.state.checkPassword('pw.user', 'Temporary-Pass-1')).toBe(true);
  });

  it('eventual consistency: a new key is unknown, a new password not in force, a new device unknown to STS — until the delay has passed', async () => {
    sb.setConsistencyDelayMs(1200);
    const u = sb.scenario.newUser({ userName: 'ec.user', password: 'Temporary-Pass-1', policies: [{ name: 'All', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] });
    const key = keysOf(u);
    expect(await awsError(stsClient(sb, key).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    await sleep(1300);
    expect((await stsClient(sb, key).send(new GetCallerIdentityCommand({}))).Arn).toBe(u.arn);
    // The admin sets a new password: the old one stays in force for a moment.
    await iamClient(sb).send(new UpdateLoginProfileCommand({ UserName: 'ec.user', Password: 'Second-Temp-Pass-3', PasswordResetRequired: true }));
    const iam = iamClient(sb, key);
    expect(await awsError(iam.send(new ChangePasswordCommand({ OldPassword: 'Second-Temp-Pass-3', NewPassword: 'Brand-New-Pass-2' })))).toMatchObject({ name: 'AccessDenied' });
    await sleep(1300);
    await iam.send(new ChangePasswordCommand({ OldPassword: 'Second-Temp-Pass-3', NewPassword: 'Brand-New-Pass-2' }));
    expect(sb.state.checkPassword('ec.user', 'Brand-New-Pass-2')).toBe(true);
    // A device just enabled: GetSessionToken does not know it yet, and does not consume the code.
    const dev = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ec.user' }))).VirtualMFADevice!;
    const serial = dev.SerialNumber!;
    await iam.send(new EnableMFADeviceCommand({ UserName: 'ec.user', SerialNumber: serial, AuthenticationCode1: sb.scenario.mfaCode(serial, -1), AuthenticationCode2: sb.scenario.mfaCode(serial, 0) }));
    const code = sb.scenario.mfaCode(serial, 1);
    expect(await awsError(stsClient(sb, key).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })))).toMatchObject({ name: 'AccessDenied' });
    await sleep(1300);
    const s = await stsClient(sb, key).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code }));
    expect(s.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    // Switched off again: a key made now works at once.
    sb.setConsistencyDelayMs(0);
    const v = sb.scenario.newUser({ userName: 'ec.later' });
    expect((await stsClient(sb, keysOf(v)).send(new GetCallerIdentityCommand({}))).Arn).toBe(v.arn);
  });

  it('the control surface: consistency switch and the app-driven invited-user scenario (an expired invite opens nothing)', async () => {
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${sb.url}/__sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    expect(await post('/consistency', { delayMs: 0 })).toEqual({ status: 200, body: { ok: true } });
    const past = '2020-01-01T00:00:00Z';
    const r = await post('/scenario/invited-user', { userName: 'http.invited', expiresAt: past });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userName: 'http.invited', expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(sb.state.getUser('http.invited')?.tags['iam-onboarding-window']).toBe(past);
    const key = { accessKeyId: r.body.accessKeyId as string, secretAccessKey: r.body.secretAccessKey as string };
    expect(await awsError(iamClient(sb, key).send(new GetUserCommand({})))).toMatchObject({ name: 'AccessDenied' });
    expect(await awsError(iamClient(sb, key).send(new ChangePasswordCommand({ OldPassword: r.body.password as string, NewPassword: 'Attacker-Pass-123!' })))).toMatchObject({
      name: 'AccessDenied',
    });
  }, 30_000);
});
