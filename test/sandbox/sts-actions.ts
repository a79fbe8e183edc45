import type { ActionContext, ActionTable } from './action-types';
import { accessDenied, validationError } from './errors';
import { verifySingle } from './mfa-codes';
import type { Session } from './state';

const credentialsXml = (s: Session) => ({
  AccessKeyId: s.accessKeyId,
  SecretAccessKey: s.secretAccessKey,
  SessionToken: s.sessionToken,
  Expiration: s.expiration,
});

/** Checks SerialNumber + TokenCode against the calling user's assigned device; consumes the code. */
function checkMfa(c: ActionContext): boolean {
  const serial = c.p.str('SerialNumber');
  const code = c.p.str('TokenCode');
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined)
    throw accessDenied('MultiFactorAuthentication failed, unable to validate MFA code. Both SerialNumber and TokenCode are required.');
  if (!/^\d{6}$/.test(code))
    throw validationError(`1 validation error detected: Value '${code}' at 'tokenCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]*`);
  const p = c.caller.principal;
  const d = c.state.virtualMfas.get(serial);
  // A device enabled moments ago is not known to STS yet (eventual consistency): same answer as a foreign one.
  if (!d || p.kind !== 'user' || d.userName?.toLowerCase() !== p.userName.toLowerCase() || c.state.nowMs() < d.usableAt)
    throw accessDenied(
      'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.',
    );
  const step = verifySingle(c.state, d, code);
  if (step === undefined) throw accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
  d.lastUsedStep = step;
  return true;
}

function duration(c: ActionContext, min: number, max: number, def: number): number {
  const d = c.p.int('DurationSeconds') ?? def;
  if (d < min || d > max)
    throw validationError(
      `1 validation error detected: Value '${d}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${d < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  return d;
}

function roleFromArn(c: ActionContext, arn: string) {
  const m = /^arn:aws:iam::(\d{12}):role(\/.*\/|\/)([\w+=,.@-]+)$/.exec(arn);
  if (!m) throw validationError(`${arn} is invalid`);
  if (m[1] !== c.state.accountId) throw accessDenied(`User: ${c.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
  return c.state.roles.get((m[3] as string).toLowerCase());
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const stsActions: ActionTable = {
  GetCallerIdentity: {
    authorize: false,
    handler: ({ caller, state }) => ({ UserId: caller.userId, Account: state.accountId, Arn: caller.arn }),
  },
  GetSessionToken: {
    // "No permissions are required for users to perform this operation" (STS API reference).
    authorize: false,
    handler: (c) => {
      if (c.caller.session) throw accessDenied('Cannot call GetSessionToken with session credentials');
      const secs = duration(c, 900, c.caller.principal.kind === 'root' ? 3600 : 129600, 43200);
      const mfa = checkMfa(c);
      const s = c.state.createSession(c.caller.principal, secs, mfa, 'getSessionToken');
      return { Credentials: credentialsXml(s) };
    },
  },
  AssumeRole: {
    resource: (c) => c.p.req('RoleArn'),
    handler: (c) => {
      const arn = c.p.req('RoleArn');
      const sessionName = c.p.req('RoleSessionName');
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
        throw validationError(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      const role = roleFromArn(c, arn);
      const denied = accessDenied(`User: ${c.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
      if (!role) throw denied;
      const trust = role.assumeRolePolicy.json as { Statement?: unknown };
      const acct = c.state.accountId;
      const trusted = asList(trust.Statement).some((st) => {
        const s = st as { Effect?: string; Action?: unknown; Principal?: { AWS?: unknown } | string };
        if (s.Effect !== 'Allow' || !asList(s.Action).some((a) => a === 'sts:AssumeRole' || a === 'sts:*' || a === '*')) return false;
        if (s.Principal === '*') return true;
        return asList(typeof s.Principal === 'object' ? s.Principal.AWS : undefined).some(
          (p) => p === '*' || p === acct || p === `arn:aws:iam::${acct}:root` || p === c.caller.principalArn,
        );
      });
      if (!trusted) throw denied;
      const secs = duration(c, 900, role.maxSessionDuration, 3600);
      const mfa = checkMfa(c);
      const s = c.state.createSession({ kind: 'role', roleName: role.roleName, sessionName }, secs, mfa, 'assumeRole');
      return {
        Credentials: credentialsXml(s),
        AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: `arn:aws:sts::${acct}:assumed-role/${role.roleName}/${sessionName}` },
      };
    },
  },
};

