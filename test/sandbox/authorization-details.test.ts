import {
  GetAccountAuthorizationDetailsCommand,
  paginateGetAccountAuthorizationDetails,
  PutUserPolicyCommand,
  type UserDetail,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, signedQuery, xmlCode } from './test-helpers';

let sb: Sandbox;
const INLINE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } }] };
beforeAll(async () => {
  sb = await startSandbox();
  sb.scenario.createGroup('devs');
  for (let i = 0; i < 25; i++) sb.scenario.newUser({ userName: `gaad.${String(i).padStart(2, '0')}`, tags: { n: String(i) }, groups: i % 2 ? ['devs'] : [], attachEnforcementPolicy: i === 3 });
  await iamClient(sb).send(new PutUserPolicyCommand({ UserName: 'gaad.04', PolicyName: 'expiry', PolicyDocument: JSON.stringify(INLINE) }));
});
afterAll(() => sb.stop());

describe('GetAccountAuthorizationDetails', () => {
  it('pages users with MaxItems / Marker / IsTruncated; tags, groups, attached and inline policies (URL-encoded)', async () => {
    const iam = iamClient(sb);
    const users: UserDetail[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const out = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'], MaxItems: 10, ...(Marker ? { Marker } : {}) }));
      pages++;
      expect(out.UserDetailList!.length).toBeLessThanOrEqual(10);
      expect(out.GroupDetailList ?? []).toEqual([]);
      expect(out.Policies ?? []).toEqual([]);
      users.push(...out.UserDetailList!);
      expect(out.IsTruncated).toBe(!!out.Marker);
      Marker = out.IsTruncated ? out.Marker : undefined;
    } while (Marker);
    expect(pages).toBe(3); // admin + 25 users = 26
    expect(users.map((u) => u.UserName)).toEqual(['admin', ...Array.from({ length: 25 }, (_, i) => `gaad.${String(i).padStart(2, '0')}`)]);
    const u3 = users.find((u) => u.UserName === 'gaad.03')!;
    expect(u3).toMatchObject({ Path: '/', Arn: `arn:aws:iam::${sb.accountId}:user/gaad.03`, GroupList: ['devs'] });
    // newUser opens onboarding as the app does: the window tag beside the user's own.
    expect(u3.Tags).toEqual([{ Key: 'n', Value: '3' }, { Key: 'iam-onboarding-window', Value: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) }]);
    expect(u3.UserId).toMatch(/^AIDA/);
    expect(u3.CreateDate).toBeInstanceOf(Date);
    expect(u3.AttachedManagedPolicies).toEqual([{ PolicyName: 'IamOnboardingEnforceMfa', PolicyArn: sb.state.findPolicyByName('IamOnboardingEnforceMfa')!.arn }]);
    const u4 = users.find((u) => u.UserName === 'gaad.04')!;
    expect(u4.GroupList).toEqual([]);
    expect(u4.UserPolicyList?.map((p) => [p.PolicyName, JSON.parse(decodeURIComponent(p.PolicyDocument ?? ''))])).toEqual([['expiry', INLINE]]);
  });

  it('the SDK paginator and the AWS default page size (100) agree; every entity type without a filter', async () => {
    const iam = iamClient(sb);
    let names: string[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 7 }, { Filter: ['User'] })) names = names.concat((page.UserDetailList ?? []).map((u) => u.UserName ?? ''));
    expect(names).toHaveLength(26);
    const all = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(all.IsTruncated).toBe(false);
    expect(all.UserDetailList).toHaveLength(26);
    expect(all.GroupDetailList?.map((g) => g.GroupName)).toEqual(['devs']);
    expect(all.RoleDetailList?.map((r) => r.RoleName)).toEqual(['OrganizationAccountAccessRole']);
    expect(all.Policies?.map((p) => p.PolicyName).sort()).toEqual(['AdministratorAccess', 'IamOnboardingEnforceMfa']);
    expect(all.Policies?.find((p) => p.PolicyName === 'IamOnboardingEnforceMfa')).toMatchObject({ AttachmentCount: 1, DefaultVersionId: 'v1' });
    const groups = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Group'] }));
    expect(groups.UserDetailList ?? []).toEqual([]);
    expect(groups.GroupDetailList?.[0]).toMatchObject({ GroupName: 'devs', Arn: `arn:aws:iam::${sb.accountId}:group/devs` });
  });

  it('refuses a bad filter, a bad MaxItems and a bad Marker; needs iam:GetAccountAuthorizationDetails', async () => {
    const bad = await signedQuery(sb, 'Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=Users');
    expect({ status: bad.status, code: xmlCode(bad.text) }).toEqual({ status: 400, code: 'ValidationError' });
    expect(bad.text).toContain('Member must satisfy enum value set');
    const big = await signedQuery(sb, 'Action=GetAccountAuthorizationDetails&Version=2010-05-08&MaxItems=1001');
    expect(xmlCode(big.text)).toBe('ValidationError');
    const marker = await signedQuery(sb, 'Action=GetAccountAuthorizationDetails&Version=2010-05-08&Marker=bm90LWEtbWFya2Vy');
    expect(xmlCode(marker.text)).toBe('ValidationError');
    const u = sb.scenario.newUser({ userName: 'gaad.nobody' });
    const iam = iamClient(sb, { accessKeyId: u.accessKeyId ?? '', secretAccessKey: u.secretAccessKey ?? '' });
    expect(await awsError(iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] })))).toMatchObject({ name: 'AccessDenied', status: 403 });
  });
});
