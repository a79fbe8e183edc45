import { CloudTrailClient, CreateTrailCommand, DeleteTrailCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeRegionsCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateApiDestinationCommand, CreateConnectionCommand, DeleteRuleCommand, EventBridgeClient, ListRulesCommand, PutRuleCommand, PutTargetsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchesPattern, parsePattern } from './services/event-pattern';
import { transformInput } from './services/input-transformer';
import { startSandbox, type Sandbox } from './index';
import { awsError, type Creds } from './test-helpers';

/** The account-guard services' documented behaviour, each case from the service's API reference or user guide. */
describe('event patterns (EventBridge user guide, "Event patterns" and "Content filtering")', () => {
  const event = { source: 'aws.signin', 'detail-type': 'AWS Console Sign In via CloudTrail', detail: { userIdentity: { type: 'Root' }, tags: ['a', 'b'], n: 5 } };
  it('matches literal values, any of an array, array-valued fields, nested objects; an absent field never matches a literal', () => {
    expect(matchesPattern(parsePattern('{"detail":{"userIdentity":{"type":["IAMUser","Root"]}}}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail":{"tags":["b"]}}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail":{"n":[5]}}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail":{"missing":{"type":["Root"]}}}'), event)).toBe(false);
    expect(matchesPattern(parsePattern('{"source":["aws.iam"]}'), event)).toBe(false);
  });
  it('prefix, suffix, anything-but, exists, equals-ignore-case', () => {
    expect(matchesPattern(parsePattern('{"source":[{"prefix":"aws."}]}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail-type":[{"suffix":"CloudTrail"}]}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"source":[{"anything-but":["aws.signin"]}]}'), event)).toBe(false);
    expect(matchesPattern(parsePattern('{"detail":{"errorMessage":[{"exists":false}]}}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail":{"n":[{"exists":true}]}}'), event)).toBe(true);
    expect(matchesPattern(parsePattern('{"detail":{"userIdentity":{"type":[{"equals-ignore-case":"root"}]}}}'), event)).toBe(true);
  });
  it('refuses what it does not implement rather than matching loosely', () => {
    for (const bad of ['[]', '{"source":"aws.signin"}', '{"source":[]}', '{"source":[{"wildcard":"aws.*"}]}', '{"$or":[{"source":["a"]}]}', 'not json'])
      expect(() => parsePattern(bad), bad).toThrow(/Event pattern is not valid/);
  });
});

describe('input transformer (EventBridge user guide, "Transforming target input", its examples)', () => {
  const ec2 = { version: '0', id: '7bf73129', 'detail-type': 'EC2 Instance State-change Notification', source: 'aws.ec2', account: '123456789012', time: '2015-11-11T21:29:54Z', region: 'us-east-1', resources: [], detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' } };
  const paths = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
  const t = (tpl: string) => transformInput({ InputPathsMap: paths, InputTemplate: tpl }, ec2, { name: 'example', arn: 'arn:aws:events:us-east-2:123456789012:rule/example' }, new Date(0));
  it('gives the documented outputs', () => {
    expect(t('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
    expect(t('{"instance" : <instance>, "state": <state>}')).toBe('{"instance":"i-0123456789","state":"RUNNING"}');
    expect(JSON.parse(t('{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}'))).toEqual({ instance: 'i-0123456789', state: 'RUNNING', instanceStatus: 'instance "i-0123456789" is in RUNNING' });
    expect(JSON.parse(t('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}'))).toEqual({ instance: 'i-0123456789', state: [9, 'RUNNING', true], Transformed: 'Yes' });
    expect(t('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });
  it('does not escape extracted values (a quote in a value breaks the JSON, as AWS warns)', () => {
    const quoted = { ...ec2, detail: { ...ec2.detail, state: 'RUN"NING' } };
    const out = transformInput({ InputPathsMap: paths, InputTemplate: '{"s": "<state>"}' }, quoted, { name: 'x', arn: 'y' }, new Date(0));
    expect(out).toBe('{"s": "RUN"NING"}');
  });
});

describe('account-guard services over the wire', () => {
  let sb: Sandbox;
  let creds: Creds;
  const cfg = (region = 'us-east-1', c?: Creds) => ({ endpoint: sb.url, region, credentials: c ?? creds, maxAttempts: 1 });
  beforeAll(async () => {
    sb = await startSandbox();
    creds = { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey };
  });
  afterAll(() => sb.stop());

  it('CloudTrail: no bucket, a bucket without the policy, the home region rule, unknown trails', async () => {
    const ct = new CloudTrailClient(cfg('eu-west-1'));
    expect(await awsError(ct.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'nope' })))).toMatchObject({ name: 'S3BucketDoesNotExistException' });
    const s3 = new S3Client({ ...cfg('eu-west-1'), forcePathStyle: true });
    // The bucket's region must be the endpoint's.
    expect(await awsError(s3.send(new CreateBucketCommand({ Bucket: 'trail-b1', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } })))).toMatchObject({ name: 'IllegalLocationConstraintException', status: 400 });
    await s3.send(new CreateBucketCommand({ Bucket: 'trail-b1', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    expect(await awsError(ct.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'trail-b1' })))).toMatchObject({ name: 'InsufficientS3BucketPolicyException' });
    // A policy for some other trail (aws:SourceArn) is not enough either.
    const policy = (trailArn: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::trail-b1', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::trail-b1/AWSLogs/${sb.accountId}/*`, Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } } },
        ],
      });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'trail-b1', Policy: policy(`arn:aws:cloudtrail:eu-west-1:${sb.accountId}:trail/other`) }));
    expect(await awsError(ct.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'trail-b1' })))).toMatchObject({ name: 'InsufficientS3BucketPolicyException' });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'trail-b1', Policy: policy(`arn:aws:cloudtrail:eu-west-1:${sb.accountId}:trail/trail-one`) }));
    const t = await ct.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'trail-b1', IsMultiRegionTrail: true }));
    expect(await awsError(ct.send(new CreateTrailCommand({ Name: 'trail-one', S3BucketName: 'trail-b1' })))).toMatchObject({ name: 'TrailAlreadyExistsException' });
    const elsewhere = new CloudTrailClient(cfg('us-west-2'));
    expect(await elsewhere.send(new GetTrailStatusCommand({ Name: t.TrailARN }))).toMatchObject({ IsLogging: false });
    expect(await awsError(elsewhere.send(new DeleteTrailCommand({ Name: t.TrailARN })))).toMatchObject({ name: 'InvalidHomeRegionException' });
    expect(await awsError(ct.send(new GetTrailStatusCommand({ Name: 'ghost' })))).toMatchObject({ name: 'TrailNotFoundException' });
  });

  it('EventBridge: bad patterns, rules with targets cannot be deleted, API destinations are HTTPS and need a role', async () => {
    const ev = new EventBridgeClient(cfg());
    expect(await awsError(ev.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":"x"}' })))).toMatchObject({ name: 'InvalidEventPatternException' });
    await ev.send(new PutRuleCommand({ Name: 'r', EventPattern: '{"source":["x"]}' }));
    const conn = await ev.send(new CreateConnectionCommand({ Name: 'c', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }));
    expect(await awsError(ev.send(new CreateApiDestinationCommand({ Name: 'd', ConnectionArn: conn.ConnectionArn, InvocationEndpoint: 'http://127.0.0.1:1/x', HttpMethod: 'POST' })))).toMatchObject({ name: 'ValidationException' });
    const d = await ev.send(new CreateApiDestinationCommand({ Name: 'd', ConnectionArn: conn.ConnectionArn, InvocationEndpoint: 'https://127.0.0.1:1/x', HttpMethod: 'POST' }));
    const noRole = await ev.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'a', Arn: d.ApiDestinationArn }] }));
    expect(noRole).toMatchObject({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'a', ErrorCode: 'ValidationException' }] });
    await ev.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'a', Arn: `arn:aws:sns:us-east-1:${sb.accountId}:t` }] }));
    expect(await awsError(ev.send(new DeleteRuleCommand({ Name: 'r' })))).toMatchObject({ name: 'ValidationException', message: "Rule can't be deleted since it has targets." });
    const event = { id: '1', account: sb.accountId, source: 'x', time: '2025-01-01T00:00:00Z', region: 'us-east-1', 'detail-type': 'y', resources: [], detail: {} };
    expect(await ev.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: JSON.stringify(event) }))).toMatchObject({ Result: true });
    expect(await awsError(ev.send(new TestEventPatternCommand({ EventPattern: '{"source":["x"]}', Event: '{"source":"x"}' })))).toMatchObject({ name: 'ValidationException' });
  });

  it("each service denies in its own words; S3 Control refuses another account's setting; bad signatures and unsigned requests fail", async () => {
    const u = sb.scenario.newUser({ userName: 'nobody', withAccessKey: true });
    const nobody = { accessKeyId: u.accessKeyId as string, secretAccessKey: u.secretAccessKey as string };
    expect(await awsError(new SNSClient(cfg('us-east-1', nobody)).send(new CreateTopicCommand({ Name: 'x' })))).toMatchObject({ name: 'AuthorizationErrorException', status: 403 });
    expect(await awsError(new EC2Client(cfg('us-east-1', nobody)).send(new DescribeSecurityGroupsCommand({})))).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
    expect(await awsError(new EventBridgeClient(cfg('us-east-1', nobody)).send(new PutRuleCommand({ Name: 'x', EventPattern: '{"source":["x"]}' })))).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    const s3c = new S3ControlClient({ ...cfg(), endpointProvider: () => ({ url: new URL(sb.url) }) });
    expect(await awsError(s3c.send(new GetPublicAccessBlockCommand({ AccountId: '210987654321' })))).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(await awsError(s3c.send(new GetPublicAccessBlockCommand({ AccountId: sb.accountId })))).toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration', status: 404 });
    const wrongSecret = { accessKeyId: sb.admin.accessKeyId, secretAccessKey: 'x'.repeat(40) };
    expect(await awsError(new EventBridgeClient(cfg('us-east-1', wrongSecret)).send(new PutRuleCommand({ Name: 'x', EventPattern: '{"source":["x"]}' })))).toMatchObject({ name: 'InvalidSignatureException' });
    expect(await awsError(new EC2Client(cfg('us-east-1', wrongSecret)).send(new DescribeSecurityGroupsCommand({})))).toMatchObject({ name: 'AuthFailure' });
    const unsigned = await fetch(sb.url + '/', { method: 'POST', headers: { 'x-amz-target': 'AWSEvents.ListRules', 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    expect(sb.guard.view()).toMatchObject({ topics: [], accountPublicAccessBlock: null });
  });

  it('faults: throttling and 5xx in each service\'s words; the SDK retries them; a dropped answer after the act', async () => {
    sb.faults.set('DescribeRegions', { error5xx: { times: 1 } });
    expect(await awsError(new EC2Client(cfg()).send(new DescribeRegionsCommand({})))).toMatchObject({ name: 'InternalError', status: 500 });
    sb.faults.set('DescribeRegions', { error5xx: { times: 1 } });
    expect((await new EC2Client({ ...cfg(), maxAttempts: 2 }).send(new DescribeRegionsCommand({}))).Regions).toHaveLength(17);
    sb.faults.set('ListRules', { throttle: { ratePerSec: 0.001, burst: 1 } });
    const ev = new EventBridgeClient(cfg());
    await ev.send(new ListRulesCommand({}));
    expect(await awsError(ev.send(new ListRulesCommand({})))).toMatchObject({ name: 'ThrottlingException' });
    sb.faults.set('CreateTopic', { drop: { times: 1, after: true } });
    await expect(new SNSClient(cfg()).send(new CreateTopicCommand({ Name: 'lost-answer' }))).rejects.toThrow();
    expect(sb.guard.view().topics.map((t) => t.name)).toContain('lost-answer'); // it happened; only the answer was lost
    sb.faults.clear();
  });
});
