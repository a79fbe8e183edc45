import {
  AddUserToGroupCommand,
  ChangePasswordCommand,
  CreateGroupCommand,
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
 * The policy page's scan for seed-003-style policies, against the sandbox over the real IAM API:
 * customer managed policies (attached to users and to groups, found past the first page of
 * ListPolicies), inline policies of users and of groups; who each one applies to, and who of them
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
  // A policy that blocks but is attached to no one: not reported (ListPolicies OnlyAttached).
  sb.scenario.createPolicy('unattached-blocker', seed003);
  // More than one page of attached customer managed policies, the blocker on the second page.
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

  it('a caller who may not list policies gets the failing action named (the page then says which permission is missing)', async () => {
    const limited = sb.scenario.newUser({ userName: 'limited.admin', passwordResetRequired: false, policies: [{ name: 'OnlyUsers', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] } }] });
    const client = new IAMClient({ region: sb.region, endpoint: sb.url, credentials: { accessKeyId: limited.accessKeyId!, secretAccessKey: limited.secretAccessKey! }, maxAttempts: 1 });
    await expect(findSignInBlockers(client)).rejects.toMatchObject({ name: 'AccessDenied', $action: 'iam:ListPolicies' });
    client.destroy();
  });
});
