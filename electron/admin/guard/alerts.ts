import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DeleteConnectionCommand,
  DeleteRuleCommand,
  DescribeApiDestinationCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
  type Rule,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateTopicCommand, DeleteTopicCommand, ListSubscriptionsByTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src/shared/errors/app-error';
import { ALERT_KINDS } from '../../../src/shared/ipc/channels/admin-guard';
import { awsErrorName } from '../../aws/aws-error';
import type { IAMClient } from '@aws-sdk/client-iam';
import { tagAction } from '../iam-call';
import {
  ALERT_REGION,
  CONNECTION_NAME,
  DESTINATION_NAME,
  INPUT_PATHS,
  KINDS_WITH_TEST,
  RULE_NAMES,
  ROLE_NAME,
  ROLE_POLICY_NAME,
  TEST_DETAIL_TYPE,
  TEST_SOURCE,
  TOPIC_NAME,
  emailTemplate,
  patternFor,
  previewText,
  sampleEvent,
  slackTemplate,
  type AlertKind,
  type AlertText,
} from './alert-rules';
import type { GuardClients } from './guard-clients';
import { runSteps, type CreatedItem, type Step } from './steps';

interface Account {
  accountId: string;
  accountAlias: string | null;
  partition: string;
}

export interface AlertsCheck {
  coverage: Array<{ kind: AlertKind; rules: string[] }>;
  ours: { slackHost: string | null; emails: Array<{ endpoint: string; confirmed: boolean }> } | null;
}

const topicArnOf = (a: Account): string => `arn:${a.partition}:sns:${ALERT_REGION}:${a.accountId}:${TOPIC_NAME}`;
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function listAllRules(c: GuardClients): Promise<Rule[]> {
  const events = c.get('eventbridge', ALERT_REGION);
  const rules: Rule[] = [];
  let NextToken: string | undefined;
  do {
    const out = await tagAction('events:ListRules', events.send(new ListRulesCommand({ NextToken, Limit: 100 })));
    rules.push(...(out.Rules ?? []));
    NextToken = out.NextToken;
  } while (NextToken && rules.length < 500);
  return rules;
}

/**
 * Which enabled rules on us-east-1's default bus, with at least one target, match a documented-shape event of each
 * kind of root activity (EventBridge TestEventPattern): this app's rules, or the seeds' hand-made ones.
 */
export async function checkAlerts(c: GuardClients, account: Account, nowMs: number): Promise<AlertsCheck> {
  const events = c.get('eventbridge', ALERT_REGION);
  const rules = (await listAllRules(c)).filter((r) => r.State === 'ENABLED' && r.EventPattern && /Root/.test(r.EventPattern));
  const coverage = ALERT_KINDS.map((kind) => ({ kind, rules: [] as string[] }));
  const targetsOf = new Map<string, Target[]>();
  for (const rule of rules.slice(0, 30)) {
    const targets = (await tagAction('events:ListTargetsByRule', events.send(new ListTargetsByRuleCommand({ Rule: rule.Name })))).Targets ?? [];
    targetsOf.set(rule.Name ?? '', targets);
    if (targets.length === 0) continue;
    for (const row of coverage) {
      const Event = JSON.stringify(sampleEvent(row.kind, account.accountId, isoSeconds(nowMs)));
      const out = await tagAction('events:TestEventPattern', events.send(new TestEventPatternCommand({ EventPattern: rule.EventPattern, Event })));
      if (out.Result) row.rules.push(rule.Name ?? '');
    }
  }
  const ourTargets = targetsOf.get(RULE_NAMES.signInSuccess);
  if (!ourTargets) return { coverage, ours: null };
  let slackHost: string | null = null;
  if (ourTargets.some((t) => t.Arn?.includes(':api-destination/'))) {
    const d = await tagAction('events:DescribeApiDestination', events.send(new DescribeApiDestinationCommand({ Name: DESTINATION_NAME })));
    // Only the host: the full URL is the secret that lets anyone post to the channel.
    slackHost = d.InvocationEndpoint ? new URL(d.InvocationEndpoint).host : null;
  }
  let emails: Array<{ endpoint: string; confirmed: boolean }> = [];
  if (ourTargets.some((t) => t.Arn === topicArnOf(account))) {
    const subs = await tagAction('sns:ListSubscriptionsByTopic', c.get('sns', ALERT_REGION).send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArnOf(account) })));
    emails = (subs.Subscriptions ?? [])
      .filter((s) => s.Protocol === 'email')
      .map((s) => ({ endpoint: s.Endpoint ?? '', confirmed: !!s.SubscriptionArn && s.SubscriptionArn.startsWith('arn:') }));
  }
  return { coverage, ours: { slackHost, emails } };
}

export interface AlertsPlan {
  region: string;
  webhookUrl: string | null;
  email: string | null;
  text: AlertText;
  account: Account;
  slackHost: string | null;
  slackHostUnusual: boolean;
  rules: Array<{ kind: AlertKind | 'test'; name: string; pattern: string; preview: string }>;
  items: CreatedItem[];
}

const SLACK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);

export function planAlerts(input: { slackWebhookUrl?: string; email?: string; text: AlertText }, account: Account): AlertsPlan {
  const webhook = input.slackWebhookUrl ? input.slackWebhookUrl : null;
  const email = input.email ? input.email : null;
  if (!webhook && !email) throw new AppError('adminGuard.noChannel');
  let host: string | null = null;
  if (webhook) {
    let url: URL;
    try {
      url = new URL(webhook);
    } catch {
      throw new AppError('adminGuard.webhookInvalid');
    }
    // EventBridge API destinations call HTTPS endpoints only (user guide, "Create an API destination").
    if (url.protocol !== 'https:' || url.username || url.password) throw new AppError('adminGuard.webhookInvalid');
    host = url.host;
  }
  const rules = KINDS_WITH_TEST.map((kind) => ({
    kind,
    name: RULE_NAMES[kind],
    pattern: JSON.stringify(patternFor(kind)),
    preview: previewText(kind, input.text, account.accountAlias, account.accountId),
  }));
  const items: CreatedItem[] = [];
  if (webhook) {
    items.push(
      { service: 'EventBridge', kind: 'connection', name: CONNECTION_NAME, detail: ALERT_REGION },
      { service: 'EventBridge', kind: 'apiDestination', name: DESTINATION_NAME, detail: host },
      { service: 'IAM', kind: 'role', name: ROLE_NAME, detail: 'events.amazonaws.com' },
      { service: 'IAM', kind: 'rolePolicy', name: ROLE_POLICY_NAME, detail: 'events:InvokeApiDestination' },
    );
  }
  if (email) {
    items.push(
      { service: 'SNS', kind: 'topic', name: TOPIC_NAME, detail: ALERT_REGION },
      { service: 'SNS', kind: 'topicPolicy', name: TOPIC_NAME, detail: 'events.amazonaws.com' },
      { service: 'SNS', kind: 'subscription', name: TOPIC_NAME, detail: email },
    );
  }
  for (const r of rules) items.push({ service: 'EventBridge', kind: r.kind === 'test' ? 'testRule' : 'rule', name: r.name, detail: ALERT_REGION });
  return { region: ALERT_REGION, webhookUrl: webhook, email, text: input.text, account, slackHost: host, slackHostUnusual: !!host && !SLACK_HOSTS.has(host.split(':')[0] ?? ''), rules, items };
}

const ignoreMissing = (p: Promise<unknown>): Promise<boolean> =>
  p.then(
    () => true,
    (error: unknown) => {
      if (/^(ResourceNotFound|NoSuchEntity|NotFound)$/.test(awsErrorName(error))) return false;
      throw error;
    },
  );

/** Removes everything this app created for alerts (whatever of it exists); reports what was there. */
export async function removeAlerts(c: GuardClients, iam: IAMClient, account: Account): Promise<CreatedItem[]> {
  const events = c.get('eventbridge', ALERT_REGION);
  const removed: CreatedItem[] = [];
  const existing = new Set((await listAllRules(c)).map((r) => r.Name));
  let hadTopic = false;
  for (const kind of KINDS_WITH_TEST) {
    const Rule = RULE_NAMES[kind];
    if (!existing.has(Rule)) continue;
    const targets = (await tagAction('events:ListTargetsByRule', events.send(new ListTargetsByRuleCommand({ Rule })))).Targets ?? [];
    if (targets.some((t) => t.Arn === topicArnOf(account))) hadTopic = true;
    if (targets.length) await tagAction('events:RemoveTargets', events.send(new RemoveTargetsCommand({ Rule, Ids: targets.map((t) => t.Id ?? '') })));
    await tagAction('events:DeleteRule', events.send(new DeleteRuleCommand({ Name: Rule })));
    removed.push({ service: 'EventBridge', kind: kind === 'test' ? 'testRule' : 'rule', name: Rule, detail: ALERT_REGION });
  }
  if (await ignoreMissing(tagAction('events:DeleteApiDestination', events.send(new DeleteApiDestinationCommand({ Name: DESTINATION_NAME })))))
    removed.push({ service: 'EventBridge', kind: 'apiDestination', name: DESTINATION_NAME, detail: null });
  if (await ignoreMissing(tagAction('events:DeleteConnection', events.send(new DeleteConnectionCommand({ Name: CONNECTION_NAME })))))
    removed.push({ service: 'EventBridge', kind: 'connection', name: CONNECTION_NAME, detail: null });
  if (await ignoreMissing(tagAction('iam:DeleteRolePolicy', iam.send(new DeleteRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: ROLE_POLICY_NAME })))))
    removed.push({ service: 'IAM', kind: 'rolePolicy', name: ROLE_POLICY_NAME, detail: null });
  if (await ignoreMissing(tagAction('iam:DeleteRole', iam.send(new DeleteRoleCommand({ RoleName: ROLE_NAME })))))
    removed.push({ service: 'IAM', kind: 'role', name: ROLE_NAME, detail: null });
  if (hadTopic) {
    // Deleting the topic deletes its subscriptions (SNS DeleteTopic).
    await tagAction('sns:DeleteTopic', c.get('sns', ALERT_REGION).send(new DeleteTopicCommand({ TopicArn: topicArnOf(account) })));
    removed.push({ service: 'SNS', kind: 'topic', name: TOPIC_NAME, detail: null });
  }
  return removed;
}

/** Creates exactly what the plan lists (after removing an earlier setup of this app); a failed step undoes the rest. */
export async function applyAlerts(c: GuardClients, iam: IAMClient, plan: AlertsPlan): Promise<CreatedItem[]> {
  const events = c.get('eventbridge', ALERT_REGION);
  const sns = c.get('sns', ALERT_REGION);
  const { accountId, partition, accountAlias } = plan.account;
  // An earlier setup of this app is replaced (only when its rules are there: removing needs its own permissions).
  const existing = new Set((await listAllRules(c)).map((r) => r.Name));
  if (KINDS_WITH_TEST.some((k) => existing.has(RULE_NAMES[k]))) await removeAlerts(c, iam, plan.account);
  const steps: Step[] = [];
  const item = (kind: string, name: string): CreatedItem => plan.items.find((i) => i.kind === kind && i.name === name) as CreatedItem;
  let destinationArn = '';
  const roleArn = `arn:${partition}:iam::${accountId}:role/${ROLE_NAME}`;
  if (plan.webhookUrl) {
    const endpoint = plan.webhookUrl;
    let connectionArn = '';
    steps.push(
      {
        item: item('connection', CONNECTION_NAME),
        run: async () => {
          // Slack's webhook needs no authorization, but every connection has one: a fixed, harmless header.
          const out = await tagAction(
            'events:CreateConnection',
            events.send(
              new CreateConnectionCommand({
                Name: CONNECTION_NAME,
                AuthorizationType: 'API_KEY',
                AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-iam-onboarding-alert', ApiKeyValue: randomBytes(8).toString('hex') } },
              }),
            ),
          );
          connectionArn = out.ConnectionArn ?? '';
        },
        undo: () => events.send(new DeleteConnectionCommand({ Name: CONNECTION_NAME })),
      },
      {
        item: item('apiDestination', DESTINATION_NAME),
        run: async () => {
          const out = await tagAction(
            'events:CreateApiDestination',
            events.send(
              new CreateApiDestinationCommand({ Name: DESTINATION_NAME, ConnectionArn: connectionArn, InvocationEndpoint: endpoint, HttpMethod: 'POST', InvocationRateLimitPerSecond: 1 }),
            ),
          );
          destinationArn = out.ApiDestinationArn ?? '';
        },
        undo: () => events.send(new DeleteApiDestinationCommand({ Name: DESTINATION_NAME })),
      },
      {
        item: item('role', ROLE_NAME),
        run: () =>
          tagAction(
            'iam:CreateRole',
            iam.send(
              new CreateRoleCommand({
                RoleName: ROLE_NAME,
                Description: 'EventBridge posts root-activity alerts to Slack (IAM Onboarding Assistant)',
                AssumeRolePolicyDocument: JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': accountId } } }],
                }),
              }),
            ),
          ),
        undo: () => iam.send(new DeleteRoleCommand({ RoleName: ROLE_NAME })),
      },
      {
        item: item('rolePolicy', ROLE_POLICY_NAME),
        run: () =>
          tagAction(
            'iam:PutRolePolicy',
            iam.send(
              new PutRolePolicyCommand({
                RoleName: ROLE_NAME,
                PolicyName: ROLE_POLICY_NAME,
                PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'events:InvokeApiDestination', Resource: destinationArn }] }),
              }),
            ),
          ),
        undo: () => iam.send(new DeleteRolePolicyCommand({ RoleName: ROLE_NAME, PolicyName: ROLE_POLICY_NAME })),
      },
    );
  }
  const topicArn = topicArnOf(plan.account);
  if (plan.email) {
    const email = plan.email;
    steps.push(
      {
        item: item('topic', TOPIC_NAME),
        run: () => tagAction('sns:CreateTopic', sns.send(new CreateTopicCommand({ Name: TOPIC_NAME }))),
        undo: () => sns.send(new DeleteTopicCommand({ TopicArn: topicArn })),
      },
      {
        item: item('topicPolicy', TOPIC_NAME),
        run: () =>
          tagAction(
            'sns:SetTopicAttributes',
            sns.send(
              new SetTopicAttributesCommand({
                TopicArn: topicArn,
                AttributeName: 'Policy',
                AttributeValue: JSON.stringify({
                  Version: '2012-10-17',
                  Statement: [
                    { Sid: 'OwnerManages', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${accountId}:root` }, Action: ['sns:Publish', 'sns:Subscribe', 'sns:GetTopicAttributes'], Resource: topicArn },
                    {
                      Sid: 'RootAlertRulesPublish',
                      Effect: 'Allow',
                      Principal: { Service: 'events.amazonaws.com' },
                      Action: 'sns:Publish',
                      Resource: topicArn,
                      Condition: { ArnLike: { 'aws:SourceArn': `arn:${partition}:events:${ALERT_REGION}:${accountId}:rule/${RULE_NAMES.signInSuccess.replace(/signin-success$/, '*')}` } },
                    },
                  ],
                }),
              }),
            ),
          ),
      },
      {
        item: item('subscription', TOPIC_NAME),
        run: () => tagAction('sns:Subscribe', sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: email }))),
      },
    );
  }
  for (const r of plan.rules) {
    const targets: Target[] = [];
    const InputPathsMap = { ...INPUT_PATHS };
    if (plan.webhookUrl)
      targets.push({ Id: 'slack', Arn: destinationArn, RoleArn: roleArn, InputTransformer: { InputPathsMap, InputTemplate: slackTemplate(r.kind, plan.text, accountAlias) } });
    if (plan.email) targets.push({ Id: 'email', Arn: topicArn, InputTransformer: { InputPathsMap, InputTemplate: emailTemplate(r.kind, plan.text, accountAlias) } });
    steps.push({
      item: item(r.kind === 'test' ? 'testRule' : 'rule', r.name),
      run: async () => {
        await tagAction('events:PutRule', events.send(new PutRuleCommand({ Name: r.name, EventPattern: r.pattern, State: 'ENABLED', Description: 'Root activity alert (IAM Onboarding Assistant)' })));
        // Targets are resolved now: the destination ARN exists only after its step ran.
        const withArns = targets.map((t) => ({ ...t, Arn: t.Id === 'slack' ? destinationArn : t.Arn }));
        const out = await tagAction('events:PutTargets', events.send(new PutTargetsCommand({ Rule: r.name, Targets: withArns })));
        if (out.FailedEntryCount) throw new AppError('adminGuard.targetRejected', { code: out.FailedEntries?.[0]?.ErrorCode ?? '' });
      },
      undo: async () => {
        await events.send(new RemoveTargetsCommand({ Rule: r.name, Ids: targets.map((t) => t.Id ?? '') })).catch(() => undefined);
        await events.send(new DeleteRuleCommand({ Name: r.name }));
      },
    });
  }
  return runSteps(steps);
}

/**
 * A test alert through AWS. PutEvents refuses sources that start with "aws." (they are AWS's own; PutEvents entries
 * answer NotAuthorizedForSourceException), so a root event cannot be faked: the test event has this app's own
 * source, and this app's test rule routes it to the same targets with the same transformer. TestEventPattern then
 * shows that each real rule matches a documented-shape root event.
 */
export async function sendTestAlert(c: GuardClients, account: Account, nowMs: number) {
  const events = c.get('eventbridge', ALERT_REGION);
  const rules = new Map((await listAllRules(c)).map((r) => [r.Name, r]));
  if (!rules.has(RULE_NAMES.test)) throw new AppError('adminGuard.alertsNotSetUp');
  const out = await tagAction(
    'events:PutEvents',
    events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: TEST_SOURCE,
            DetailType: TEST_DETAIL_TYPE,
            Detail: JSON.stringify({ userIdentity: { type: 'Test', accountId: account.accountId }, eventTime: isoSeconds(nowMs), sourceIPAddress: '-' }),
          },
        ],
      }),
    ),
  );
  const entry = out.Entries?.[0];
  if (out.FailedEntryCount || !entry?.EventId) throw new AppError('adminGuard.testRejected', { code: entry?.ErrorCode ?? '' });
  const patternsChecked = [];
  for (const kind of ALERT_KINDS) {
    const rule = rules.get(RULE_NAMES[kind]);
    let matches = false;
    if (rule?.EventPattern) {
      const Event = JSON.stringify(sampleEvent(kind, account.accountId, isoSeconds(nowMs)));
      matches = (await tagAction('events:TestEventPattern', events.send(new TestEventPatternCommand({ EventPattern: rule.EventPattern, Event })))).Result === true;
    }
    patternsChecked.push({ kind, matches });
  }
  return { eventId: entry.EventId, region: ALERT_REGION, patternsChecked };
}
