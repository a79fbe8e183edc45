import { AwsError } from '../errors';
import type { Trail } from './guard-state';
import { optString, reqString, type ServiceCtx } from './protocol';
import { servicePrincipalAllowed } from './resource-policy';

/** CloudTrail (JSON 1.1, X-Amz-Target CloudTrail_20131101.<Action>), the calls the app makes. AWS CloudTrail API Reference. */

type JsonAction = (ctx: ServiceCtx, input: Record<string, unknown>) => unknown;

const err = (code: string, message: string, status = 400): AwsError => new AwsError(code, message, status);

const trailArn = (ctx: ServiceCtx, region: string, name: string): string => `arn:aws:cloudtrail:${region}:${ctx.guard.accountId}:trail/${name}`;

function trailView(t: Trail) {
  return {
    Name: t.name,
    S3BucketName: t.s3BucketName,
    ...(t.s3KeyPrefix ? { S3KeyPrefix: t.s3KeyPrefix } : {}),
    IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
    IsMultiRegionTrail: t.isMultiRegionTrail,
    HomeRegion: t.homeRegion,
    TrailARN: t.arn,
    LogFileValidationEnabled: t.logFileValidationEnabled,
    ...(t.kmsKeyId ? { KmsKeyId: t.kmsKeyId } : {}),
    HasCustomEventSelectors: false,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  };
}

/** A trail by name (this region) or by ARN (any region whose events it covers, i.e. a shadow trail). */
function findTrail(ctx: ServiceCtx, nameOrArn: string): Trail {
  if (nameOrArn.startsWith('arn:')) {
    const t = ctx.guard.trailsCovering(ctx.region).find((x) => x.arn === nameOrArn);
    if (t) return t;
  } else {
    const t = ctx.guard.region(ctx.region).trails.get(nameOrArn);
    if (t) return t;
  }
  throw err('TrailNotFoundException', `Unknown trail: ${nameOrArn} for the user: ${ctx.guard.accountId}`);
}

/** Mutations of a multi-region trail only in its home region (InvalidHomeRegionException). */
function homeOnly(ctx: ServiceCtx, t: Trail): void {
  if (t.homeRegion !== ctx.region)
    throw err('InvalidHomeRegionException', `This operation must be called from the trail's home region (${t.homeRegion}).`);
}

/**
 * The bucket policy CloudTrail needs (CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail"):
 * s3:GetBucketAcl on the bucket and s3:PutObject on <prefix/>AWSLogs/<account>/* with
 * s3:x-amz-acl = bucket-owner-full-control, both for cloudtrail.amazonaws.com, checked with the trail's ARN as
 * aws:SourceArn. Without it CreateTrail answers InsufficientS3BucketPolicyException.
 */
function bucketPolicyAllowsTrail(policy: string | undefined, bucket: string, prefix: string | undefined, account: string, arn: string): boolean {
  const ctx = { 'aws:SourceArn': arn, 'aws:SourceAccount': account, 's3:x-amz-acl': 'bucket-owner-full-control' };
  const key = `arn:aws:s3:::${bucket}/${prefix ? `${prefix}/` : ''}AWSLogs/${account}/CloudTrail/us-east-1/log.json.gz`;
  return (
    servicePrincipalAllowed(policy, 'cloudtrail.amazonaws.com', 's3:GetBucketAcl', `arn:aws:s3:::${bucket}`, ctx) &&
    servicePrincipalAllowed(policy, 'cloudtrail.amazonaws.com', 's3:PutObject', key, ctx)
  );
}

export const cloudTrailActions: Record<string, JsonAction> = {
  CreateTrail(ctx, input) {
    const name = reqString(input, 'Name', 128);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/.test(name) || /[._-]{2}/.test(name))
      throw err('InvalidTrailNameException', 'Trail name must starts with a letter or number, contain only ASCII letters, numbers, periods (.), underscores (_), or dashes (-), be between 3 and 128 characters, and not have adjacent periods, underscores or dashes.');
    const bucket = reqString(input, 'S3BucketName');
    const prefix = optString(input, 'S3KeyPrefix');
    const arn = trailArn(ctx, ctx.region, name);
    ctx.authorize('cloudtrail:CreateTrail', arn);
    const r = ctx.guard.region(ctx.region);
    if (r.trails.has(name)) throw err('TrailAlreadyExistsException', `Trail ${name} already exists for customer: ${ctx.guard.accountId}`);
    const b = ctx.guard.buckets.get(bucket);
    if (!b) throw err('S3BucketDoesNotExistException', `S3 bucket ${bucket} does not exist.`);
    if (!bucketPolicyAllowsTrail(b.policy, bucket, prefix, ctx.guard.accountId, arn))
      throw err('InsufficientS3BucketPolicyException', `Incorrect S3 bucket policy is detected for bucket: ${bucket}`);
    const t: Trail = {
      name,
      arn,
      homeRegion: ctx.region,
      s3BucketName: bucket,
      ...(prefix ? { s3KeyPrefix: prefix } : {}),
      isMultiRegionTrail: input.IsMultiRegionTrail === true,
      includeGlobalServiceEvents: input.IncludeGlobalServiceEvents !== false,
      logFileValidationEnabled: input.EnableLogFileValidation === true,
      ...(typeof input.KmsKeyId === 'string' ? { kmsKeyId: input.KmsKeyId } : {}),
      isLogging: false,
      eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
      tags: Array.isArray(input.TagsList) ? (input.TagsList as Array<{ Key: string; Value: string }>) : [],
    };
    if (t.isMultiRegionTrail && !t.includeGlobalServiceEvents)
      throw err('InvalidParameterCombinationException', 'Multi-Region trail must include global service events.');
    r.trails.set(name, t);
    return trailView(t);
  },

  DescribeTrails(ctx, input) {
    ctx.authorize('cloudtrail:DescribeTrails');
    const names = Array.isArray(input.trailNameList) ? (input.trailNameList as string[]) : [];
    const shadow = input.includeShadowTrails !== false;
    const own = [...ctx.guard.region(ctx.region).trails.values()];
    const all = shadow ? ctx.guard.trailsCovering(ctx.region) : own;
    const picked = names.length ? all.filter((t) => names.includes(t.name) || names.includes(t.arn)) : all;
    return { trailList: picked.map(trailView) };
  },

  GetTrailStatus(ctx, input) {
    const t = findTrail(ctx, reqString(input, 'Name'));
    ctx.authorize('cloudtrail:GetTrailStatus', t.arn);
    return { IsLogging: t.isLogging };
  },

  GetEventSelectors(ctx, input) {
    const t = findTrail(ctx, reqString(input, 'TrailName'));
    ctx.authorize('cloudtrail:GetEventSelectors', t.arn);
    return { TrailARN: t.arn, EventSelectors: t.eventSelectors.map((s) => ({ ...s, DataResources: [], ExcludeManagementEventSources: [] })) };
  },

  StartLogging(ctx, input) {
    const t = findTrail(ctx, reqString(input, 'Name'));
    ctx.authorize('cloudtrail:StartLogging', t.arn);
    homeOnly(ctx, t);
    t.isLogging = true;
    return {};
  },

  StopLogging(ctx, input) {
    const t = findTrail(ctx, reqString(input, 'Name'));
    ctx.authorize('cloudtrail:StopLogging', t.arn);
    homeOnly(ctx, t);
    t.isLogging = false;
    return {};
  },

  DeleteTrail(ctx, input) {
    const t = findTrail(ctx, reqString(input, 'Name'));
    ctx.authorize('cloudtrail:DeleteTrail', t.arn);
    homeOnly(ctx, t);
    ctx.guard.region(t.homeRegion).trails.delete(t.name);
    return {};
  },
};
