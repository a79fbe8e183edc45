import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActionDef } from './action-types';
import { authenticate, invalidToken } from './authenticate';
import { authorize, type Caller } from './authorize';
import { AwsError } from './errors';
import type { Faults } from './faults';
import { iamActions } from './iam-actions/index';
import { newRequestId } from './ids';
import { Params, parseForm } from './query-protocol';
import { readClaim } from './sigv4';
import type { SsoState, JsonReply } from './sso';
import { createOrganizationsRoute, isOrganizationsRequest } from './organizations-route';
import type { World } from './world';
import { stsActions } from './sts-actions';
import type { GuardService } from './services/protocol';
import type { RequestLogEntry } from './types';
import { IAM_NS, STS_NS, renderError, renderResponse } from './xml';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerContext {
  /** Every account; a request acts in the account of the key or session that signed it. */
  world: World;
  faults: Faults;
  sso: SsoState;
  requestLog: RequestLogEntry[];
  control: (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL) => Promise<void> | void;
  /** CloudTrail, EventBridge, SNS, S3, S3 Control and EC2 (test/sandbox/services/). */
  guard?: {
    serviceOf(req: IncomingMessage, url: URL): GuardService | null;
    handle(service: GuardService, req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL, requestId: string): Promise<void>;
    control(req: IncomingMessage, res: ServerResponse, body: Buffer, path: string): Promise<void>;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const OIDC_PATHS = new Set(['/client/register', '/device_authorization', '/token']);
const PORTAL_PATHS = new Set(['/assignment/accounts', '/assignment/roles', '/federation/credentials', '/logout']);

/** Reads the body; returns undefined (after draining) when it exceeds MAX_BODY_BYTES. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      if (!tooBig) chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createRequestHandler(ctx: ServerContext) {
  const { world, faults, sso, requestLog } = ctx;
  const organizations = createOrganizationsRoute(world, requestLog, faults);

  const baseHeaders = (res: ServerResponse, requestId: string): void => {
    res.setHeader('Date', world.home.now().toUTCString());
    res.setHeader('x-amzn-RequestId', requestId);
  };

  const log = (e: Omit<RequestLogEntry, 'time'>): void => {
    requestLog.push({ time: new Date(), ...e });
  };

  const sendXml = (res: ServerResponse, status: number, xml: string): void => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/xml');
    res.setHeader('Content-Length', Buffer.byteLength(xml));
    res.end(xml);
  };

  const sendJson = (res: ServerResponse, reply: JsonReply): void => {
    const text = JSON.stringify(reply.body);
    res.statusCode = reply.status;
    res.setHeader('Content-Type', 'application/json');
    if (reply.errorType) res.setHeader('x-amzn-ErrorType', reply.errorType);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };

  const drop = (req: IncomingMessage): void => {
    req.socket.destroy();
  };

  async function handleRestJson(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL, requestId: string): Promise<void> {
    const service = OIDC_PATHS.has(url.pathname) ? 'sso-oidc' : 'sso';
    const action =
      service === 'sso-oidc'
        ? ({ '/client/register': 'RegisterClient', '/device_authorization': 'StartDeviceAuthorization', '/token': 'CreateToken' }[url.pathname] ?? 'Unknown')
        : ({ '/assignment/accounts': 'ListAccounts', '/assignment/roles': 'ListAccountRoles', '/federation/credentials': 'GetRoleCredentials', '/logout': 'Logout' }[url.pathname] ?? 'Unknown');
    const plan = faults.plan(action, service);
    if (plan.latencyMs) await sleep(plan.latencyMs);
    const fail = (reply: JsonReply): void => {
      log({ service, action, status: reply.status, ...(reply.errorType ? { errorCode: reply.errorType } : {}) });
      sendJson(res, reply);
    };
    if (plan.throttled)
      return fail({ status: 429, action, errorType: 'TooManyRequestsException', body: { message: 'Rate exceeded', error: 'slow_down', error_description: 'Rate exceeded' } });
    if (plan.error5xx)
      return fail({ status: plan.error5xx, action, errorType: 'InternalServerException', body: { message: 'Internal server error', error: 'server_error', error_description: 'Internal server error' } });
    if (plan.drop === 'before') {
      log({ service, action, status: 0, errorCode: 'ConnectionDropped' });
      return drop(req);
    }
    let reply: JsonReply;
    if (service === 'sso-oidc') {
      let parsed: unknown;
      try {
        parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return fail({ status: 400, action, errorType: 'InvalidRequestException', body: { error: 'invalid_request', error_description: 'Malformed JSON body' } });
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        return fail({ status: 400, action, errorType: 'InvalidRequestException', body: { error: 'invalid_request', error_description: 'Body must be a JSON object' } });
      reply = req.method === 'POST' ? sso.oidc(url.pathname, parsed as Record<string, unknown>) : { status: 405, action, errorType: 'InvalidRequestException', body: { error: 'invalid_request', error_description: 'POST required' } };
    } else {
      const bearer = req.headers['x-amz-sso_bearer_token'];
      reply = sso.portal(req.method ?? 'GET', url.pathname, url.searchParams, Array.isArray(bearer) ? bearer[0] : bearer);
    }
    if (plan.drop === 'after') {
      log({ service, action, status: 0, errorCode: 'ConnectionDropped' });
      return drop(req);
    }
    log({ service, action: reply.action, status: reply.status, ...(reply.errorType ? { errorCode: reply.errorType } : {}) });
    void requestId;
    sendJson(res, reply);
  }

  async function handleQuery(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL, requestId: string): Promise<void> {
    let service: 'iam' | 'sts' | 'unknown' = 'unknown';
    let action = 'Unknown';
    let caller: Caller | undefined;
    let state = world.home;
    const ns = (): string => (service === 'sts' ? STS_NS : IAM_NS);
    const fail = (e: AwsError): void => {
      log({ service, action, status: e.status, errorCode: e.code, account: state.accountId, ...(caller ? { caller: caller.logName } : {}) });
      sendXml(res, e.status, renderError(ns(), e.type, e.code, e.message, requestId));
    };
    try {
      const claim = readClaim(req);
      state = world.accountOfKey(claim?.accessKeyId).state;
      const form = req.method === 'POST' ? parseForm(body.toString('utf8')) : new Map<string, string>();
      for (const [k, v] of url.searchParams) if (!k.startsWith('X-Amz-') && !form.has(k)) form.set(k, v);
      const actionName = form.get('Action');
      if (actionName) action = actionName;
      if (claim?.service === 'iam' || claim?.service === 'sts') service = claim.service;
      else if (!claim) service = actionName && actionName in stsActions ? 'sts' : 'iam';
      else throw new AwsError('InvalidClientTokenId', `Credential scope service '${claim.service}' is not served here.`, 403);
      const table = service === 'sts' ? stsActions : iamActions;
      if (!actionName) throw new AwsError('InvalidAction', 'The action parameter is missing or empty.', 400);
      const def: ActionDef | undefined = Object.prototype.hasOwnProperty.call(table, actionName) ? table[actionName] : undefined;

      const plan = faults.plan(action, service, state.accountId);
      if (plan.latencyMs) await sleep(plan.latencyMs);
      if (plan.throttled) throw new AwsError('Throttling', 'Rate exceeded', 400);
      if (plan.error5xx)
        throw plan.error5xx === 503
          ? new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503)
          : new AwsError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', plan.error5xx);
      if (plan.drop === 'before') {
        log({ service, action, status: 0, errorCode: 'ConnectionDropped', account: state.accountId });
        return drop(req);
      }

      if (!claim) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      caller = authenticate(state, req, body, claim);
      // "You cannot call any IAM API operations unless MFA authentication information is included
      // in the request" (STS GetSessionToken reference); AWS answers InvalidClientTokenId.
      if (service === 'iam' && caller.session?.source === 'getSessionToken' && !caller.session.mfaAuthenticated) throw invalidToken();
      if (!def) throw new AwsError('InvalidAction', `Could not find operation ${actionName} for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`, 400);
      const params = new Params(form);
      const actx = { state, world, caller, p: params, requestId };
      if (def.authorize !== false) {
        const resource = def.resource ? def.resource(actx) : '*';
        authorize(state, caller, `${service}:${actionName}`, resource, def.context ? def.context(actx) : {});
      }
      const result = await def.handler(actx);
      if (plan.drop === 'after') {
        log({ service, action, status: 0, errorCode: 'ConnectionDropped', caller: caller.logName, account: state.accountId });
        return drop(req);
      }
      log({ service, action, status: 200, caller: caller.logName, account: state.accountId });
      sendXml(res, 200, renderResponse(actionName, ns(), result, requestId));
    } catch (e) {
      if (e instanceof AwsError) return fail(e);
      console.error('[sandbox] internal error', e);
      return fail(new AwsError('ServiceFailure', `Internal sandbox error: ${(e as Error).message}`, 500));
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    baseHeaders(res, requestId);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = new URL('http://127.0.0.1/');
    }
    const isRest = OIDC_PATHS.has(url.pathname) || PORTAL_PATHS.has(url.pathname);
    const body = await readBody(req);
    if (body === undefined) {
      res.setHeader('Connection', 'close');
      const msg = `Request body exceeds the maximum size of ${MAX_BODY_BYTES} bytes.`;
      log({ service: isRest ? (OIDC_PATHS.has(url.pathname) ? 'sso-oidc' : 'sso') : 'unknown', action: 'Unknown', status: 413, errorCode: 'RequestEntityTooLarge' });
      if (isRest) return sendJson(res, { status: 413, action: 'Unknown', errorType: 'RequestEntityTooLargeException', body: { message: msg } });
      return sendXml(res, 413, renderError(IAM_NS, 'Sender', 'RequestEntityTooLarge', msg, requestId));
    }
    if (ctx.guard && url.pathname.startsWith('/__sandbox/guard/')) return ctx.guard.control(req, res, body, url.pathname.slice('/__sandbox/guard'.length));
    if (url.pathname.startsWith('/__sandbox')) return ctx.control(req, res, body, url);
    if (isOrganizationsRequest(req)) return organizations(req, res, body);
    const guardService = ctx.guard?.serviceOf(req, url);
    if (guardService) return ctx.guard?.handle(guardService, req, res, body, url, requestId);
    if (isRest) return handleRestJson(req, res, body, url, requestId);
    return handleQuery(req, res, body, url, requestId);
  };
}
