import type { IncomingMessage } from 'node:http';
import type { Caller } from './authorize';
import { AwsError } from './errors';
import { checkRequestTime, verifySignature, type SigV4Claim } from './sigv4';
import type { AccountState, Session } from './state';

export const invalidToken = (): AwsError =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);

/** Resolves a signed request to its caller, verifying key status, session token/expiry and signature. */
export function authenticate(state: AccountState, req: IncomingMessage, body: Buffer, claim: SigV4Claim): Caller {
  const id = claim.accessKeyId;
  if (id.startsWith('ASIA')) {
    const s = state.sessions.get(id);
    if (!s) throw invalidToken();
    if (claim.securityToken === undefined || claim.securityToken !== s.sessionToken) throw invalidToken();
    if (s.expiration.getTime() <= state.nowMs())
      throw new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
    checkRequestTime(claim, state.nowMs());
    verifySignature(req, body, claim, s.secretAccessKey);
    return callerForSession(state, s);
  }
  const key = state.accessKeys.get(id);
  // A key created moments ago is not known everywhere yet (eventual consistency): AWS answers as for an unknown key.
  if (!key || key.status !== 'Active' || !state.users.has(key.userName.toLowerCase()) || state.nowMs() < key.usableAt) throw invalidToken();
  if (claim.securityToken !== undefined) throw invalidToken();
  checkRequestTime(claim, state.nowMs());
  verifySignature(req, body, claim, key.secretAccessKey);
  const u = state.getUser(key.userName);
  key.lastUsed = { date: state.now(), serviceName: claim.service, region: claim.region };
  return {
    principal: { kind: 'user', userName: u.userName },
    arn: u.arn,
    principalArn: u.arn,
    userId: u.userId,
    logName: u.userName,
    accessKeyId: id,
  };
}

export function callerForSession(state: AccountState, s: Session): Caller {
  const p = s.principal;
  if (p.kind === 'user') {
    const u = state.users.get(p.userName.toLowerCase());
    if (!u) throw invalidToken();
    return { principal: p, arn: u.arn, principalArn: u.arn, userId: u.userId, logName: u.userName, accessKeyId: s.accessKeyId, session: s };
  }
  if (p.kind === 'role') {
    const r = state.roles.get(p.roleName.toLowerCase());
    if (!r) throw invalidToken();
    return {
      principal: p,
      arn: `arn:aws:sts::${state.accountId}:assumed-role/${r.roleName}/${p.sessionName}`,
      principalArn: r.arn,
      userId: `${r.roleId}:${p.sessionName}`,
      logName: `${r.roleName}/${p.sessionName}`,
      accessKeyId: s.accessKeyId,
      session: s,
    };
  }
  return {
    principal: p,
    arn: `arn:aws:iam::${state.accountId}:root`,
    principalArn: `arn:aws:iam::${state.accountId}:root`,
    userId: state.accountId,
    logName: 'root',
    accessKeyId: s.accessKeyId,
    session: s,
  };
}
