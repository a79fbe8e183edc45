import {
  CreateTrailCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  StartLoggingCommand,
  type EventSelector,
  type AdvancedEventSelector,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src/shared/errors/app-error';
import { awsErrorName } from '../../aws/aws-error';
import { tagAction } from '../iam-call';
import type { GuardClients } from './guard-clients';
import { runSteps, type CreatedItem } from './steps';

export const TRAIL_NAME = 'iam-onboarding-account-trail';
export const APP_TAG = { Key: 'managed-by', Value: 'iam-onboarding-assistant' };

export interface TrailRow {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  logging: boolean | null;
  managementEvents: boolean | null;
  ours: boolean;
}

/** Write management events are what alerts on root API calls need (read-only selectors do not record them). */
export function logsManagementEvents(classic: EventSelector[] = [], advanced: AdvancedEventSelector[] = []): boolean {
  if (classic.some((s) => s.IncludeManagementEvents !== false && s.ReadWriteType !== 'ReadOnly')) return true;
  return advanced.some((a) => {
    const f = a.FieldSelectors ?? [];
    const management = f.some((x) => x.Field === 'eventCategory' && (x.Equals ?? []).includes('Management'));
    const readOnlyOnly = f.some((x) => x.Field === 'readOnly' && (x.Equals ?? []).includes('true'));
    return management && !readOnlyOnly;
  });
}

/**
 * Trails whose events reach the admin's region, shadow copies of multi-region trails included (DescribeTrails
 * includeShadowTrails); status and selectors are read in each trail's home region.
 */
export async function readTrails(c: GuardClients): Promise<TrailRow[]> {
  const region = c.homeRegion;
  const out = await tagAction('cloudtrail:DescribeTrails', c.get('cloudtrail', region).send(new DescribeTrailsCommand({ includeShadowTrails: true })));
  return Promise.all(
    (out.trailList ?? []).map(async (t) => {
      const home = t.HomeRegion ?? region;
      const ct = c.get('cloudtrail', home);
      const id = t.TrailARN ?? t.Name ?? '';
      const status = await tagAction('cloudtrail:GetTrailStatus', ct.send(new GetTrailStatusCommand({ Name: id })));
      const sel = await tagAction('cloudtrail:GetEventSelectors', ct.send(new GetEventSelectorsCommand({ TrailName: id })));
      return {
        name: t.Name ?? '',
        homeRegion: home,
        multiRegion: t.IsMultiRegionTrail === true,
        logging: status.IsLogging ?? null,
        managementEvents: logsManagementEvents(sel.EventSelectors, sel.AdvancedEventSelectors),
        ours: t.Name === TRAIL_NAME,
      };
    }),
  );
}

export const trailCovers = (rows: TrailRow[]): boolean => rows.some((t) => t.multiRegion && t.logging === true && t.managementEvents === true);

export interface TrailPlan {
  region: string;
  trailName: string;
  bucketName: string;
  bucketPolicy: string;
  items: CreatedItem[];
}

/**
 * The bucket policy CloudTrail needs (CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail"), scoped to
 * this trail by aws:SourceArn, plus a deny of plain HTTP.
 */
export function trailBucketPolicy(o: { partition: string; accountId: string; region: string; bucket: string; trail: string }): string {
  const bucketArn = `arn:${o.partition}:s3:::${o.bucket}`;
  const trailArn = `arn:${o.partition}:cloudtrail:${o.region}:${o.accountId}:trail/${o.trail}`;
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucketArn}/AWSLogs/${o.accountId}/*`,
          Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
        },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    },
    null,
    2,
  );
}

export function planTrail(c: GuardClients, account: { accountId: string; partition: string }): TrailPlan {
  const region = c.homeRegion;
  const bucketName = `iam-onboarding-cloudtrail-${account.accountId}-${randomBytes(3).toString('hex')}`;
  const bucketPolicy = trailBucketPolicy({ ...account, region, bucket: bucketName, trail: TRAIL_NAME });
  return {
    region,
    trailName: TRAIL_NAME,
    bucketName,
    bucketPolicy,
    items: [
      { service: 'S3', kind: 'bucket', name: bucketName, detail: region },
      { service: 'S3', kind: 'bucketPublicAccessBlock', name: bucketName, detail: null },
      { service: 'S3', kind: 'bucketEncryption', name: bucketName, detail: 'AES256' },
      { service: 'S3', kind: 'bucketPolicy', name: bucketName, detail: null },
      { service: 'CloudTrail', kind: 'trail', name: TRAIL_NAME, detail: region },
      { service: 'CloudTrail', kind: 'startLogging', name: TRAIL_NAME, detail: null },
    ],
  };
}

/** Creates exactly what the plan listed; a failed step undoes the steps before it. */
export async function applyTrail(c: GuardClients, plan: TrailPlan): Promise<{ trailArn: string }> {
  const s3 = c.get('s3', plan.region);
  const ct = c.get('cloudtrail', plan.region);
  const Bucket = plan.bucketName;
  let trailArn = '';
  await runSteps([
    {
      item: plan.items[0] as CreatedItem,
      run: () =>
        tagAction(
          's3:CreateBucket',
          s3.send(
            new CreateBucketCommand({
              Bucket,
              // Outside us-east-1 S3 wants the region named (CreateBucket, LocationConstraint).
              ...(plan.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: plan.region as BucketLocationConstraint } }),
            }),
          ),
        ),
      undo: () => s3.send(new DeleteBucketCommand({ Bucket })),
    },
    {
      item: plan.items[1] as CreatedItem,
      run: () =>
        tagAction(
          's3:PutBucketPublicAccessBlock',
          s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } })),
        ),
    },
    {
      item: plan.items[2] as CreatedItem,
      run: () =>
        tagAction(
          's3:PutEncryptionConfiguration',
          s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] } })),
        ),
    },
    { item: plan.items[3] as CreatedItem, run: () => tagAction('s3:PutBucketPolicy', s3.send(new PutBucketPolicyCommand({ Bucket, Policy: plan.bucketPolicy }))) },
    {
      item: plan.items[4] as CreatedItem,
      run: async () => {
        const out = await tagAction(
          'cloudtrail:CreateTrail',
          ct.send(
            new CreateTrailCommand({
              Name: plan.trailName,
              S3BucketName: Bucket,
              IsMultiRegionTrail: true,
              IncludeGlobalServiceEvents: true,
              EnableLogFileValidation: true,
              TagsList: [APP_TAG],
            }),
          ),
        );
        trailArn = out.TrailARN ?? '';
      },
      undo: () => ct.send(new DeleteTrailCommand({ Name: plan.trailName })),
    },
    { item: plan.items[5] as CreatedItem, run: () => tagAction('cloudtrail:StartLogging', ct.send(new StartLoggingCommand({ Name: plan.trailName }))) },
  ]);
  return { trailArn };
}

/** Undo: deletes this app's trail; its bucket goes too unless logs are already in it (those are kept, and said). */
export async function removeTrail(c: GuardClients): Promise<{ trailName: string; bucketName: string | null; bucketKept: 'notEmpty' | 'notDeleted' | null }> {
  // Listed with shadow trails: this app's trail may be homed in a region other than today's default.
  const out = await tagAction('cloudtrail:DescribeTrails', c.get('cloudtrail', c.homeRegion).send(new DescribeTrailsCommand({ includeShadowTrails: true })));
  const t = (out.trailList ?? []).find((x) => x.Name === TRAIL_NAME);
  if (!t) throw new AppError('adminGuard.nothingToRemove');
  const home = t.HomeRegion ?? c.homeRegion;
  await tagAction('cloudtrail:DeleteTrail', c.get('cloudtrail', home).send(new DeleteTrailCommand({ Name: TRAIL_NAME })));
  const bucket = t.S3BucketName ?? null;
  if (!bucket) return { trailName: TRAIL_NAME, bucketName: null, bucketKept: null };
  try {
    await c.get('s3', home).send(new DeleteBucketCommand({ Bucket: bucket }));
    return { trailName: TRAIL_NAME, bucketName: bucket, bucketKept: null };
  } catch (error) {
    const code = awsErrorName(error);
    if (code === 'NoSuchBucket') return { trailName: TRAIL_NAME, bucketName: bucket, bucketKept: null };
    // The trail is gone either way; delivered logs are evidence, so a bucket with logs stays.
    return { trailName: TRAIL_NAME, bucketName: bucket, bucketKept: code === 'BucketNotEmpty' ? 'notEmpty' : 'notDeleted' };
  }
}
