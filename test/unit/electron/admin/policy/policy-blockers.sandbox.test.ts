import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSignInBlockers } from '../../../../../electron/admin/policy/policy-blockers';
import { buildEnforcementPolicy, ENFORCEMENT_POLICY_NAME } from '../../../../../src/shared/mfa-policy/enforcement-policy';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { iamClient } from '../../../../sandbox/test-helpers';
import type { NewUserResult } from '../../../../sandbox/types';

/**
 * The policy page's scan for seed-003-style policies, against the sandbox over the real IAM API
 * (GetAccountAuthorizationDetails read to its last page): customer managed policies (attached to
 * users and to groups), inline policies of users and of groups; who each one applies to, and who of them
 * is locked out today (must change a temporary password). Policies that do not block the first
 * sign-in — the app's own among them — are not reported.
 */
const seed003 = JSON.parse(readFileSync(new URL('../../../../sandbox/fixtures/seed-003-policy-iam-user-duty.json', import.meta.url), 'utf8')) as object;
const NO_MFA = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
const json = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

let sb: Sandbox;
let iam: IAMClient;
const made = new Map<string, NewUserResult>();

beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.setPasswordPolicy({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true });
  iam = iamClient(sb);
  const user = (userName: string, passwordResetRequired: boolean, policies: Array<{ name: string; document: object }> = []) =>
    made.set(userName, sb.scenario.newUser({ userName, passwordResetRequired, policies }));
  // The seed-003 policy, managed: on two users directly and, through a group, on two more (one without a console password).
  user('kim.newhire', true, [{ name: 'policy-iam-user-duty', document: seed003 }]);
  user('lee.veteran', false, [{ name: 'policy-iam-user-duty', document: seed003 }]);
  const dutyArn = sb.state.findPolicyByName('policy-iam-user-duty')!.arn;
  sb.scenario.createGroup('duty', [dutyArn]);
  user('park.member', true);
  await iam.send(new CreateUserCommand({ UserName: 'no.console' }));
  for (const u of ['park.member', 'no.console', 'kim.newhire']) await iam.send(new AddUserToGroupCommand({ GroupName: 'duty', UserName: u }));
  // The app's own policy and a harmless one, attached: never reported.
  user('safe.user', true, [
    { name: ENFORCEMENT_POLICY_NAME, document: buildEnforcementPolicy() },
    { name: 'ReadOnlyIam', document: JSON.parse(json({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' })) },
  ]);
  // A policy that blocks but is attached to no one: not reported.
  sb.scenario.createPolicy('unattached-blocker', seed003);
  // Many attached customer managed policies, the blocker listed after them.
  const fillers = Array.from({ length: 100 }, (_, i) => sb.scenario.createPolicy(`filler-${String(i).padStart(3, '0')}`, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }));
  for (let g = 0; g < 5; g++) sb.scenario.createGroup(`fillers-${g}`, fillers.slice(g * 20, g * 20 + 20));
  user('late.user', true, [{ name: 'zz-late-blocker', document: JSON.parse(json({ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*', Condition: NO_MFA })) }]);
  // Inline on a user: NotAction that exempts the password policy read (iam:Get*) but not the change.
  user('inline.user', true);
  await iam.send(new PutUserPolicyCommand({ UserName: 'inline.user', PolicyName: 'inline-deny', PolicyDocument: json({ Effect: 'Deny', NotAction: ['iam:Get*', 'sts:*'], Resource: '*', Condition: NO_MFA }) }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'inline.user', PolicyName: 'inline-mfa-true', PolicyDocument: json({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }));
  // Inline on a group, Action style with IAM's one-character wildcard; one member must reset, one need not.
  await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
  user('ops.one', true);
  user('ops.two', false);
  for (const u of ['ops.one', 'ops.two']) await iam.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: u }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'group-action-deny', PolicyDocument: json({ Effect: 'Deny', Action: 'iam:ChangePasswor?', Resource: '*', Condition: NO_MFA }) }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'group-harmless', PolicyDocument: json({ Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: NO_MFA }) }));
  // An empty group with a blocking inline policy: reported, applying to nobody.
  await iam.send(new CreateGroupCommand({ GroupName: 'empty' }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'empty', PolicyName: 'empty-group-deny', PolicyDocument: json({ Effect: 'Deny', NotAction: 'iam:ChangePassword', Resource: '*', Condition: NO_MFA }) }));
});
afterAll(async () => {
  iam.destroy();
  await sb.stop();
});

describe('findSignInBlockers (policy page scan, sandbox)', () => {
  it('reports every blocking policy with what it blocks, whom it applies to and who is locked out today, sorted by name', async () => {
    expect(await findSignInBlockers(iam)).toEqual([
      { policyName: 'empty-group-deny', kind: 'groupInline', owner: 'empty', blockedActions: ['iam:GetAccountPasswordPolicy'], users: [], lockedOut: [] },
      { policyName: 'group-action-deny', kind: 'groupInline', owner: 'ops', blockedActions: ['iam:ChangePassword'], users: ['ops.one', 'ops.two'], lockedOut: ['ops.one'] },
      { policyName: 'inline-deny', kind: 'userInline', owner: 'inline.user', blockedActions: ['iam:ChangePassword'], users: ['inline.user'], lockedOut: ['inline.user'] },
      {
        policyName: 'policy-iam-user-duty',
        kind: 'managed',
        owner: null,
        blockedActions: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'],
        // direct and through the group, each once; a user without a console password is not locked out
        users: ['kim.newhire', 'lee.veteran', 'no.console', 'park.member'],
        lockedOut: ['kim.newhire', 'park.member'],
      },
      { policyName: 'zz-late-blocker', kind: 'managed', owner: null, blockedActions: ['iam:ChangePassword'], users: ['late.user'], lockedOut: ['late.user'] },
    ]);
  });

  it('the world agrees: without MFA the reported users cannot change their password, the app’s own policy lets its user do so', async () => {
    const changes = async (userName: string) => {
      const u = made.get(userName)!;
      const client = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: u.accessKeyId!, secretAccessKey: u.secretAccessKey! }, maxAttempts: 1 });
      try {
        await client.send(new ChangePasswordCommand({ OldPassword: u.password, NewPassword: `${u.password}-New1` }));
        return sb.state.checkPassword(userName, `${u.password}-New1`) ? 'changed' : 'unchanged';
      } catch (e) {
        return (e as Error).name;
      } finally {
        client.destroy();
      }
    };
    for (const userName of ['kim.newhire', 'lee.veteran', 'park.member', 'late.user', 'inline.user', 'ops.one', 'ops.two']) expect([userName, await changes(userName)]).toEqual([userName, 'AccessDenied']);
    expect(await changes('safe.user')).toBe('changed');
  });

  it('needs exactly two permissions, GetAccountAuthorizationDetails and GetLoginProfile; without either the failing action is named', async () => {
    const everything = await findSignInBlockers(iam);
    const caller = (userName: string, Action: string[]) => {
      const u = sb.scenario.newUser({ userName, passwordResetRequired: false, withAccessKey: true });
      sb.scenario.createPolicy(`${userName}-perms`, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*' }] });
      return { u, client: new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: u.accessKeyId!, secretAccessKey: u.secretAccessKey! }, maxAttempts: 1 }) };
    };
    const attach = async (userName: string) =>
      iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: sb.state.findPolicyByName(`${userName}-perms`)!.arn }));
    const enough = caller('scan.enough', ['iam:GetAccountAuthorizationDetails', 'iam:GetLoginProfile']);
    const noDetails = caller('scan.nodetails', ['iam:ListUsers', 'iam:ListPolicies', 'iam:GetLoginProfile']);
    const noProfiles = caller('scan.noprofiles', ['iam:GetAccountAuthorizationDetails']);
    for (const name of ['scan.enough', 'scan.nodetails', 'scan.noprofiles']) await attach(name);
    try {
      // The three callers' own (harmless) policies are read too; what is reported is the same.
      expect(await findSignInBlockers(enough.client)).toEqual(everything);
      await expect(findSignInBlockers(noDetails.client)).rejects.toMatchObject({ name: 'AccessDenied', $action: 'iam:GetAccountAuthorizationDetails' });
      // AccessDenied on a login profile is not "no console password": the scan fails and says why.
      await expect(findSignInBlockers(noProfiles.client)).rejects.toMatchObject({ name: 'AccessDenied', $action: 'iam:GetLoginProfile' });
    } finally {
      for (const c of [enough, noDetails, noProfiles]) c.client.destroy();
    }
  });

  it('a managed blocker applies to its users and to the members of its groups, by name; one attached only to a role keeps no user out', async () => {
    const arn = sb.scenario.createPolicy('order-check', seed003);
    sb.scenario.newUser({ userName: 'zz.direct', passwordResetRequired: false, withAccessKey: false });
    sb.scenario.newUser({ userName: 'aa.member', passwordResetRequired: true, withAccessKey: false, groups: ['aa-group'] });
    await iam.send(new AttachUserPolicyCommand({ UserName: 'zz.direct', PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'aa-group', PolicyArn: arn }));
    const roleOnly = sb.scenario.createPolicy('role-only-blocker', seed003);
    await iam.send(new CreateRoleCommand({ RoleName: 'batch', AssumeRolePolicyDocument: json({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'batch', PolicyArn: roleOnly }));
    const found = await findSignInBlockers(iam);
    expect(found.find((b) => b.policyName === 'order-check')).toEqual({
      policyName: 'order-check',
      kind: 'managed',
      owner: null,
      blockedActions: ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'],
      users: ['aa.member', 'zz.direct'],
      lockedOut: ['aa.member'],
    });
    expect(found.map((b) => b.policyName)).not.toContain('role-only-blocker');
  });

  it('a large account is read to its last page: every blocker is reported; who is locked out is read for the first 300 users by name', async () => {
    sb.scenario.createGroup('big');
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'big', PolicyName: 'big-group-deny', PolicyDocument: json({ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*', Condition: NO_MFA }) }));
    const members = Array.from({ length: 1050 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    for (const userName of members) sb.scenario.newUser({ userName, passwordResetRequired: true, withAccessKey: false, groups: ['big'] });
    // An inline blocker on a user listed after the first 1,000 entities.
    sb.scenario.newUser({ userName: 'zzz.inline', passwordResetRequired: true, withAccessKey: false });
    await iam.send(new PutUserPolicyCommand({ UserName: 'zzz.inline', PolicyName: 'zzz-inline-deny', PolicyDocument: json({ Effect: 'Deny', NotAction: 'iam:Get*', Resource: '*', Condition: NO_MFA }) }));

    const from = sb.requestLog.length;
    const found = await findSignInBlockers(iam);
    const calls = (action: string) => sb.requestLog.slice(from).filter((e) => e.action === action).length;
    expect(found.map((b) => b.policyName)).toEqual([
      'big-group-deny',
      'empty-group-deny',
      'group-action-deny',
      'inline-deny',
      'order-check',
      'policy-iam-user-duty',
      'zz-late-blocker',
      'zzz-inline-deny',
    ]);
    const big = found.find((b) => b.policyName === 'big-group-deny')!;
    expect(big.users).toEqual(members);
    // The union of everyone a blocker applies to, by name: aa.member, then bulk-0000…bulk-0298.
    expect(big.lockedOut).toEqual(members.slice(0, 299));
    expect(found.find((b) => b.policyName === 'zzz-inline-deny')).toMatchObject({ kind: 'userInline', owner: 'zzz.inline', users: ['zzz.inline'], lockedOut: [] });
    expect(calls('GetLoginProfile')).toBe(300);
    expect(calls('GetAccountAuthorizationDetails')).toBe(2);
  });
});
