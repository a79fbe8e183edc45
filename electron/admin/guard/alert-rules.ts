import type { z } from 'zod';
import type { alertTextSchema } from '../../../src/shared/ipc/channels/admin-guard';
import { ALERT_KINDS } from '../../../src/shared/ipc/channels/admin-guard';

export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertText = z.output<typeof alertTextSchema>;

/**
 * Root sign-ins and IAM calls are recorded in us-east-1 (CloudTrail user guide: root sign-in example records carry
 * awsRegion us-east-1; IAM is a global service whose events are logged there), so the rules live there, as the
 * seeds say ("AWS Region을 US East (N. Virginia) us-east-1으로 변경").
 */
export const ALERT_REGION = 'us-east-1';
export const ALERT_PREFIX = 'iam-onboarding-root-';
export const TEST_SOURCE = 'iam-onboarding-assistant.alert-test';
export const TEST_DETAIL_TYPE = 'Root alert test';

export const RULE_NAMES: Record<AlertKind | 'test', string> = {
  signInSuccess: `${ALERT_PREFIX}signin-success`,
  signInFailure: `${ALERT_PREFIX}signin-failure`,
  mfaDeactivated: `${ALERT_PREFIX}mfa-deactivated`,
  accessKeyCreated: `${ALERT_PREFIX}access-key-created`,
  test: `${ALERT_PREFIX}alert-test`,
};
export const CONNECTION_NAME = `${ALERT_PREFIX}slack`;
export const DESTINATION_NAME = `${ALERT_PREFIX}slack`;
export const ROLE_NAME = `${ALERT_PREFIX}events-to-slack`;
export const ROLE_POLICY_NAME = 'invoke-slack-api-destination';
export const TOPIC_NAME = `${ALERT_PREFIX}alerts`;

/** The seeds' patterns (001: console sign-in by Root; 000: DeactivateMFADevice by Root), split by result and with the source named. */
export function patternFor(kind: AlertKind | 'test'): object {
  const root = { userIdentity: { type: ['Root'] } };
  switch (kind) {
    case 'signInSuccess':
    case 'signInFailure':
      return {
        source: ['aws.signin'],
        // The seeds and the events say "Sign In"; one EventBridge page spells it "Signin": either matches.
        'detail-type': ['AWS Console Sign In via CloudTrail', 'AWS Console Signin via CloudTrail'],
        detail: { ...root, responseElements: { ConsoleLogin: [kind === 'signInSuccess' ? 'Success' : 'Failure'] } },
      };
    case 'mfaDeactivated':
      return { source: ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { ...root, eventName: ['DeactivateMFADevice'] } };
    case 'accessKeyCreated':
      return { source: ['aws.iam'], 'detail-type': ['AWS API Call via CloudTrail'], detail: { ...root, eventName: ['CreateAccessKey'] } };
    case 'test':
      return { source: [TEST_SOURCE], 'detail-type': [TEST_DETAIL_TYPE] };
  }
}

/** A documented-shape event of each kind (CloudTrail user guide, root sign-in example records), for TestEventPattern. */
export function sampleEvent(kind: AlertKind, accountId: string, nowIso: string): Record<string, unknown> {
  const signIn = kind === 'signInSuccess' || kind === 'signInFailure';
  return {
    version: '0',
    id: '00000000-0000-4000-8000-000000000000',
    'detail-type': signIn ? 'AWS Console Sign In via CloudTrail' : 'AWS API Call via CloudTrail',
    source: signIn ? 'aws.signin' : 'aws.iam',
    account: accountId,
    time: nowIso,
    region: ALERT_REGION,
    resources: [],
    detail: {
      userIdentity: { type: 'Root', principalId: accountId, arn: `arn:aws:iam::${accountId}:root`, accountId },
      eventTime: nowIso,
      eventSource: signIn ? 'signin.amazonaws.com' : 'iam.amazonaws.com',
      eventName: signIn ? 'ConsoleLogin' : kind === 'mfaDeactivated' ? 'DeactivateMFADevice' : 'CreateAccessKey',
      sourceIPAddress: '192.0.2.0',
      responseElements: signIn ? { ConsoleLogin: kind === 'signInSuccess' ? 'Success' : 'Failure' } : null,
    },
  };
}

/** The variables every alert reads from the CloudTrail record in `detail` (the seed's Lambda read the same ones). */
export const INPUT_PATHS = {
  account: '$.detail.userIdentity.accountId',
  time: '$.detail.eventTime',
  ip: '$.detail.sourceIPAddress',
} as const;

/**
 * The message, in the admin's language. Slack gets `{"text": …}` (its incoming-webhook body); e-mail through SNS a
 * one-line string. Placeholders sit inside JSON strings, where EventBridge inserts the raw value: account ids,
 * ISO times and IP addresses contain no quote or backslash. The alias is known now and written in as text.
 */
export function messageLines(kind: AlertKind | 'test', text: AlertText, alias: string | null): string[] {
  return [
    text.headings[kind],
    `${text.labels.account}: <account>${alias ? ` (${alias})` : ''}`,
    `${text.labels.time}: <time> (UTC)`,
    `${text.labels.sourceIp}: <ip>`,
    `${text.labels.result}: ${text.results[kind]}`,
  ];
}

export function slackTemplate(kind: AlertKind | 'test', text: AlertText, alias: string | null): string {
  // JSON.stringify escapes nothing that matters here (the texts refuse quotes, backslashes and control characters)
  // except the newlines, which become \n inside the JSON string.
  return `{"text": ${JSON.stringify(messageLines(kind, text, alias).join('\n'))}}`;
}

export function emailTemplate(kind: AlertKind | 'test', text: AlertText, alias: string | null): string {
  return `"${messageLines(kind, text, alias).join(' | ')}"`;
}

/** The message as it will read, for the plan (sample values in place of the placeholders). */
export function previewText(kind: AlertKind | 'test', text: AlertText, alias: string | null, accountId: string): string {
  return messageLines(kind, text, alias)
    .join('\n')
    .replace('<account>', accountId)
    .replace('<time>', '2025-01-01T09:00:00Z')
    .replace('<ip>', '192.0.2.0');
}

export const KINDS_WITH_TEST: Array<AlertKind | 'test'> = [...ALERT_KINDS, 'test'];
