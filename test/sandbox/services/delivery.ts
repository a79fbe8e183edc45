import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { evaluate, identityPoliciesFor } from '../authorize';
import type { ApiDestination, Connection, EventTarget, GuardState, Rule } from './guard-state';
import { matchesPattern, parsePattern } from './event-pattern';
import { transformInput } from './input-transformer';
import { servicePrincipalAllowed } from './resource-policy';

/**
 * What EventBridge does with an event on a default bus: every enabled rule of that region whose pattern matches
 * sends it (or its transformed input) to each target. API destinations get an HTTPS POST with the headers the
 * EventBridge user guide lists ("Headers included in requests to API destinations") plus the connection's API key
 * header, through the target's role, which must trust events.amazonaws.com and allow events:InvokeApiDestination.
 * SNS topics get a publish when the topic policy lets events.amazonaws.com sns:Publish. The sandbox only ever
 * connects to loopback: any other host is recorded as a failed delivery, never contacted.
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

function roleLetsEventsInvoke(guard: GuardState, roleArn: string | undefined, destinationArn: string): string | null {
  if (!roleArn) return 'the target has no RoleArn';
  const name = roleArn.split('/').pop() ?? '';
  const role = guard.account.roles.get(name.toLowerCase());
  if (!role || role.arn !== roleArn) return `role ${roleArn} does not exist`;
  if (!servicePrincipalAllowed(role.assumeRolePolicy.text, 'events.amazonaws.com', 'sts:AssumeRole', role.arn, { 'aws:SourceAccount': guard.accountId }))
    return `role ${roleArn} does not trust events.amazonaws.com`;
  const decision = evaluate(
    `arn:aws:sts::${guard.accountId}:assumed-role/${role.roleName}/events`,
    guard.accountId,
    identityPoliciesFor(guard.account, { kind: 'role', roleName: role.roleName, sessionName: 'events' }),
    'events:InvokeApiDestination',
    destinationArn,
    {},
  );
  return decision === 'Allowed' ? null : `role ${roleArn} may not events:InvokeApiDestination on ${destinationArn}`;
}

function postJson(guard: GuardState, dest: ApiDestination, conn: Connection | undefined, body: string): Promise<{ status?: number; error?: string }> {
  let url: URL;
  try {
    url = new URL(dest.invocationEndpoint);
  } catch {
    return Promise.resolve({ error: 'invalid endpoint' });
  }
  if (url.protocol !== 'https:') return Promise.resolve({ error: 'API destinations use HTTPS only' });
  if (!LOOPBACK.has(url.hostname)) return Promise.resolve({ error: `sandbox refuses non-loopback endpoint ${url.hostname}` });
  const headers: Record<string, string> = {
    'User-Agent': 'Amazon/EventBridge/ApiDestinations',
    'Content-Type': 'application/json; charset=utf-8',
    Range: 'bytes=0-1048575',
    'Accept-Encoding': 'gzip,deflate',
    Connection: 'close',
    'Content-Length': String(Buffer.byteLength(body)),
  };
  const apiKey = (conn?.authParameters as { ApiKeyAuthParameters?: { ApiKeyName?: string; ApiKeyValue?: string } } | undefined)?.ApiKeyAuthParameters;
  if (apiKey?.ApiKeyName) headers[apiKey.ApiKeyName] = apiKey.ApiKeyValue ?? '';
  return new Promise((resolve) => {
    const req = httpsRequest(
      url,
      { method: dest.httpMethod, headers, timeout: 5000, ca: [...rootCertificates, ...guard.trustedCa] },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 5 s')));
    req.on('error', (e) => resolve({ error: e.message }));
    req.end(body);
  });
}

async function deliverToTarget(guard: GuardState, region: string, rule: Rule, target: EventTarget, event: Record<string, unknown>, now: Date): Promise<void> {
  const body = target.InputTransformer
    ? transformInput(target.InputTransformer, event, { name: rule.name, arn: rule.arn }, now)
    : target.Input ?? JSON.stringify(event);
  const r = guard.region(region);
  const base = { time: now, region, rule: rule.name, targetArn: target.Arn, body };
  if (target.Arn.includes(':api-destination/')) {
    const dest = [...r.apiDestinations.values()].find((d) => d.arn === target.Arn);
    if (!dest) return void guard.deliveries.push({ ...base, kind: 'apiDestination', error: 'API destination not found' });
    const denied = roleLetsEventsInvoke(guard, target.RoleArn, dest.arn);
    if (denied) return void guard.deliveries.push({ ...base, kind: 'apiDestination', error: denied });
    const conn = [...r.connections.values()].find((c) => c.arn === dest.connectionArn);
    const result = await postJson(guard, dest, conn, body);
    guard.deliveries.push({ ...base, kind: 'apiDestination', ...result });
    return;
  }
  if (target.Arn.startsWith('arn:aws:sns:')) {
    const topic = [...r.topics.values()].find((t) => t.arn === target.Arn);
    if (!topic) return void guard.deliveries.push({ ...base, kind: 'sns', error: 'topic not found' });
    const ok = servicePrincipalAllowed(topic.attributes.Policy, 'events.amazonaws.com', 'sns:Publish', topic.arn, {
      'aws:SourceArn': rule.arn,
      'aws:SourceAccount': guard.accountId,
    });
    if (!ok) return void guard.deliveries.push({ ...base, kind: 'sns', error: 'topic policy does not allow events.amazonaws.com sns:Publish' });
    const fanOut = topic.subscriptions.filter((s) => s.confirmed).map((s) => `${s.protocol}:${s.endpoint}`);
    guard.deliveries.push({ ...base, kind: 'sns', fanOut });
    return;
  }
  guard.deliveries.push({ ...base, kind: 'sns', error: `unsupported target ${target.Arn}` });
}

/** Puts an event on the region's default bus and delivers it to every matching rule's targets; resolves when done. */
export async function putOnBus(guard: GuardState, region: string, event: Record<string, unknown>, now: Date): Promise<void> {
  guard.events.push({ region, event });
  const work: Promise<void>[] = [];
  for (const rule of guard.region(region).rules.values()) {
    if (rule.state !== 'ENABLED') continue;
    if (!matchesPattern(parsePattern(rule.eventPattern), event)) continue;
    for (const t of rule.targets) work.push(deliverToTarget(guard, region, rule, t, event, now));
  }
  await Promise.all(work);
}
