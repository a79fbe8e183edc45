import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors';
import type { Params } from '../query-protocol';
import { XmlRaw, escapeXml, type XmlObject } from '../xml';
import type { Topic } from './guard-state';
import type { ServiceCtx } from './protocol';

/** Amazon SNS (Query protocol, XML), the calls the app makes. Amazon SNS API Reference. */

export const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

type QueryAction = (ctx: ServiceCtx, p: Params) => XmlObject | null;

const invalid = (message: string): AwsError => new AwsError('InvalidParameter', `Invalid parameter: ${message}`, 400);
const notFound = (message: string): AwsError => new AwsError('NotFound', message, 404);

const req = (p: Params, name: string): string => {
  const v = p.str(name);
  if (v === undefined || v === '') throw invalid(`${name} Reason: cannot be empty`);
  return v;
};

/** The topic a TopicArn names, in the region the request was sent to. */
function topicOf(ctx: ServiceCtx, arn: string): Topic {
  const t = [...ctx.guard.region(ctx.region).topics.values()].find((x) => x.arn === arn);
  if (!t) throw notFound('Topic does not exist');
  return t;
}

const entries = (m: Record<string, string>): XmlRaw =>
  new XmlRaw(Object.entries(m).map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${escapeXml(v)}</value></entry>`).join(''));

function attributesIn(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; p.has(`Attributes.entry.${i}.key`); i++) out[p.str(`Attributes.entry.${i}.key`) as string] = p.str(`Attributes.entry.${i}.value`) ?? '';
  return out;
}

function checkPolicy(text: string): void {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    if (!doc || typeof doc !== 'object' || !doc.Statement) throw new Error();
  } catch {
    throw invalid('Policy Error: null');
  }
}

export const snsActions: Record<string, QueryAction> = {
  CreateTopic(ctx, p) {
    const name = req(p, 'Name');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(name)) throw invalid('Topic Name');
    const arn = `arn:aws:sns:${ctx.region}:${ctx.guard.accountId}:${name}`;
    ctx.authorize('sns:CreateTopic', arn);
    const attrs = attributesIn(p);
    if (attrs.Policy) checkPolicy(attrs.Policy);
    const topics = ctx.guard.region(ctx.region).topics;
    // CreateTopic is idempotent for the same name and attributes.
    if (!topics.has(name)) {
      const defaultPolicy = JSON.stringify({
        Version: '2008-10-17',
        Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe'], Resource: arn, Condition: { StringEquals: { 'AWS:SourceOwner': ctx.guard.accountId } } }],
      });
      topics.set(name, { arn, name, attributes: { Policy: defaultPolicy, DisplayName: '', ...attrs }, subscriptions: [] });
    }
    return { TopicArn: arn };
  },

  DeleteTopic(ctx, p) {
    const arn = req(p, 'TopicArn');
    ctx.authorize('sns:DeleteTopic', arn);
    const topics = ctx.guard.region(ctx.region).topics;
    const t = [...topics.values()].find((x) => x.arn === arn);
    if (t) topics.delete(t.name); // deleting a missing topic does not fail
    return null;
  },

  GetTopicAttributes(ctx, p) {
    const arn = req(p, 'TopicArn');
    ctx.authorize('sns:GetTopicAttributes', arn);
    const t = topicOf(ctx, arn);
    const confirmed = t.subscriptions.filter((s) => s.confirmed).length;
    return {
      Attributes: entries({
        ...t.attributes,
        TopicArn: t.arn,
        Owner: ctx.guard.accountId,
        SubscriptionsConfirmed: String(confirmed),
        SubscriptionsPending: String(t.subscriptions.length - confirmed),
        SubscriptionsDeleted: '0',
      }),
    };
  },

  SetTopicAttributes(ctx, p) {
    const arn = req(p, 'TopicArn');
    const name = req(p, 'AttributeName');
    ctx.authorize('sns:SetTopicAttributes', arn);
    const t = topicOf(ctx, arn);
    if (!['Policy', 'DisplayName', 'DeliveryPolicy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig'].includes(name)) throw invalid(`AttributeName`);
    const value = p.str('AttributeValue') ?? '';
    if (name === 'Policy') checkPolicy(value);
    t.attributes[name] = value;
    return null;
  },

  Subscribe(ctx, p) {
    const arn = req(p, 'TopicArn');
    const protocol = req(p, 'Protocol');
    const endpoint = p.str('Endpoint') ?? '';
    ctx.authorize('sns:Subscribe', arn);
    const t = topicOf(ctx, arn);
    if (!['email', 'email-json', 'https', 'http', 'sqs', 'lambda', 'sms', 'application', 'firehose'].includes(protocol)) throw invalid('Invalid protocol type: ' + protocol);
    if ((protocol === 'email' || protocol === 'email-json') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint)) throw invalid('Invalid parameter: Email address');
    const existing = t.subscriptions.find((s) => s.protocol === protocol && s.endpoint === endpoint);
    const sub = existing ?? { arn: `${t.arn}:${randomUUID()}`, topicArn: t.arn, protocol, endpoint, confirmed: false };
    if (!existing) t.subscriptions.push(sub);
    // E-mail subscriptions wait for the recipient to confirm; until then the answer is "pending confirmation".
    const returnArn = p.str('ReturnSubscriptionArn') === 'true';
    return { SubscriptionArn: sub.confirmed || returnArn ? sub.arn : 'pending confirmation' };
  },

  ListSubscriptionsByTopic(ctx, p) {
    const arn = req(p, 'TopicArn');
    ctx.authorize('sns:ListSubscriptionsByTopic', arn);
    const t = topicOf(ctx, arn);
    return {
      Subscriptions: t.subscriptions.map((s) => ({
        SubscriptionArn: s.confirmed ? s.arn : 'PendingConfirmation',
        Owner: ctx.guard.accountId,
        Protocol: s.protocol,
        Endpoint: s.endpoint,
        TopicArn: s.topicArn,
      })),
    };
  },
};
