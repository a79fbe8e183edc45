import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp } from '../../../../../electron/app/compose';
import { silentLogger } from '../../../../../electron/logging/logger';
import { createNodePorts } from '../../../../../electron/platform/node-ports';
import { startSandbox, type Sandbox } from '../../../../sandbox/index';
import { awsError } from '../../../../sandbox/test-helpers';
import { dispatchCaller } from '../../../../support/dispatch-call';
import { EN_TEXT } from '../../../../support/alert-text';

function appWithDeps(sandbox: Sandbox, region?: string) {
  const home = mkdtempSync(join(tmpdir(), 'guard-p-'));
  const { handlers, deps } = composeApp({
    platform: createNodePorts({ home, userData: join(home, 'userData') }),
    log: silentLogger,
    env: { ...sandbox.env, ...(region ? { AWS_REGION: region } : {}), AWS_CONFIG_FILE: join(home, 'c'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'k') },
    info: { version: 't', platform: 'linux' },
    maxAttempts: 1,
  });
  return { call: dispatchCaller(() => handlers), deps };
}
const app = (sandbox: Sandbox) => appWithDeps(sandbox).call;

/** Who may do what: each check on its own with its missing permission; read-only admins can check; abuse is denied. */
describe('account guard permissions', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  it('an admin with no permission: every row says which permission it lacks, none breaks the others', async () => {
    const u = sandbox.scenario.newUser({ userName: 'nobody', withAccessKey: true });
    const call = app(sandbox);
    await call('admin:signInWithKeys', { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    const rows = (await call('admin:guard:checks', {})).checks.map((c) => [c.id, c.status, c.missingPermission, c.errorCode]);
    expect(rows).toEqual([
      ['cloudTrail', 'unknown', 'cloudtrail:DescribeTrails', 'AccessDenied'],
      ['rootAlerts', 'unknown', 'events:ListRules', 'AccessDenied'],
      ['s3PublicAccess', 'unknown', 's3:GetAccountPublicAccessBlock', 'AccessDenied'],
      ['securityGroups', 'unknown', 'ec2:DescribeRegions', 'UnauthorizedOperation'],
    ]);
  });

  it('a read-only auditor: all four checks run; creating the trail fails on s3:CreateBucket with nothing created', async () => {
    // ReadOnlyAccess through a group, as an auditor would have it.
    sandbox.scenario.createGroup('auditors', ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    const u = sandbox.scenario.newUser({ userName: 'auditor', withAccessKey: true, groups: ['auditors'] });
    const call = app(sandbox);
    await call('admin:signInWithKeys', { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    const checks = (await call('admin:guard:checks', {})).checks;
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['cloudTrail', 'fail'],
      ['rootAlerts', 'fail'],
      ['s3PublicAccess', 'fail'],
      ['securityGroups', 'ok'],
    ]);
    const plan = await call('admin:guard:trailPlan', {});
    await expect(call('admin:guard:trailApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 's3:CreateBucket' } });
    await expect(call('admin:guard:blockPublicAccess', {})).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 's3:PutAccountPublicAccessBlock' } });
    const alerts = await call('admin:guard:alertsPlan', { slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/abc', text: EN_TEXT });
    await expect(call('admin:guard:alertsApply', { planId: alerts.planId })).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 'events:CreateConnection' } });
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [], rules: [], connections: [], apiDestinations: [], accountPublicAccessBlock: null });
  });

  it('a half-permitted admin: a failure midway undoes the steps already done', async () => {
    const u = sandbox.scenario.newUser({
      userName: 'half',
      withAccessKey: true,
      policies: [{ name: 'NoCloudTrailCreate', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 'cloudtrail:Describe*', 'iam:*', 'events:*', 'sns:*'], Resource: '*' }] } }],
    });
    const call = app(sandbox);
    await call('admin:signInWithKeys', { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string });
    const plan = await call('admin:guard:trailPlan', {});
    await expect(call('admin:guard:trailApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'admin.missingPermission', params: { permission: 'cloudtrail:CreateTrail' } });
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [] }); // the bucket made in step 1 is gone again
  });

  it('a trail created from one default region is seen and removed from another (shadow trail)', async () => {
    const keys = { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey };
    const west = appWithDeps(sandbox, 'us-west-2').call;
    await west('admin:signInWithKeys', keys);
    await west('admin:guard:trailApply', { planId: (await west('admin:guard:trailPlan', {})).planId });
    const eu = appWithDeps(sandbox, 'eu-west-1').call;
    await eu('admin:signInWithKeys', keys);
    const row = (await eu('admin:guard:checks', {})).checks.find((c) => c.id === 'cloudTrail');
    expect(row).toMatchObject({ status: 'ok', region: 'eu-west-1', trails: [{ homeRegion: 'us-west-2', ours: true }] });
    expect(await eu('admin:guard:trailRemove', {})).toMatchObject({ bucketKept: null });
    expect(sandbox.guard.view()).toMatchObject({ trails: [], buckets: [] });
  });

  it('the idle lock drops a pending plan and the webhook URL in it: it cannot be applied after signing in again', async () => {
    const { call, deps } = appWithDeps(sandbox);
    const keys = { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey };
    await call('admin:signInWithKeys', keys);
    const plan = await call('admin:guard:alertsPlan', { slackWebhookUrl: 'https://hooks.slack.com/services/T1/B1/pending', text: EN_TEXT });
    await deps.lifecycle.lock('idle');
    await expect(call('admin:guard:alertsApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'adminGuard.planExpired' });
    expect((await call('admin:identity', {}))).toBeNull(); // and the admin is signed out
    await call('admin:signInWithKeys', keys);
    await expect(call('admin:guard:alertsApply', { planId: plan.planId })).rejects.toMatchObject({ code: 'adminGuard.planExpired' });
    expect(sandbox.guard.view().apiDestinations).toEqual([]);
  });

  it('attacks: no fake root events on the bus, no borrowing the alert role without iam:PassRole, no template injection, no stale plan', async () => {
    const admin = app(sandbox);
    await admin('admin:signInWithKeys', { accessKeyId: sandbox.admin.accessKeyId, secretAccessKey: sandbox.admin.secretAccessKey });
    const plan = await admin('admin:guard:alertsPlan', { slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/real', text: EN_TEXT });
    await admin('admin:guard:alertsApply', { planId: plan.planId });

    // 1. Someone with events:* but no iam:PassRole tries to send the alert role's invocations elsewhere.
    const m = sandbox.scenario.newUser({ userName: 'mallory', withAccessKey: true, policies: [{ name: 'EventsOnly', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:*', Resource: '*' }] } }] });
    const events = new EventBridgeClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: { accessKeyId: m.accessKeyId as string, secretAccessKey: m.secretAccessKey as string }, maxAttempts: 1 });
    await events.send(new PutRuleCommand({ Name: 'steal', EventPattern: JSON.stringify({ source: ['aws.signin'] }) }));
    const roleArn = `arn:aws:iam::${sandbox.accountId}:role/iam-onboarding-root-events-to-slack`;
    const denied = await awsError(events.send(new PutTargetsCommand({ Rule: 'steal', Targets: [{ Id: 'x', Arn: 'arn:aws:events:us-east-1:1:api-destination/x/y', RoleArn: roleArn }] })));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    expect(denied.message).toContain('iam:PassRole');

    // 2. Nobody may put an aws.* event on the bus: a forged "root signed in" is refused, nothing is delivered.
    sandbox.guard.clearDeliveries();
    const forged = await events.send(new PutEventsCommand({ Entries: [{ Source: 'aws.signin', DetailType: 'AWS Console Sign In via CloudTrail', Detail: JSON.stringify({ userIdentity: { type: 'Root' }, responseElements: { ConsoleLogin: 'Success' } }) }] }));
    expect(forged.Entries?.[0]).toMatchObject({ ErrorCode: 'NotAuthorizedForSourceException' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sandbox.guard.deliveries()).toEqual([]);

    // 3. Alert text that could close the JSON string or open a placeholder is refused at the IPC seam.
    for (const bad of ['x" , "channel": "#general', 'see <aws.events.event.json>', 'line\nbreak', 'back\\slash'])
      await expect(admin('admin:guard:alertsPlan', { slackWebhookUrl: 'https://hooks.slack.com/services/T/B/c', text: { ...EN_TEXT, labels: { ...EN_TEXT.labels, account: bad } } })).rejects.toMatchObject({ code: 'ipc.invalidInput' });

    // 4. Plain HTTP, credentials in the URL, or no channel at all.
    for (const url of ['http://hooks.slack.com/services/T/B/c', 'https://user:pw@hooks.slack.com/services/T/B/c', 'not a url'])
      await expect(admin('admin:guard:alertsPlan', { slackWebhookUrl: url, text: EN_TEXT })).rejects.toMatchObject({ code: 'adminGuard.webhookInvalid' });
    await expect(admin('admin:guard:alertsPlan', { text: EN_TEXT })).rejects.toMatchObject({ code: 'adminGuard.noChannel' });

    // 5. A plan id that is not the latest plan's is refused.
    await expect(admin('admin:guard:alertsApply', { planId: 'f'.repeat(32) })).rejects.toMatchObject({ code: 'adminGuard.planExpired' });

    // 6. The sandbox never connects anywhere but loopback: the real Slack host is recorded as refused.
    await sandbox.guard.simulateRootSignIn({ result: 'Success' });
    const d = sandbox.guard.deliveries().find((x) => x.kind === 'apiDestination');
    expect(d?.error).toContain('sandbox refuses non-loopback endpoint hooks.slack.com');
    await admin('admin:guard:alertsRemove', {});
  });
});
