import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './authenticate';
import type { Caller } from './authorize';
import { AwsError } from './errors';
import type { Faults } from './faults';
import { ORGANIZATIONS_TARGET, runOrganizationsAction } from './organizations';
import { readClaim, safeClaim } from './sigv4';
import type { RequestLogEntry } from './types';
import type { World } from './world';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const isOrganizationsRequest = (req: IncomingMessage): boolean => {
  const t = req.headers['x-amz-target'];
  return typeof t === 'string' && ORGANIZATIONS_TARGET.test(t);
};

/**
 * AWS Organizations over JSON 1.1: parse → faults → SigV4 → authorize → act, errors as
 * `{"__type","Message"}` with `x-amzn-ErrorType` (InvalidInputException adds its `Reason`).
 */
export function createOrganizationsRoute(world: World, requestLog: RequestLogEntry[], faults: Faults) {
  const send = (res: ServerResponse, status: number, body: unknown, errorType?: string): void => {
    const text = JSON.stringify(body);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/x-amz-json-1.1');
    if (errorType) res.setHeader('x-amzn-ErrorType', errorType);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };

  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const action = ORGANIZATIONS_TARGET.exec(String(req.headers['x-amz-target']))?.[1] ?? 'Unknown';
    let caller: Caller | undefined;
    const claim = safeClaim(req);
    const { state } = world.accountOfKey(claim?.accessKeyId);
    const log = (status: number, errorCode?: string): void => {
      requestLog.push({ time: new Date(), service: 'organizations', action, status, account: state.accountId, ...(errorCode ? { errorCode } : {}), ...(caller ? { caller: caller.logName } : {}) });
    };
    try {
      let input: Record<string, unknown>;
      try {
        input = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
      }
      if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Body must be a JSON object.', 400);
      const plan = faults.plan(action, 'organizations', state.accountId);
      if (plan.latencyMs) await sleep(plan.latencyMs);
      if (plan.throttled) throw Object.assign(new AwsError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because another request is already in progress. Try again later.', 400), { extra: { Type: 'RequestLimitExceeded' } });
      if (plan.error5xx) throw new AwsError('ServiceException', "AWS Organizations can't complete your request because of an internal service error. Try again later.", plan.error5xx);
      if (plan.drop === 'before') {
        log(0, 'ConnectionDropped');
        return void req.socket.destroy();
      }
      readClaim(req); // a malformed signature is its own error (IncompleteSignature)
      if (!claim) throw new AwsError('MissingAuthenticationTokenException', 'Request is missing Authentication Token', 403);
      try {
        caller = authenticate(state, req, body, claim);
      } catch (e) {
        if (e instanceof AwsError && e.code === 'InvalidClientTokenId') throw new AwsError('UnrecognizedClientException', e.message, 400);
        if (e instanceof AwsError && e.code === 'SignatureDoesNotMatch') throw new AwsError('InvalidSignatureException', e.message, 400);
        throw e;
      }
      const result = runOrganizationsAction(world, state, caller, action, input);
      if (plan.drop === 'after') {
        log(0, 'ConnectionDropped');
        return void req.socket.destroy();
      }
      log(200);
      send(res, 200, result ?? {});
    } catch (e) {
      if (!(e instanceof AwsError)) console.error('[sandbox] internal error', e);
      const err = e instanceof AwsError ? e : new AwsError('ServiceException', `Internal sandbox error: ${(e as Error).message}`, 500);
      log(err.status, err.code);
      const extra = (err as { reason?: string; extra?: Record<string, string> }).reason ? { Reason: (err as unknown as { reason: string }).reason } : ((err as { extra?: Record<string, string> }).extra ?? {});
      send(res, err.status, { __type: err.code, Message: err.message, ...extra }, err.code);
    }
  };
}
