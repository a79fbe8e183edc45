import { AwsError } from '../errors';
import { escapeXml } from '../xml';
import type { Bucket, PublicAccessBlock } from './guard-state';
import { xmlTag, type ServiceCtx } from './protocol';

/**
 * Amazon S3 (REST-XML, path-style addressing) for the bucket a trail writes to, and S3 Control's account-level
 * Block Public Access (REST-XML, /v20180820/configuration/publicAccessBlock with x-amz-account-id). Amazon S3 API
 * Reference; error codes from its "Error responses" list.
 */

export interface RestReply {
  status: number;
  xml?: string;
  headers?: Record<string, string>;
}

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const S3C_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';

const noSuchBucket = (name: string): AwsError => new AwsError('NoSuchBucket', `The specified bucket does not exist: ${name}`, 404);
const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

function parseBlock(xml: string): PublicAccessBlock {
  if (!xml.includes('PublicAccessBlockConfiguration')) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', 400);
  const out = {} as PublicAccessBlock;
  for (const f of FLAGS) out[f] = xmlTag(xml, f)?.trim() === 'true';
  return out;
}

const blockXml = (b: PublicAccessBlock, ns: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="${ns}">${FLAGS.map((f) => `<${f}>${b[f]}</${f}>`).join('')}</PublicAccessBlockConfiguration>`;

function bucketOf(ctx: ServiceCtx, name: string): Bucket {
  const b = ctx.guard.buckets.get(name);
  if (!b) throw noSuchBucket(name);
  return b;
}

/** S3 answers a request for a bucket in another region with a 301 PermanentRedirect naming the right one. */
function sameRegion(ctx: ServiceCtx, b: Bucket): void {
  if (b.region !== ctx.region)
    throw new AwsError('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', 301);
}

export function handleS3(ctx: ServiceCtx, method: string, path: string, query: URLSearchParams, body: string): RestReply {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const bucket = parts[0];
  if (!bucket) throw new AwsError('NotImplemented', 'ListBuckets is not implemented by the sandbox.', 501);
  if (parts.length > 1) throw new AwsError('NotImplemented', 'Object operations are not implemented by the sandbox.', 501);
  const arn = `arn:aws:s3:::${bucket}`;
  const sub = ['policy', 'encryption', 'publicAccessBlock'].find((k) => query.has(k));

  if (!sub && query.get('list-type') === '2' && method === 'GET') {
    ctx.authorize('s3:ListBucket', arn);
    const b = bucketOf(ctx, bucket);
    sameRegion(ctx, b);
    const keys = [...b.objects.keys()].sort();
    const contents = keys.map((k) => `<Contents><Key>${escapeXml(k)}</Key><Size>${b.objects.get(k)?.body.length ?? 0}</Size></Contents>`).join('');
    return { status: 200, xml: `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="${S3_NS}"><Name>${escapeXml(bucket)}</Name><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>` };
  }

  if (!sub && method === 'PUT') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..'))
      throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400);
    ctx.authorize('s3:CreateBucket', arn);
    const constraint = xmlTag(body, 'LocationConstraint')?.trim();
    // Outside us-east-1 the request must name its region (CreateBucket, LocationConstraint).
    if ((constraint ?? 'us-east-1') !== ctx.region)
      throw new AwsError('IllegalLocationConstraintException', `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
    if (ctx.guard.buckets.has(bucket)) throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409);
    if (ctx.guard.bucketOwnedElsewhere(bucket))
      throw new AwsError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409);
    ctx.guard.buckets.set(bucket, { name: bucket, region: ctx.region, creationDate: ctx.state.now(), objects: new Map() });
    return { status: 200, headers: { Location: `/${bucket}` } };
  }
  if (!sub && method === 'HEAD') {
    ctx.authorize('s3:ListBucket', arn);
    const b = bucketOf(ctx, bucket);
    return { status: 200, headers: { 'x-amz-bucket-region': b.region } };
  }
  if (!sub && method === 'DELETE') {
    ctx.authorize('s3:DeleteBucket', arn);
    const b = bucketOf(ctx, bucket);
    sameRegion(ctx, b);
    if (b.objects.size > 0) throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    ctx.guard.buckets.delete(bucket);
    return { status: 204 };
  }

  if (sub === 'policy') {
    if (method === 'PUT') {
      ctx.authorize('s3:PutBucketPolicy', arn);
      const b = bucketOf(ctx, bucket);
      sameRegion(ctx, b);
      try {
        const doc = JSON.parse(body) as { Statement?: unknown };
        if (!doc.Statement) throw new Error('no Statement');
      } catch {
        throw new AwsError('MalformedPolicy', 'Policies must be valid JSON and the first byte must be \'{\'', 400);
      }
      b.policy = body;
      return { status: 204 };
    }
    if (method === 'GET') {
      ctx.authorize('s3:GetBucketPolicy', arn);
      const b = bucketOf(ctx, bucket);
      if (!b.policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
      return { status: 200, xml: b.policy, headers: { 'Content-Type': 'application/json' } };
    }
  }
  if (sub === 'encryption' && method === 'PUT') {
    ctx.authorize('s3:PutEncryptionConfiguration', arn);
    const b = bucketOf(ctx, bucket);
    sameRegion(ctx, b);
    const algo = xmlTag(body, 'SSEAlgorithm')?.trim();
    if (!algo || !['AES256', 'aws:kms', 'aws:kms:dsse'].includes(algo)) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.', 400);
    b.encryption = { SSEAlgorithm: algo };
    return { status: 200 };
  }
  if (sub === 'publicAccessBlock') {
    if (method === 'PUT') {
      ctx.authorize('s3:PutBucketPublicAccessBlock', arn);
      const b = bucketOf(ctx, bucket);
      sameRegion(ctx, b);
      b.publicAccessBlock = parseBlock(body);
      return { status: 200 };
    }
    if (method === 'GET') {
      ctx.authorize('s3:GetBucketPublicAccessBlock', arn);
      const b = bucketOf(ctx, bucket);
      if (!b.publicAccessBlock) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      return { status: 200, xml: blockXml(b.publicAccessBlock, S3_NS) };
    }
  }
  throw new AwsError('NotImplemented', `${method} ${path}?${query.toString()} is not implemented by the sandbox.`, 501);
}

/** S3 Control's account-level Block Public Access (GetPublicAccessBlock / PutPublicAccessBlock / DeletePublicAccessBlock). */
export function handleS3Control(ctx: ServiceCtx, method: string, path: string, accountHeader: string | undefined, body: string): RestReply {
  if (path !== '/v20180820/configuration/publicAccessBlock')
    throw new AwsError('NotImplemented', `${method} ${path} is not implemented by the sandbox.`, 501);
  if (!accountHeader || !/^\d{12}$/.test(accountHeader)) throw new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-account-id', 400);
  const iamAction = method === 'GET' ? 's3:GetAccountPublicAccessBlock' : 's3:PutAccountPublicAccessBlock';
  ctx.authorize(iamAction);
  // Another account's setting is never yours to read or change.
  if (accountHeader !== ctx.guard.accountId) throw new AwsError('AccessDenied', 'Access Denied', 403);
  if (method === 'GET') {
    const b = ctx.guard.accountPublicAccessBlock;
    if (!b) throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
    return { status: 200, xml: blockXml(b, S3C_NS) };
  }
  if (method === 'PUT') {
    ctx.guard.accountPublicAccessBlock = parseBlock(body);
    return { status: 200 };
  }
  if (method === 'DELETE') {
    ctx.guard.accountPublicAccessBlock = undefined;
    return { status: 204 };
  }
  throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
}
