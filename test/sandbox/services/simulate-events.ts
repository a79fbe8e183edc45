import { randomUUID } from 'node:crypto';
import { putOnBus } from './delivery';
import type { GuardState } from './guard-state';

/**
 * CloudTrail-shaped events for the control surface, as the CloudTrail user guide shows them ("AWS Management
 * Console sign-in events", example records for root users; "CloudTrail record contents" for API calls) and as
 * EventBridge wraps them ("AWS service events delivered via AWS CloudTrail": detail-type "AWS Console Sign In via
 * CloudTrail" / "AWS API Call via CloudTrail", source aws.signin / aws.iam, the record in `detail`).
 *
 * Sign-in events reach the bus without a trail; API-call events only when a trail that logs write management
 * events covers the region and is logging (EventBridge user guide: the API-call tutorial starts by creating a trail).
 * A logging trail also gets a log file in its bucket, so the bucket is no longer empty.
 */

const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function envelope(guard: GuardState, region: string, detailType: string, source: string, detail: Record<string, unknown>, now: Date) {
  return { version: '0', id: randomUUID(), 'detail-type': detailType, source, account: guard.accountId, time: isoSeconds(now), region, resources: [], detail };
}

function rootIdentity(guard: GuardState) {
  return { type: 'Root', principalId: guard.accountId, arn: `arn:aws:iam::${guard.accountId}:root`, accountId: guard.accountId, accessKeyId: '' };
}

function loggingTrails(guard: GuardState, region: string) {
  return guard
    .trailsCovering(region)
    .filter((t) => t.isLogging && t.eventSelectors.some((s) => s.IncludeManagementEvents && s.ReadWriteType !== 'ReadOnly'));
}

function writeLogFiles(guard: GuardState, region: string, record: Record<string, unknown>, now: Date): void {
  for (const t of loggingTrails(guard, region)) {
    const b = guard.buckets.get(t.s3BucketName);
    if (!b) continue;
    const day = isoSeconds(now).slice(0, 10).replace(/-/g, '/');
    const key = `${t.s3KeyPrefix ? `${t.s3KeyPrefix}/` : ''}AWSLogs/${guard.accountId}/CloudTrail/${region}/${day}/${guard.accountId}_CloudTrail_${region}_${randomUUID()}.json`;
    b.objects.set(key, { body: JSON.stringify({ Records: [record] }), lastModified: now });
  }
}

export async function simulateRootSignIn(
  guard: GuardState,
  o: { result: 'Success' | 'Failure'; sourceIp?: string; region?: string; mfaUsed?: boolean },
  now: Date,
) {
  const region = o.region ?? 'us-east-1';
  const detail: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: rootIdentity(guard),
    eventTime: isoSeconds(now),
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: region,
    sourceIPAddress: o.sourceIp ?? '192.0.2.10',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    ...(o.result === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    requestParameters: null,
    responseElements: { ConsoleLogin: o.result },
    additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true', MobileVersion: 'No', MFAUsed: o.mfaUsed ? 'Yes' : 'No' },
    eventID: randomUUID(),
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: guard.accountId,
    eventCategory: 'Management',
  };
  writeLogFiles(guard, region, detail, now);
  const event = envelope(guard, region, 'AWS Console Sign In via CloudTrail', 'aws.signin', detail, now);
  await putOnBus(guard, region, event, now);
  return event;
}

/** A root API call on IAM (a global service: its events are recorded in us-east-1). */
export async function simulateRootApiCall(
  guard: GuardState,
  o: { eventName: 'DeactivateMFADevice' | 'CreateAccessKey'; sourceIp?: string },
  now: Date,
) {
  const region = 'us-east-1';
  const requestParameters =
    o.eventName === 'DeactivateMFADevice'
      ? { serialNumber: `arn:aws:iam::${guard.accountId}:mfa/root-account-mfa-device` }
      : {};
  const responseElements =
    o.eventName === 'CreateAccessKey'
      ? { accessKey: { accessKeyId: 'AKIA' + 'EXAMPLEROOTKEY01', status: 'Active', userName: guard.accountId, createDate: now.toUTCString() } }
      : null;
  const detail: Record<string, unknown> = {
    eventVersion: '1.08',
    userIdentity: { ...rootIdentity(guard), sessionContext: { attributes: { creationDate: isoSeconds(now), mfaAuthenticated: 'true' } } },
    eventTime: isoSeconds(now),
    eventSource: 'iam.amazonaws.com',
    eventName: o.eventName,
    awsRegion: region,
    sourceIPAddress: o.sourceIp ?? '192.0.2.10',
    userAgent: 'AWS Internal',
    requestParameters,
    responseElements,
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: guard.accountId,
    eventCategory: 'Management',
  };
  const delivered = loggingTrails(guard, region).length > 0;
  writeLogFiles(guard, region, detail, now);
  const event = envelope(guard, region, 'AWS API Call via CloudTrail', 'aws.iam', detail, now);
  if (delivered) await putOnBus(guard, region, event, now);
  return { event, delivered };
}
