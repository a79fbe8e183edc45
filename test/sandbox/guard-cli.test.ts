import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';

/** The account-guard services driven by the AWS CLI (botocore's own serializers), not only by the JS SDK. */
describe.skipIf(!existsSync(AWS))('AWS CLI against the sandbox: CloudTrail, EventBridge, SNS, S3, EC2 (skipped when /usr/bin/aws is missing)', () => {
  let sb: Sandbox;
  let home: string;
  beforeAll(async () => {
    sb = await startSandbox();
    home = mkdtempSync(join(tmpdir(), 'guard-cli-'));
    writeFileSync(join(home, 'config'), '[default]\ns3 =\n    addressing_style = path\n');
    writeFileSync(join(home, 'credentials'), '');
  });
  afterAll(() => sb.stop());

  const aws = async (args: string[]) => {
    const { stdout } = await run(AWS, ['--endpoint-url', sb.url, '--output', 'json', ...args], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ACCESS_KEY_ID: sb.admin.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_PAGER: '',
      },
    });
    return (stdout.trim() ? JSON.parse(stdout) : {}) as Record<string, unknown>;
  };

  it('creates a bucket with the CloudTrail policy and a multi-region trail, seen from another region', async () => {
    await aws(['s3api', 'create-bucket', '--bucket', 'cli-trail-bucket']);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::cli-trail-bucket' },
        { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::cli-trail-bucket/AWSLogs/${sb.accountId}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
      ],
    };
    // Without the policy CloudTrail refuses the bucket, as AWS does.
    const refused = await run(AWS, ['--endpoint-url', sb.url, 'cloudtrail', 'create-trail', '--name', 'cli', '--s3-bucket-name', 'cli-trail-bucket'], {
      env: { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_ACCESS_KEY_ID: sb.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' },
    }).catch((e: { stderr: string }) => e);
    expect((refused as { stderr: string }).stderr).toContain('InsufficientS3BucketPolicyException');
    await aws(['s3api', 'put-bucket-policy', '--bucket', 'cli-trail-bucket', '--policy', JSON.stringify(policy)]);
    const trail = await aws(['cloudtrail', 'create-trail', '--name', 'cli', '--s3-bucket-name', 'cli-trail-bucket', '--is-multi-region-trail']);
    expect(trail).toMatchObject({ Name: 'cli', IsMultiRegionTrail: true });
    const shadow = await aws(['cloudtrail', 'describe-trails', '--region', 'eu-west-1']);
    expect(shadow.trailList).toMatchObject([{ Name: 'cli', HomeRegion: 'us-east-1' }]);
  });

  it('a rule with an SNS target: a simulated root sign-in is matched and published', async () => {
    const topic = await aws(['sns', 'create-topic', '--name', 'cli-alerts']);
    const arn = topic.TopicArn as string;
    await aws(['sns', 'set-topic-attributes', '--topic-arn', arn, '--attribute-name', 'Policy', '--attribute-value', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn }] })]);
    await aws(['sns', 'subscribe', '--topic-arn', arn, '--protocol', 'email', '--notification-endpoint', 'ops@example.com']);
    sb.guard.confirmSubscriptions('ops@example.com');
    await aws(['events', 'put-rule', '--name', 'root-login', '--event-pattern', JSON.stringify({ 'detail-type': ['AWS Console Sign In via CloudTrail'], detail: { userIdentity: { type: ['Root'] } } })]);
    await aws(['events', 'put-targets', '--rule', 'root-login', '--targets', JSON.stringify([{ Id: 'sns', Arn: arn, InputTransformer: { InputPathsMap: { ip: '$.detail.sourceIPAddress' }, InputTemplate: '"root from <ip>"' } }])]);
    // Through the HTTP control surface, as an out-of-process test or a person with curl would.
    const sim = await fetch(`${sb.url}/__sandbox/guard/root-sign-in`, { method: 'POST', body: JSON.stringify({ result: 'Failure', sourceIp: '198.51.100.4' }) });
    expect(((await sim.json()) as { event: { detail: { responseElements: unknown } } }).event.detail.responseElements).toEqual({ ConsoleLogin: 'Failure' });
    const deliveries = await (await fetch(`${sb.url}/__sandbox/guard/deliveries`)).json();
    expect(deliveries).toMatchObject([{ kind: 'sns', rule: 'root-login', body: '"root from 198.51.100.4"', fanOut: ['email:ops@example.com'] }]);
    const bad = await run(AWS, ['--endpoint-url', sb.url, 'events', 'put-events', '--entries', JSON.stringify([{ Source: 'aws.signin', DetailType: 'x', Detail: '{}' }])], {
      env: { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_ACCESS_KEY_ID: sb.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(JSON.parse(bad.stdout)).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'NotAuthorizedForSourceException' }] });
  });

  it('EC2: an SSH rule open to the world; an opt-in region never enabled answers AuthFailure', async () => {
    const id = sb.guard.addSecurityGroup('us-east-1', 'ssh-world', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }]);
    const groups = await aws(['ec2', 'describe-security-groups', '--group-ids', id]);
    expect(groups.SecurityGroups).toMatchObject([{ GroupId: id, GroupName: 'ssh-world', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }]);
    const denied = await run(AWS, ['--endpoint-url', sb.url, '--region', 'ap-east-1', 'ec2', 'describe-security-groups'], {
      env: { ...process.env, HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_ACCESS_KEY_ID: sb.admin.accessKeyId, AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey },
    }).catch((e: { stderr: string }) => e);
    expect((denied as { stderr: string }).stderr).toContain('AuthFailure'); // an opt-in region this account never enabled
  });
});
