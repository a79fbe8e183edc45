import type { Caller } from '../authorize';
import { authorize } from '../authorize';
import { AwsError } from '../errors';
import type { AccountState } from '../state';
import { escapeXml } from '../xml';
import type { GuardState } from './guard-state';

/** The services routed here, by SigV4 signing name. S3 Control signs as `s3` too and is told apart by its path. */
export type GuardService = 'cloudtrail' | 'events' | 'sns' | 'ec2' | 's3' | 's3-control';

export interface ServiceCtx {
  state: AccountState;
  guard: GuardState;
  caller: Caller;
  /** the region the request was signed for (its endpoint's region) */
  region: string;
  requestId: string;
  /** Authorizes `action` on `resource` with the caller's identity policies; denial in the service's own words. */
  authorize(action: string, resource?: string): void;
}

/** How each service words "you may not" (the services' API references, Common Errors). */
const DENIED: Record<GuardService, { code: string; status: number }> = {
  cloudtrail: { code: 'AccessDeniedException', status: 400 },
  events: { code: 'AccessDeniedException', status: 400 },
  sns: { code: 'AuthorizationError', status: 403 },
  ec2: { code: 'UnauthorizedOperation', status: 403 },
  s3: { code: 'AccessDenied', status: 403 },
  's3-control': { code: 'AccessDenied', status: 403 },
};

export function serviceCtx(
  service: GuardService,
  base: Omit<ServiceCtx, 'authorize'>,
): ServiceCtx {
  return {
    ...base,
    authorize(action, resource = '*') {
      try {
        authorize(base.state, base.caller, action, resource);
      } catch (e) {
        if (e instanceof AwsError && e.code === 'AccessDenied') {
          const d = DENIED[service];
          throw new AwsError(d.code, e.message, d.status);
        }
        throw e;
      }
    },
  };
}

/**
 * Authentication failures as each protocol names them: JSON services answer UnrecognizedClientException /
 * InvalidSignatureException, EC2 AuthFailure, S3 InvalidAccessKeyId (Common Errors of each API reference).
 */
export function authError(service: GuardService, e: AwsError): AwsError {
  if (service === 'cloudtrail' || service === 'events') {
    if (e.code === 'InvalidClientTokenId') return new AwsError('UnrecognizedClientException', e.message, 400);
    if (e.code === 'SignatureDoesNotMatch') return new AwsError('InvalidSignatureException', e.message, 400);
  }
  if (service === 'ec2' && /^(InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken)$/.test(e.code))
    return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  if ((service === 's3' || service === 's3-control') && e.code === 'InvalidClientTokenId')
    return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
  return e;
}

/** A required string of a JSON request, with AWS's validation wording. */
export function reqString(input: Record<string, unknown>, name: string, max = 2048): string {
  const v = input[name];
  if (typeof v !== 'string' || v === '')
    throw new AwsError('ValidationException', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`, 400);
  if (v.length > max)
    throw new AwsError('ValidationException', `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`, 400);
  return v;
}

export function optString(input: Record<string, unknown>, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new AwsError('SerializationException', `Expected a string at '${name}'`, 400);
  return v;
}

/** The name pattern of EventBridge rules, connections and API destinations: [\.\-_A-Za-z0-9]+, 1-64. */
export function checkEventsName(name: string, field = 'name'): string {
  if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name))
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      400,
    );
  return name;
}

/** `<tag>value</tag>` of a small XML body (S3 request bodies); undefined when absent. */
export function xmlTag(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? m[1] : undefined;
}

/** EC2's XML shape: lowerCamel members, lists as <item>. */
export type Ec2Value = string | number | boolean | undefined | null | Ec2Value[] | { [k: string]: Ec2Value };

export function ec2Xml(v: Ec2Value): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map((x) => `<item>${ec2Xml(x)}</item>`).join('');
  if (typeof v === 'object')
    return Object.entries(v)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `<${k}>${ec2Xml(x)}</${k}>`)
      .join('');
  return escapeXml(String(v));
}
