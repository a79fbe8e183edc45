import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from '../authenticate';
import type { Caller } from '../authorize';
import { AwsError } from '../errors';
import type { Faults } from '../faults';
import { Params, parseForm } from '../query-protocol';
import { readClaim, safeClaim } from '../sigv4';
import type { RequestLogEntry } from '../types';
import { renderError, renderResponse } from '../xml';
import { cloudTrailActions } from './cloudtrail';
import { ec2Actions, ec2Region, renderEc2, renderEc2Error } from './ec2';
import { eventsActions } from './events';
import type { World } from '../world';
import { authError, serviceCtx, type GuardService, type ServiceCtx } from './protocol';
import { handleS3, handleS3Control, type RestReply } from './s3';
import { SNS_NS, snsActions } from './sns';

/**
 * Routes the account-guard services by their wire protocol: JSON 1.1 by X-Amz-Target (CloudTrail_20131101.X,
 * AWSEvents.X), Query by Action (SNS; EC2 with its own XML), REST-XML by path (S3; S3 Control under /v20180820/).
 * Order of checks as for IAM: parse → authenticate (SigV4) → validate → authorize → act. Errors never change state.
 */

const JSON_TARGETS: Array<{ prefix: RegExp; service: 'cloudtrail' | 'events' }> = [
  { prefix: /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/, service: 'cloudtrail' },
  { prefix: /^AWSEvents\.(\w+)$/, service: 'events' },
];

export function serviceOf(req: IncomingMessage, url: URL): GuardService | null {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') for (const t of JSON_TARGETS) if (t.prefix.test(target)) return t.service;
  if (url.pathname.startsWith('/v20180820/')) return 's3-control';
  const auth = req.headers.authorization ?? '';
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth)?.[1];
  if (scope === 'sns' || scope === 'ec2' || scope === 's3') return scope;
  return null;
}

/** Throttling and server errors as each service names them (Common Errors of each API reference). */
const THROTTLED: Record<GuardService, { code: string; status: number }> = {
  cloudtrail: { code: 'ThrottlingException', status: 400 },
  events: { code: 'ThrottlingException', status: 400 },
  sns: { code: 'Throttling', status: 400 },
  ec2: { code: 'RequestLimitExceeded', status: 503 },
  s3: { code: 'SlowDown', status: 503 },
  's3-control': { code: 'SlowDown', status: 503 },
};
const SERVER_ERROR: Record<GuardService, string> = {
  cloudtrail: 'InternalFailure',
  events: 'InternalException',
  sns: 'InternalError',
  ec2: 'InternalError',
  s3: 'InternalError',
  's3-control': 'InternalError',
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createGuardRouter(world: World, requestLog: RequestLogEntry[], faults: Faults) {
  const send = (res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void => {
    res.statusCode = status;
    res.setHeader('Content-Type', type);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };

  const renderFailure = (service: GuardService, res: ServerResponse, e: AwsError, requestId: string): void => {
    if (service === 'cloudtrail' || service === 'events')
      return send(res, e.status, 'application/x-amz-json-1.1', JSON.stringify({ __type: e.code, message: e.message }), { 'x-amzn-ErrorType': e.code });
    if (service === 'ec2') return send(res, e.status, 'text/xml', renderEc2Error(e.code, e.message, requestId));
    if (service === 'sns') return send(res, e.status, 'text/xml', renderError(SNS_NS, e.type, e.code, e.message, requestId));
    const wrap = service === 's3-control' ? ['<ErrorResponse><Error>', '</Error>'] : ['<Error>', ''];
    return send(res, e.status, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n${wrap[0]}<Code>${e.code}</Code><Message>${e.message.replace(/[<&]/g, ' ')}</Message>${wrap[1]}<RequestId>${requestId}</RequestId>${service === 's3-control' ? '</ErrorResponse>' : '</Error>'}`);
  };

  return async function handle(service: GuardService, req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL, requestId: string): Promise<void> {
    let action = 'Unknown';
    let caller: Caller | undefined;
    const claim = safeClaim(req);
    // The account whose key or session signed the request (each account has its own trails, rules, buckets).
    const { state, guard } = world.accountOfKey(claim?.accessKeyId);
    const log = (status: number, errorCode?: string): void => {
      requestLog.push({ time: new Date(), service, action, status, account: state.accountId, ...(errorCode ? { errorCode } : {}), ...(caller ? { caller: caller.logName } : {}) });
    };
    try {
      let input: Record<string, unknown> = {};
      let params: Params | undefined;
      if (service === 'cloudtrail' || service === 'events') {
        const target = String(req.headers['x-amz-target']);
        action = JSON_TARGETS.find((t) => t.service === service)?.prefix.exec(target)?.[1] ?? 'Unknown';
        try {
          input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
        } catch {
          throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
        }
        if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Body must be a JSON object.', 400);
      } else if (service === 'sns' || service === 'ec2') {
        const form = parseForm(body.toString('utf8'));
        for (const [k, v] of url.searchParams) if (!k.startsWith('X-Amz-') && !form.has(k)) form.set(k, v);
        action = form.get('Action') ?? 'Unknown';
        params = new Params(form);
      } else action = `${req.method ?? 'GET'} ${url.pathname}`;

      // Faults by action name (e.g. 'DescribeSecurityGroups', 'PutEvents') or '*', as for IAM.
      const plan = faults.plan(action, service, state.accountId);
      if (plan.latencyMs) await sleep(plan.latencyMs);
      if (plan.throttled) throw new AwsError(THROTTLED[service].code, 'Rate exceeded', THROTTLED[service].status);
      if (plan.error5xx) throw new AwsError(SERVER_ERROR[service], 'We encountered an internal error. Please try again.', plan.error5xx);
      if (plan.drop === 'before') {
        log(0, 'ConnectionDropped');
        return void req.socket.destroy();
      }
      const dropAfter = plan.drop === 'after';

      readClaim(req); // a malformed signature is its own error (IncompleteSignature)
      if (!claim) throw new AwsError(service === 'cloudtrail' || service === 'events' ? 'MissingAuthenticationTokenException' : 'MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      try {
        caller = authenticate(state, req, body, claim);
      } catch (e) {
        throw e instanceof AwsError ? authError(service, e) : e;
      }
      const ctx: ServiceCtx = serviceCtx(service, { state, guard, caller, region: claim.region, requestId });

      if (service === 'cloudtrail' || service === 'events') {
        const table = service === 'cloudtrail' ? cloudTrailActions : eventsActions;
        const fn = Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
        if (!fn) throw new AwsError('UnknownOperationException', `Unknown operation ${action}`, 400);
        const result = await fn(ctx, input);
        if (dropAfter) return void req.socket.destroy();
        log(200);
        return send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(result ?? {}));
      }
      if (service === 'sns') {
        const fn = Object.prototype.hasOwnProperty.call(snsActions, action) ? snsActions[action] : undefined;
        if (!fn) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
        const result = fn(ctx, params as Params);
        if (dropAfter) return void req.socket.destroy();
        log(200);
        return send(res, 200, 'text/xml', renderResponse(action, SNS_NS, result, requestId));
      }
      if (service === 'ec2') {
        ec2Region(claim.region);
        const fn = Object.prototype.hasOwnProperty.call(ec2Actions, action) ? ec2Actions[action] : undefined;
        if (!fn) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
        const result = fn(ctx, params as Params);
        if (dropAfter) return void req.socket.destroy();
        log(200);
        return send(res, 200, 'text/xml', renderEc2(action, result, requestId));
      }
      const reply: RestReply =
        service === 's3-control'
          ? handleS3Control(ctx, req.method ?? 'GET', url.pathname, req.headers['x-amz-account-id'] as string | undefined, body.toString('utf8'))
          : handleS3(ctx, req.method ?? 'GET', url.pathname, url.searchParams, body.toString('utf8'));
      if (dropAfter) return void req.socket.destroy();
      log(reply.status);
      res.statusCode = reply.status;
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      if (reply.xml !== undefined) {
        if (!reply.headers?.['Content-Type']) res.setHeader('Content-Type', 'application/xml');
        res.setHeader('Content-Length', Buffer.byteLength(reply.xml));
        res.end(reply.xml);
      } else res.end();
    } catch (e) {
      if (!(e instanceof AwsError)) console.error('[sandbox] internal error', e);
      const err = e instanceof AwsError ? e : new AwsError('InternalFailure', `Internal sandbox error: ${(e as Error).message}`, 500);
      log(err.status, err.code);
      renderFailure(service, res, err, requestId);
    }
  };
}
