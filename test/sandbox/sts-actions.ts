import type { ActionContext, ActionTable } from './action-types';
import { accessDenied, validationError } from './errors';
import { verifySingle } from './mfa-codes';
import { contextFor } from './authorize';
import type { Session } from './state';
import { trustDecision } from './trust-policy';

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

const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** The role an ARN names, in whichever account of the sandbox holds it (undefined when none does). */
function roleFromArn(c: ActionContext, arn: string) {
  const m = /^arn:aws:iam::(\d{12}):role(\/.*\/|\/)([\w+=,.@-]+)$/.exec(arn);
  if (!m) throw validationError(`${arn} is invalid`);
  const account = c.world.account(m[1] as string);
  const role = account?.state.roles.get((m[3] as string).toLowerCase());
  return role && account && role.arn === arn ? { role, state: account.state } : undefined;
}

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
    // The caller's identity policy must allow sts:AssumeRole on the role's ARN (checked in the caller's
    // account before this handler), and the role's trust policy must trust the caller (below).
    resource: (c) => c.p.req('RoleArn'),
    handler: (c) => {
      const arn = c.p.req('RoleArn');
      const sessionName = c.p.req('RoleSessionName');
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
        throw validationError(`1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      const externalId = c.p.str('ExternalId');
      if (externalId !== undefined && !EXTERNAL_ID.test(externalId))
        throw validationError(`1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`);
      const denied = accessDenied(`User: ${c.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
      // "You cannot use AWS account root user credentials to call AssumeRole" (STS API reference).
      if (c.caller.principal.kind === 'root') throw denied;
      const found = roleFromArn(c, arn);
      // An MFA code in the request is checked (and used up) before the trust policy, as a wrong code is its own error.
      const mfaInRequest = checkMfa(c);
      if (!found) throw denied;
      const { role, state: target } = found;
      const mfa = mfaInRequest || !!c.caller.session?.mfaAuthenticated;
      const context: Record<string, string | string[]> = {
        ...contextFor(c.state, c.caller),
        'sts:RoleSessionName': sessionName,
        ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
        // The MFA code sent with AssumeRole counts as MFA for the trust policy (STS API reference, SerialNumber).
        ...(mfaInRequest ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' } : {}),
      };
      if (trustDecision(role.assumeRolePolicy.json, c.caller, c.state.accountId, role.arn, context) !== 'Allowed') throw denied;
      // Role chaining (a role session assuming a role) is limited to one hour (IAM User Guide, "Role chaining").
      const chained = c.caller.principal.kind === 'role';
      const requested = c.p.int('DurationSeconds');
      if (chained && requested !== undefined && requested > 3600)
        throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
      const secs = duration(c, 900, role.maxSessionDuration, 3600);
      const s = target.createSession({ kind: 'role', roleName: role.roleName, sessionName }, secs, mfa, 'assumeRole');
      return {
        Credentials: credentialsXml(s),
        AssumedRoleUser: { AssumedRoleId: `${role.roleId}:${sessionName}`, Arn: `arn:aws:sts::${target.accountId}:assumed-role/${role.roleName}/${sessionName}` },
      };
    },
  },
};

