/**
 * Resource-based policies a service principal is checked against (an S3 bucket policy for CloudTrail, an SNS topic
 * policy for EventBridge, a role's trust policy for events.amazonaws.com). IAM policy evaluation logic: an explicit
 * Deny wins, otherwise a matching Allow is needed. Supported: Principal Service / AWS / "*", Action and Resource
 * with * and ? wildcards, NotAction is refused (not used by the app), and the condition operators StringEquals,
 * StringLike, ArnEquals, ArnLike and Bool (a missing key never matches, as in IAM).
 */

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

const wildcard = (pattern: string, value: string, ignoreCase = false): boolean => {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, ignoreCase ? 'i' : '');
  return re.test(value);
};
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function principalMatches(p: unknown, service: string): boolean {
  if (p === '*') return true;
  if (!p || typeof p !== 'object') return false;
  const o = p as Record<string, unknown>;
  return list(o.Service as string | string[]).includes(service) || list(o.AWS as string | string[]).includes('*');
}

function conditionsHold(cond: Statement['Condition'], ctx: Record<string, string>): boolean {
  for (const [op, entries] of Object.entries(cond ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      const actual = Object.entries(ctx).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (actual === undefined) return false;
      const wanted = list(expected as string | string[]).map(String);
      const ok =
        op === 'StringEquals' || op === 'ArnEquals'
          ? wanted.includes(actual)
          : op === 'StringLike' || op === 'ArnLike'
            ? wanted.some((w) => wildcard(w, actual))
            : op === 'Bool'
              ? wanted.includes(actual)
              : false;
      if (!ok) return false;
    }
  }
  return true;
}

export function servicePrincipalAllowed(
  policyText: string | undefined,
  service: string,
  action: string,
  resource: string,
  ctx: Record<string, string>,
): boolean {
  if (!policyText) return false;
  let doc: { Statement?: Statement | Statement[] };
  try {
    doc = JSON.parse(policyText) as typeof doc;
  } catch {
    return false;
  }
  let allowed = false;
  for (const s of list(doc.Statement)) {
    if (!principalMatches(s.Principal, service)) continue;
    if (!list(s.Action).some((a) => wildcard(a, action, true))) continue;
    if (!list(s.Resource ?? '*').some((r) => wildcard(r, resource))) continue;
    if (!conditionsHold(s.Condition, ctx)) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed;
}
