import type { Caller } from './authorize';
import { validationError } from './errors';
import type { Params } from './query-protocol';
import type { AccountState, User } from './state';
import type { World } from './world';
import type { XmlObject } from './xml';

export interface ActionContext {
  /** The account the caller's credentials belong to. */
  state: AccountState;
  /** Every account (cross-account AssumeRole). */
  world: World;
  caller: Caller;
  p: Params;
  requestId: string;
}

export interface ActionDef {
  /** Resource ARN the request is authorized against (default '*'); may throw ValidationError for bad input. */
  resource?: (ctx: ActionContext) => string;
  /** The request's own condition keys (aws:TagKeys, aws:RequestTag/KEY), as the service authorization reference lists them. */
  context?: (ctx: ActionContext) => Record<string, string | string[]>;
  /** false for actions AWS never authorizes with policies (sts:GetCallerIdentity, sts:GetSessionToken) */
  authorize?: boolean;
  handler: (ctx: ActionContext) => XmlObject | null | Promise<XmlObject | null>;
}

export type ActionTable = Record<string, ActionDef>;

/** UserName parameter, or the calling user's name when omitted (as IAM does for self-service actions). */
export function targetUserName(ctx: ActionContext): string {
  const n = ctx.p.optName('UserName');
  if (n !== undefined) return n;
  if (ctx.caller.principal.kind === 'user') return ctx.caller.principal.userName;
  throw validationError('Must specify userName when calling with non-User credentials');
}

export const userResource = (ctx: ActionContext): string => ctx.state.userResourceArn(targetUserName(ctx));

export function userXml(u: User, withTags = false): XmlObject {
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: u.arn,
    CreateDate: u.createDate,
    PasswordLastUsed: u.passwordLastUsed,
    Tags: withTags && u.tags.length ? u.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

export const byName = <T>(key: (x: T) => string) => (a: T, b: T): number => (key(a).toLowerCase() < key(b).toLowerCase() ? -1 : 1);

/** aws:TagKeys and aws:RequestTag/KEY of a request that carries `Tags` (CreateUser, TagUser, …). */
export function requestTagContext(ctx: ActionContext): Record<string, string | string[]> {
  const tags = ctx.p.tags();
  if (tags.length === 0) return {};
  return { 'aws:TagKeys': tags.map((t) => t.Key), ...Object.fromEntries(tags.map((t) => [`aws:RequestTag/${t.Key}`, t.Value])) };
}
