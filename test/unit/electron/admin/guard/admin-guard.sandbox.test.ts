import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import type { HandlerTable } from '../../../../../electron/ipc/handler-types';
import { createLogger } from '../../../../../electron/logging/logger';
import { createNodePorts } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { dispatchCaller } from '../../../../support/dispatch-call';
import { EN_TEXT } from '../../../../support/alert-text';
import { startFakeSlack, type FakeSlack } from '../../../../support/fake-slack';

/** Account guard handlers through `dispatch`, against the sandbox's CloudTrail, EventBridge, SNS, S3, S3 Control and EC2. */
describe('account guard against the sandbox', () => {
  let sandbox: Sandbox;
  let handlers: HandlerTable;
  let slack: FakeSlack;
  const logLines: string[] = [];
  const call = dispatchCaller(() => handlers);

  beforeAll(async () => {
    sandbox = await startSandbox({ accountAlias: 'acme-prod', region: 'ap-northeast-2' });
    slack = await startFakeSlack();
    sandbox.guard.trustCa(slack.caPem);
    const home = mkdtempSync(join(tmpdir(), 'guard-h-'));
    ({ handlers } = composeApp({
      platform: createNodePorts({ home, userData: join(home, 'userData') }),
      log: createLogger((l) => logLines.push(l)),
      env: { ...sandbox.env, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') },
      info: { version: 't', platform: 'linux' },
      maxAttempts: 1,
    }));
    await call('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
  });
  afterAll(async () => {
    await slack.close();
    await sandbox.stop();
  });

  const checks = async () => Object.fromEntries((await call('admin:guard:checks', {})).checks.map((c) => [c.id, c]));

  it('a new account: no trail, no alert, no Block Public Access; the default security groups are fine in every enabled region', async () => {
    const c = await checks();
    expect(c.cloudTrail).toMatchObject({ status: 'fail', region: 'ap-northeast-2', trails: [] });
    expect(c.rootAlerts).toMatchObject({ status: 'fail', region: 'us-east-1', ours: null });
    expect(c.s3PublicAccess).toMatchObject({ status: 'fail', current: null });
    expect(c.securityGroups).toMatchObject({ status: 'ok', findings: [], regionErrors: [] });
    if (c.securityGroups?.id === 'securityGroups') expect(c.securityGroups.regionsChecked).toHaveLength(17);
  });

  it('CloudTrail: the plan creates nothing; apply creates exactly the plan; the trail logs every region', async () => {
    const plan = await call('admin:guard:trailPlan', {});
    expect(plan.items.map((i) => i.kind)).toEqual(['bucket', 'bucketPublicAccessBlock', 'bucketEncryption', 'bucketPolicy', 'trail', 'startLogging']);
    expect(JSON.parse(plan.bucketPolicy).Statement[1].Condition.StringEquals['aws:SourceArn']).toBe(`arn:aws:cloudtrail:ap-northeast-2:${sandbox.accountId}:trail/${plan.trailName}`);
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [] });
    await call('admin:guard:trailApply', { planId: plan.planId });
    const v = sandbox.guard.view();
    expect(v.trails).toEqual([{ name: plan.trailName, homeRegion: 'ap-northeast-2', isMultiRegionTrail: true, isLogging: true, s3BucketName: plan.bucketName, logFileValidationEnabled: true }]);
    expect(v.buckets).toMatchObject([{ name: plan.bucketName, region: 'ap-northeast-2', policy: plan.bucketPolicy, encryption: { SSEAlgorithm: 'AES256' }, publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }]);
    // A plan is applied once.
    await expect(call('admin:guard:trailApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'adminGuard.planExpired' });
    const c = await checks();
    expect(c.cloudTrail).toMatchObject({ status: 'ok', trails: [{ name: plan.trailName, multiRegion: true, logging: true, managementEvents: true, ours: true }] });
  });

  it('root alerts: plan (webhook never echoed) → apply → simulated root sign-ins, MFA deactivation and key creation arrive in Slack, readable', async () => {
    const plan = await call('admin:guard:alertsPlan', { slackWebhookUrl: slack.webhookUrl, email: 'security@example.com', text: EN_TEXT });
    const secretPath = new URL(slack.webhookUrl).pathname;
    expect(JSON.stringify(plan)).not.toContain(secretPath);
    expect(plan).toMatchObject({ region: 'us-east-1', slackHost: new URL(slack.webhookUrl).host, slackHostUnusual: true, email: 'security@example.com' });
    expect(plan.rules.map((r) => r.kind)).toEqual(['signInSuccess', 'signInFailure', 'mfaDeactivated', 'accessKeyCreated', 'test']);
    expect(sandbox.guard.view().rules).toEqual([]);

    const applied = await call('admin:guard:alertsApply', { planId: plan.planId });
    expect(applied.created.map((i) => i.kind)).toEqual(plan.items.map((i) => i.kind));
    const v = sandbox.guard.view();
    expect(v.rules.map((r) => [r.region, r.name, r.targets.map((t) => t.Id)])).toEqual(plan.rules.map((r) => ['us-east-1', r.name, ['slack', 'email']]));
    expect(v.apiDestinations).toEqual([{ region: 'us-east-1', name: 'iam-onboarding-root-slack', invocationEndpoint: slack.webhookUrl }]);
    expect(v.topics[0]?.subscriptions).toEqual([{ protocol: 'email', endpoint: 'security@example.com', confirmed: false }]);

    const signIn = await sandbox.guard.simulateRootSignIn({ result: 'Success', sourceIp: '203.0.113.7' });
    await sandbox.guard.simulateRootSignIn({ result: 'Failure', sourceIp: '198.51.100.9' });
    const mfa = await sandbox.guard.simulateRootApiCall({ eventName: 'DeactivateMFADevice', sourceIp: '203.0.113.8' });
    const key = await sandbox.guard.simulateRootApiCall({ eventName: 'CreateAccessKey', sourceIp: '203.0.113.9' });
    expect([mfa.delivered, key.delivered]).toEqual([true, true]); // the trail above is logging
    const posts = await slack.waitForPosts(4);
    const eventTime = (signIn.detail as { eventTime: string }).eventTime;
    expect(posts[0]?.text).toBe(`AWS root user signed in\nAccount: ${sandbox.accountId} (acme-prod)\nTime: ${eventTime} (UTC)\nSource IP: 203.0.113.7\nResult: success`);
    expect(posts[1]?.text).toContain('AWS root user sign-in failed');
    expect(posts[1]?.text).toContain('Source IP: 198.51.100.9');
    expect(posts[1]?.text).toContain('Result: failure');
    expect(posts[2]?.text).toContain('AWS root user turned off MFA');
    expect(posts[3]?.text).toContain('AWS root user created an access key');
    expect(posts[0]?.path).toBe(secretPath);
    expect(posts[0]?.headers['user-agent']).toBe('Amazon/EventBridge/ApiDestinations');
    // Nobody confirmed the e-mail yet: SNS accepted the publishes but had no one to send them to.
    expect(sandbox.guard.deliveries().filter((d) => d.kind === 'sns').every((d) => d.fanOut?.length === 0)).toBe(true);

    const c = await checks();
    expect(c.rootAlerts).toMatchObject({ status: 'ok', ours: { slackHost: new URL(slack.webhookUrl).host, emails: [{ endpoint: 'security@example.com', confirmed: false }] } });
    if (c.rootAlerts?.id === 'rootAlerts') expect(c.rootAlerts.coverage.map((k) => k.rules)).toEqual([['iam-onboarding-root-signin-success'], ['iam-onboarding-root-signin-failure'], ['iam-onboarding-root-mfa-deactivated'], ['iam-onboarding-root-access-key-created']]);
  });

  it('e-mail through SNS once confirmed; "send a test alert" goes through AWS to both targets', async () => {
    expect(sandbox.guard.confirmSubscriptions('security@example.com')).toBe(1);
    sandbox.guard.clearDeliveries();
    const before = slack.posts.length;
    const test = await call('admin:guard:alertsTest', {});
    expect(test.patternsChecked).toEqual([
      { kind: 'signInSuccess', matches: true },
      { kind: 'signInFailure', matches: true },
      { kind: 'mfaDeactivated', matches: true },
      { kind: 'accessKeyCreated', matches: true },
    ]);
    const posts = await slack.waitForPosts(before + 1);
    expect(posts[before]?.text).toContain('Test alert from IAM Onboarding Assistant');
    expect(posts[before]?.text).toContain(`Account: ${sandbox.accountId} (acme-prod)`);
    const d = await sandbox.guard.waitForDeliveries(2);
    const email = d.find((x) => x.kind === 'sns');
    expect(email?.fanOut).toEqual(['email:security@example.com']);
    expect(email?.body).toContain('Test alert from IAM Onboarding Assistant | Account: ');
  });

  it('the webhook URL never reaches a log line', () => {
    const secretPath = new URL(slack.webhookUrl).pathname;
    expect(logLines.join('\n')).not.toContain(secretPath);
  });

  it('removing the alerts deletes every piece; a later root sign-in reaches nobody', async () => {
    const removed = await call('admin:guard:alertsRemove', {});
    expect(removed.removed.map((i) => i.kind).sort()).toEqual(['apiDestination', 'connection', 'role', 'rolePolicy', 'rule', 'rule', 'rule', 'rule', 'testRule', 'topic']);
    expect(sandbox.guard.view()).toMatchObject({ rules: [], apiDestinations: [], connections: [], topics: [] });
    expect(sandbox.state.getRootFlags()).toBeDefined();
    const before = slack.posts.length;
    sandbox.guard.clearDeliveries();
    await sandbox.guard.simulateRootSignIn({ result: 'Success' });
    expect(sandbox.guard.deliveries()).toEqual([]);
    expect(slack.posts.length).toBe(before);
    await expect(call('admin:guard:alertsRemove', {})).rejects.toMatchObject({ code: 'adminGuard.nothingToRemove' });
    expect((await checks()).rootAlerts?.status).toBe('fail');
  });

  it('removing the trail keeps a bucket that already holds logs, and says so', async () => {
    const r = await call('admin:guard:trailRemove', {});
    expect(r).toMatchObject({ trailName: 'iam-onboarding-account-trail', bucketKept: 'notEmpty' });
    expect(sandbox.guard.view().trails).toEqual([]);
    expect(sandbox.guard.view().buckets[0]?.objectCount).toBeGreaterThan(0);
    // Without a trail, API-call events no longer reach EventBridge.
    expect((await sandbox.guard.simulateRootApiCall({ eventName: 'DeactivateMFADevice' })).delivered).toBe(false);
  });

  it('S3 Block Public Access: on, then undone to exactly what was there', async () => {
    sandbox.guard.setAccountPublicAccessBlock({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    const on = await call('admin:guard:blockPublicAccess', {});
    expect(on.previous).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect(sandbox.guard.view().accountPublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect((await checks()).s3PublicAccess?.status).toBe('ok');
    expect(await call('admin:guard:restorePublicAccess', {})).toEqual({ restored: on.previous });
    expect(sandbox.guard.view().accountPublicAccessBlock).toEqual(on.previous);
    // Undo writes only what main saw before its own change: nothing recorded, nothing written.
    await expect(call('admin:guard:restorePublicAccess', {})).rejects.toMatchObject({ code: 'adminGuard.nothingToRestore' });
    expect(sandbox.guard.view().accountPublicAccessBlock).toEqual(on.previous);
    sandbox.guard.setAccountPublicAccessBlock(null);
    expect((await call('admin:guard:blockPublicAccess', {})).previous).toBeNull();
    expect(await call('admin:guard:restorePublicAccess', {})).toEqual({ restored: null });
    expect(sandbox.guard.view().accountPublicAccessBlock).toBeNull();
  });

  it('security groups open to the world on SSH, RDP or everything are listed with region, group and rule', async () => {
    const ssh = sandbox.guard.addSecurityGroup('eu-west-1', 'bastion', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const all = sandbox.guard.addSecurityGroup('ap-northeast-2', 'wide-open', [{ IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: '::/0' }] }]);
    const rdp = sandbox.guard.addSecurityGroup('us-west-2', 'windows', [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 4000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    sandbox.guard.addSecurityGroup('us-east-1', 'office-ssh', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24' }] }]);
    sandbox.guard.addSecurityGroup('us-east-1', 'web', [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const c = await checks();
    expect(c.securityGroups?.status).toBe('fail');
    if (c.securityGroups?.id !== 'securityGroups') throw new Error('no row');
    expect(c.securityGroups.findings.map((f) => [f.region, f.groupId, f.groupName, f.ports, f.cidr])).toEqual([
      ['ap-northeast-2', all, 'wide-open', 'all', '::/0'],
      ['eu-west-1', ssh, 'bastion', '22', '0.0.0.0/0'],
      ['us-west-2', rdp, 'windows', '3000-4000', '0.0.0.0/0'],
    ]);
  });
});
