/**
 * The seed-003 detector: does a policy keep a new user from their first sign-in? Such a user must
 * change the temporary password (iam:ChangePassword on their own user, after reading the password
 * policy: iam:GetAccountPasswordPolicy, resource "*") before they can register MFA, so a Deny that
 * applies without MFA to either locks them out. Read as IAM reads a statement: actions and
 * resources matched without case for actions, with `*` (any run) and `?` (one character) — IAM
 * User Guide, reference_policies_elements_action / _resource / _notresource.
 *
 * Where IAM leaves the answer open the detector reports more, never less: any account in a
 * resource ARN is taken as this one, a policy variable other than ${aws:username} as matching
 * anything in Resource and nothing in NotResource, and a user may have any path.
 */
import type { PolicyStatement } from './enforcement-policy';

const FIRST_SIGN_IN_ACTIONS = ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'] as const;
type FirstSignInAction = (typeof FIRST_SIGN_IN_ACTIONS)[number];

/** The new user, as a resource: a name no policy can spell literally, with and without a path. */
const NAME = '\u0000new-user';
const OWN_USER_ARNS = [`arn:aws:iam::123456789012:user/${NAME}`, `arn:aws:iam::123456789012:user/team/${NAME}`];
const resourcesOf = (action: FirstSignInAction): string[] => (action === 'iam:ChangePassword' ? OWN_USER_ARNS : ['*']);

const asList = (v: unknown): unknown[] => {
  if (Array.isArray(v)) return v;
  // Stryker disable next-line ConditionalExpression,BlockStatement,ArrayDeclaration: equivalent — an absent field read as [] or as [undefined] matches nothing either way (no action, resource or condition value is the text "undefined")
  if (v === undefined) return [];
  return [v];
};

const escape = (ch: string): string => ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const wildcards = (text: string): string => [...text].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : escape(ch))).join('');

/** IAM action matching: without case, `*` any run of characters, `?` exactly one. */
const actionMatches = (pattern: unknown, action: string): boolean => new RegExp(`^${wildcards(String(pattern))}$`, 'i').test(action);

/**
 * A Resource / NotResource pattern against a resource. `unknown` is what a variable the detector
 * cannot resolve stands for: anything (in Resource) or nothing (in NotResource).
 */
function resourceMatches(pattern: unknown, resource: string, unknown: 'anything' | 'nothing'): boolean {
  const parts = String(pattern).split(':');
  // arn:partition:service:region:account:resource — any partition and account is this one. (A
  // pattern of six parts that does not start with `arn` matches no user ARN either way.)
  if (parts.length >= 6) {
    parts[1] = '*';
    parts[4] = '*';
  }
  let re = '';
  // Split on ${…}: the captured variables are the odd pieces, the literal text the even ones.
  const pieces = parts.join(':').split(/(\$\{[^}]*\})/);
  for (const [i, piece] of pieces.entries()) {
    if (i % 2 === 0) re += wildcards(piece);
    else if (piece.toLowerCase() === '${aws:username}') re += escape(NAME);
    else if (unknown === 'nothing') return false;
    else re += '.*';
  }
  return new RegExp(`^${re}$`).test(resource);
}

/** Does the statement's resource scope reach this action's resource for some new user? */
function coversResource(s: PolicyStatement, action: FirstSignInAction): boolean {
  const resources = resourcesOf(action);
  if (s.Resource !== undefined) return resources.some((r) => asList(s.Resource).some((p) => resourceMatches(p, r, 'anything')));
  // NotResource, or neither (not a valid statement; read as reaching everything, which reports more).
  return resources.some((r) => !asList(s.NotResource).some((p) => resourceMatches(p, r, 'nothing')));
}

/** A Bool / BoolIfExists condition on aws:MultiFactorAuthPresent = false. AWS does not say whether "False" counts: read so, it reports more. */
const isNoMfaCondition = (c: PolicyStatement['Condition']): boolean =>
  !!c &&
  Object.entries(c).some(
    ([op, kv]) =>
      /^Bool(IfExists)?$/i.test(op) &&
      Object.entries(kv ?? {}).some(([k, v]) => k.toLowerCase() === 'aws:multifactorauthpresent' && asList(v).some((x) => String(x).toLowerCase() === 'false')),
  );

/**
 * The first-sign-in actions a policy denies without MFA (empty when the policy is safe): the
 * seed-003 `policy-iam-user-duty` denies both with a NotAction list that forgets them.
 */
export function findFirstSignInBlockers(doc: unknown): string[] {
  const statements = asList((doc as { Statement?: unknown } | null | undefined)?.Statement) as Array<PolicyStatement | null>;
  const blocked = new Set<string>();
  for (const s of statements) {
    if (!s || s.Effect !== 'Deny' || !isNoMfaCondition(s.Condition)) continue;
    for (const action of FIRST_SIGN_IN_ACTIONS) {
      const named = s.NotAction !== undefined ? !asList(s.NotAction).some((p) => actionMatches(p, action)) : asList(s.Action).some((p) => actionMatches(p, action));
      if (named && coversResource(s, action)) blocked.add(action);
    }
  }
  return [...blocked];
}
