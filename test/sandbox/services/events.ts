import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors';
import { putOnBus } from './delivery';
import { matchesPattern, parsePattern } from './event-pattern';
import type { EventTarget, Rule } from './guard-state';
import { checkEventsName, optString, reqString, type ServiceCtx } from './protocol';

/** EventBridge (JSON 1.1, X-Amz-Target AWSEvents.<Action>), default event bus only. Amazon EventBridge API Reference. */

type JsonAction = (ctx: ServiceCtx, input: Record<string, unknown>) => unknown;

const notFound = (what: string): AwsError => new AwsError('ResourceNotFoundException', `${what} does not exist.`, 400);
const validation = (message: string): AwsError => new AwsError('ValidationException', message, 400);

const busArn = (ctx: ServiceCtx): string => `arn:aws:events:${ctx.region}:${ctx.guard.accountId}:event-bus/default`;
const ruleArn = (ctx: ServiceCtx, name: string): string => `arn:aws:events:${ctx.region}:${ctx.guard.accountId}:rule/${name}`;

function defaultBusOnly(input: Record<string, unknown>): void {
  const bus = optString(input, 'EventBusName');
  if (bus !== undefined && bus !== 'default' && !bus.endsWith(':event-bus/default'))
    throw new AwsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`, 400);
}

function getRule(ctx: ServiceCtx, name: string): Rule {
  const r = ctx.guard.region(ctx.region).rules.get(name);
  if (!r) throw notFound(`Rule ${name}`);
  return r;
}

const ruleView = (r: Rule) => ({
  Name: r.name,
  Arn: r.arn,
  EventPattern: r.eventPattern,
  State: r.state,
  ...(r.description ? { Description: r.description } : {}),
  EventBusName: 'default',
});

function checkTarget(ctx: ServiceCtx, t: Record<string, unknown>): EventTarget {
  const Id = reqString(t, 'Id', 64);
  if (!/^[.\-_A-Za-z0-9]+$/.test(Id)) throw validation(`1 validation error detected: Value '${Id}' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
  const Arn = reqString(t, 'Arn', 1600);
  const RoleArn = optString(t, 'RoleArn');
  const it = t.InputTransformer as { InputPathsMap?: Record<string, string>; InputTemplate?: unknown } | undefined;
  if (it !== undefined) {
    if (typeof it.InputTemplate !== 'string' || it.InputTemplate === '' || it.InputTemplate.length > 8192)
      throw validation('1 validation error detected: Value null at \'targets.1.member.inputTransformer.inputTemplate\' failed to satisfy constraint: Member must not be null');
    for (const [k, v] of Object.entries(it.InputPathsMap ?? {})) {
      if (k.startsWith('aws.events.')) throw validation(`InputTransformer variable name ${k} is reserved.`);
      if (typeof v !== 'string' || !v.startsWith('$')) throw validation(`Invalid InputPath for key ${k}.`);
    }
  }
  // PutTargets needs iam:PassRole for a target's role (EventBridge user guide, "Permissions for targets").
  if (RoleArn) ctx.authorize('iam:PassRole', RoleArn);
  return {
    Id,
    Arn,
    ...(RoleArn ? { RoleArn } : {}),
    ...(typeof t.Input === 'string' ? { Input: t.Input } : {}),
    ...(it ? { InputTransformer: { ...(it.InputPathsMap ? { InputPathsMap: it.InputPathsMap } : {}), InputTemplate: it.InputTemplate as string } } : {}),
  };
}

export const eventsActions: Record<string, JsonAction> = {
  PutRule(ctx, input) {
    defaultBusOnly(input);
    const name = checkEventsName(reqString(input, 'Name', 64));
    const arn = ruleArn(ctx, name);
    ctx.authorize('events:PutRule', arn);
    const pattern = optString(input, 'EventPattern');
    if (pattern === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    parsePattern(pattern);
    const state = optString(input, 'State') ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw validation(`1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
    const rules = ctx.guard.region(ctx.region).rules;
    const existing = rules.get(name);
    const description = optString(input, 'Description');
    rules.set(name, { name, arn, eventPattern: pattern, state, ...(description ? { description } : {}), targets: existing?.targets ?? [] });
    return { RuleArn: arn };
  },

  DescribeRule(ctx, input) {
    defaultBusOnly(input);
    const r = getRule(ctx, reqString(input, 'Name'));
    ctx.authorize('events:DescribeRule', r.arn);
    return ruleView(r);
  },

  ListRules(ctx, input) {
    defaultBusOnly(input);
    ctx.authorize('events:ListRules', ruleArn(ctx, '*'));
    const prefix = optString(input, 'NamePrefix') ?? '';
    const rules = [...ctx.guard.region(ctx.region).rules.values()].filter((r) => r.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
    const limit = typeof input.Limit === 'number' ? input.Limit : 100;
    const start = typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64').toString()) || 0 : 0;
    const page = rules.slice(start, start + limit);
    return { Rules: page.map(ruleView), ...(start + limit < rules.length ? { NextToken: Buffer.from(String(start + limit)).toString('base64') } : {}) };
  },

  DeleteRule(ctx, input) {
    defaultBusOnly(input);
    const name = reqString(input, 'Name');
    const rules = ctx.guard.region(ctx.region).rules;
    const r = rules.get(name);
    ctx.authorize('events:DeleteRule', ruleArn(ctx, name));
    if (!r) return {}; // DeleteRule of a missing rule succeeds (API reference: "If the rule does not exist, the operation succeeds.")
    if (r.targets.length) throw validation("Rule can't be deleted since it has targets.");
    rules.delete(name);
    return {};
  },

  PutTargets(ctx, input) {
    defaultBusOnly(input);
    const r = getRule(ctx, reqString(input, 'Rule'));
    ctx.authorize('events:PutTargets', r.arn);
    const targets = Array.isArray(input.Targets) ? (input.Targets as Record<string, unknown>[]) : [];
    if (targets.length < 1 || targets.length > 10) throw validation('1 validation error detected: Value at \'targets\' failed to satisfy constraint: Member must have length between 1 and 10');
    const checked = targets.map((t) => checkTarget(ctx, t));
    const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
    for (const t of checked) {
      // "To use an API destination as a target, you must provide an IAM role" (user guide, API destinations).
      if (t.Arn.includes(':api-destination/') && !t.RoleArn) {
        failed.push({ TargetId: t.Id, ErrorCode: 'ValidationException', ErrorMessage: 'RoleArn is required for target arn ' + t.Arn });
        continue;
      }
      const at = r.targets.findIndex((x) => x.Id === t.Id);
      if (at >= 0) r.targets[at] = t;
      else if (r.targets.length >= 5) failed.push({ TargetId: t.Id, ErrorCode: 'LimitExceededException', ErrorMessage: 'The requested resource exceeds the maximum number allowed.' });
      else r.targets.push(t);
    }
    return { FailedEntryCount: failed.length, FailedEntries: failed };
  },

  RemoveTargets(ctx, input) {
    defaultBusOnly(input);
    const r = getRule(ctx, reqString(input, 'Rule'));
    ctx.authorize('events:RemoveTargets', r.arn);
    const ids = Array.isArray(input.Ids) ? (input.Ids as string[]) : [];
    r.targets = r.targets.filter((t) => !ids.includes(t.Id));
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  ListTargetsByRule(ctx, input) {
    defaultBusOnly(input);
    const r = getRule(ctx, reqString(input, 'Rule'));
    ctx.authorize('events:ListTargetsByRule', r.arn);
    return { Targets: r.targets };
  },

  CreateConnection(ctx, input) {
    const name = checkEventsName(reqString(input, 'Name', 64));
    const type = reqString(input, 'AuthorizationType');
    if (!['BASIC', 'OAUTH_CLIENT_CREDENTIALS', 'API_KEY'].includes(type)) throw validation(`Invalid AuthorizationType ${type}`);
    const params = input.AuthParameters as Record<string, unknown> | undefined;
    if (!params || typeof params !== 'object') throw validation('1 validation error detected: Value null at \'authParameters\' failed to satisfy constraint: Member must not be null');
    const arn = `arn:aws:events:${ctx.region}:${ctx.guard.accountId}:connection/${name}/${randomUUID()}`;
    ctx.authorize('events:CreateConnection', arn);
    const r = ctx.guard.region(ctx.region);
    if (r.connections.has(name)) throw new AwsError('ResourceAlreadyExistsException', `Connection ${name} already exists.`, 400);
    const now = ctx.state.now();
    r.connections.set(name, { name, arn, authorizationType: type, authParameters: params, state: 'AUTHORIZED', creationTime: now });
    return { ConnectionArn: arn, ConnectionState: 'AUTHORIZED', CreationTime: now.getTime() / 1000, LastModifiedTime: now.getTime() / 1000 };
  },

  DescribeConnection(ctx, input) {
    const name = reqString(input, 'Name');
    const c = ctx.guard.region(ctx.region).connections.get(name);
    if (!c) throw notFound(`Connection '${name}'`);
    ctx.authorize('events:DescribeConnection', c.arn);
    const apiKeyName = (c.authParameters as { ApiKeyAuthParameters?: { ApiKeyName?: string } }).ApiKeyAuthParameters?.ApiKeyName;
    // Secrets stay in Secrets Manager: DescribeConnection returns the key's name, never its value.
    return {
      ConnectionArn: c.arn,
      Name: c.name,
      ConnectionState: c.state,
      AuthorizationType: c.authorizationType,
      SecretArn: `arn:aws:secretsmanager:${ctx.region}:${ctx.guard.accountId}:secret:events!connection/${c.name}`,
      ...(apiKeyName ? { AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: apiKeyName } } } : {}),
      CreationTime: c.creationTime.getTime() / 1000,
    };
  },

  DeleteConnection(ctx, input) {
    const name = reqString(input, 'Name');
    const r = ctx.guard.region(ctx.region);
    const c = r.connections.get(name);
    if (!c) throw notFound(`Connection '${name}'`);
    ctx.authorize('events:DeleteConnection', c.arn);
    r.connections.delete(name);
    return { ConnectionArn: c.arn, ConnectionState: 'DELETING' };
  },

  CreateApiDestination(ctx, input) {
    const name = checkEventsName(reqString(input, 'Name', 64));
    const connectionArn = reqString(input, 'ConnectionArn', 1600);
    const endpoint = reqString(input, 'InvocationEndpoint', 2048);
    const method = reqString(input, 'HttpMethod');
    // "The URL must use HTTPS" (user guide, Create an API destination).
    if (!/^https:\/\/[^\s]+$/.test(endpoint)) throw validation('Invocation endpoint must be an HTTPS URL.');
    if (!['POST', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw validation(`Invalid HttpMethod ${method}`);
    const arn = `arn:aws:events:${ctx.region}:${ctx.guard.accountId}:api-destination/${name}/${randomUUID()}`;
    ctx.authorize('events:CreateApiDestination', arn);
    const r = ctx.guard.region(ctx.region);
    if (![...r.connections.values()].some((c) => c.arn === connectionArn)) throw notFound(`Connection '${connectionArn}'`);
    if (r.apiDestinations.has(name)) throw new AwsError('ResourceAlreadyExistsException', `An api-destination '${name}' already exists.`, 400);
    const rate = typeof input.InvocationRateLimitPerSecond === 'number' ? input.InvocationRateLimitPerSecond : 300;
    const now = ctx.state.now();
    r.apiDestinations.set(name, { name, arn, connectionArn, invocationEndpoint: endpoint, httpMethod: method, rateLimitPerSecond: rate, creationTime: now });
    return { ApiDestinationArn: arn, ApiDestinationState: 'ACTIVE', CreationTime: now.getTime() / 1000, LastModifiedTime: now.getTime() / 1000 };
  },

  DescribeApiDestination(ctx, input) {
    const name = reqString(input, 'Name');
    const d = ctx.guard.region(ctx.region).apiDestinations.get(name);
    if (!d) throw notFound(`An api-destination '${name}'`);
    ctx.authorize('events:DescribeApiDestination', d.arn);
    return {
      ApiDestinationArn: d.arn,
      Name: d.name,
      ApiDestinationState: 'ACTIVE',
      ConnectionArn: d.connectionArn,
      InvocationEndpoint: d.invocationEndpoint,
      HttpMethod: d.httpMethod,
      InvocationRateLimitPerSecond: d.rateLimitPerSecond,
      CreationTime: d.creationTime.getTime() / 1000,
    };
  },

  DeleteApiDestination(ctx, input) {
    const name = reqString(input, 'Name');
    const r = ctx.guard.region(ctx.region);
    const d = r.apiDestinations.get(name);
    if (!d) throw notFound(`An api-destination '${name}'`);
    ctx.authorize('events:DeleteApiDestination', d.arn);
    r.apiDestinations.delete(name);
    return {};
  },

  async PutEvents(ctx, input) {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
    if (entries.length < 1 || entries.length > 10) throw validation('1 validation error detected: Value at \'entries\' failed to satisfy constraint: Member must have length between 1 and 10');
    ctx.authorize('events:PutEvents', busArn(ctx));
    const now = ctx.state.now();
    const out: Array<Record<string, string>> = [];
    const accepted: Record<string, unknown>[] = [];
    for (const e of entries) {
      const source = typeof e.Source === 'string' ? e.Source : '';
      const detailType = typeof e.DetailType === 'string' ? e.DetailType : '';
      const bus = typeof e.EventBusName === 'string' ? e.EventBusName : 'default';
      if (!source || !detailType || typeof e.Detail !== 'string') {
        out.push({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' });
        continue;
      }
      // "aws." sources are AWS's own (PutEventsResultEntry: NotAuthorizedForSourceException; Scheduler's
      // EventBridgePutEventsParameters: "The source can't start with the aws. prefix").
      if (source.startsWith('aws.')) {
        out.push({ ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: `Not authorized for the source ${source}.` });
        continue;
      }
      if (bus !== 'default' && !bus.endsWith(':event-bus/default')) {
        out.push({ ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${bus} does not exist.` });
        continue;
      }
      let detail: unknown;
      try {
        detail = JSON.parse(e.Detail);
      } catch {
        out.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
        continue;
      }
      if (!detail || typeof detail !== 'object' || Array.isArray(detail)) {
        out.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
        continue;
      }
      const id = randomUUID();
      out.push({ EventId: id });
      accepted.push({
        version: '0',
        id,
        'detail-type': detailType,
        source,
        account: ctx.guard.accountId,
        time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: ctx.region,
        resources: Array.isArray(e.Resources) ? e.Resources : [],
        detail,
      });
    }
    // Delivery is asynchronous on AWS; the answer does not wait for the targets.
    for (const ev of accepted) void putOnBus(ctx.guard, ctx.region, ev, now);
    return { FailedEntryCount: out.filter((x) => x.ErrorCode).length, Entries: out };
  },

  TestEventPattern(ctx, input) {
    const pattern = parsePattern(reqString(input, 'EventPattern', 4096));
    ctx.authorize('events:TestEventPattern');
    let event: unknown;
    try {
      event = JSON.parse(reqString(input, 'Event', 262144));
    } catch (e) {
      if (e instanceof AwsError) throw e;
      throw validation('Parameter Event is not valid.');
    }
    // The API reference lists these fields of Event as mandatory.
    const required = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];
    if (!event || typeof event !== 'object' || required.some((k) => !(k in (event as object))))
      throw validation(`Parameter Event is not valid: the fields ${required.join(', ')} are required.`);
    return { Result: matchesPattern(pattern, event as Record<string, unknown>) };
  },
};
