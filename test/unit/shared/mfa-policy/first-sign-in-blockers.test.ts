import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildEnforcementPolicy } from '../../../../src/shared/mfa-policy/enforcement-policy';
import { findFirstSignInBlockers } from '../../../../src/shared/mfa-policy/first-sign-in-blockers';

/**
 * The seed-003 detector at its edges: which Deny-without-MFA statements block the first sign-in
 * (iam:ChangePassword, iam:GetAccountPasswordPolicy). IAM matches action names without case and
 * with two wildcards, `*` (any run) and `?` (one character) — IAM User Guide,
 * reference_policies_elements_action.
 */
const seed003 = JSON.parse(readFileSync(new URL('../../../sandbox/fixtures/seed-003-policy-iam-user-duty.json', import.meta.url), 'utf8')) as object;
const BOTH = ['iam:ChangePassword', 'iam:GetAccountPasswordPolicy'];
const NO_MFA = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const deny = (o: object, Condition: object = NO_MFA) => ({ Effect: 'Deny', ...('NotResource' in o ? {} : { Resource: '*' }), Condition, ...o });

describe('findFirstSignInBlockers', () => {
  it('seed-003 blocks both first-sign-in actions; the app’s own policy and AWS’s documented one block neither', () => {
    expect(findFirstSignInBlockers(seed003)).toEqual(BOTH);
    expect(findFirstSignInBlockers(buildEnforcementPolicy())).toEqual([]);
    expect(findFirstSignInBlockers(buildEnforcementPolicy('aws-cn'))).toEqual([]);
  });

  it('NotAction style: an action is blocked unless a NotAction pattern matches it (wildcards, any case)', () => {
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:ChangePassword'] })))).toEqual(['iam:GetAccountPasswordPolicy']);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: 'iam:GetAccountPasswordPolicy' })))).toEqual(['iam:ChangePassword']);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:*'] })))).toEqual([]);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['*'] })))).toEqual([]);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['IAM:changepassword', 'iam:get*'] })))).toEqual([]);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:Change*', 'iam:GetAccount?asswordPolicy'] })))).toEqual([]);
    // A wildcard matches a whole run only where it stands: no prefix or suffix match without it.
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:Change', 'iam:GetAccountPasswordPolicyX', 'xiam:ChangePassword'] })))).toEqual(BOTH);
    // `?` is exactly one character, never none and never a literal question mark.
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:ChangePassword?', 'iam:GetAccountPassword??Policy'] })))).toEqual(BOTH);
    // Regex characters in a pattern are literal.
    expect(findFirstSignInBlockers(doc(deny({ NotAction: ['iam:Change.assword', 'iam:GetAccount(Password)Policy', 'iam:[C]hangePassword'] })))).toEqual(BOTH);
  });

  it('Action style: an action is blocked when an Action pattern matches it', () => {
    expect(findFirstSignInBlockers(doc(deny({ Action: '*' })))).toEqual(BOTH);
    expect(findFirstSignInBlockers(doc(deny({ Action: ['iam:*'] })))).toEqual(BOTH);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'IAM:CHANGEPASSWORD' })))).toEqual(['iam:ChangePassword']);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePasswor?' })))).toEqual(['iam:ChangePassword']);
    expect(findFirstSignInBlockers(doc(deny({ Action: ['iam:Get*Policy'] })))).toEqual(['iam:GetAccountPasswordPolicy']);
    expect(findFirstSignInBlockers(doc(deny({ Action: ['iam:Change', 's3:*', 'iam:ChangePassword.', 'iam:CreateUser'] })))).toEqual([]);
    // Neither Action nor NotAction (not a valid policy): nothing is read as blocked.
    expect(findFirstSignInBlockers(doc(deny({})))).toEqual([]);
  });

  it('only a Deny whose condition is "without MFA" counts: Bool or BoolIfExists, any case, a string, a list or a JSON boolean', () => {
    for (const Condition of [
      { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
      { boolifexists: { 'AWS:multifactorauthpresent': ['false'] } },
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': false } },
      // AWS does not document whether a Bool value is read without case: the detector assumes it is.
      { Bool: { 'aws:MultiFactorAuthPresent': 'False' } },
      { StringEquals: { 'aws:username': 'x' }, Bool: { 'aws:SecureTransport': 'true', 'aws:MultiFactorAuthPresent': ['true', 'false'] } },
    ]) {
      expect(findFirstSignInBlockers(doc(deny({ Action: '*' }, Condition))), JSON.stringify(Condition)).toEqual(BOTH);
    }
    for (const Condition of [
      undefined,
      {},
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { Bool: { 'aws:SecureTransport': 'false' } },
      { BoolIfExistsX: { 'aws:MultiFactorAuthPresent': 'false' } },
      { XBool: { 'aws:MultiFactorAuthPresent': 'false' } },
      { StringEquals: { 'aws:MultiFactorAuthPresent': 'false' } },
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
      { Bool: { 'aws:MultiFactorAuthPresentX': 'false' } },
      { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
    ]) {
      const statement = Condition === undefined ? { Effect: 'Deny', Action: '*', Resource: '*' } : deny({ Action: '*' }, Condition);
      expect(findFirstSignInBlockers(doc(statement)), JSON.stringify(Condition)).toEqual([]);
    }
    // An Allow with the same shape never blocks anything.
    expect(findFirstSignInBlockers(doc({ ...deny({ Action: '*' }), Effect: 'Allow' }))).toEqual([]);
  });

  it('a Deny reaches the first sign-in only through the new user’s own ARN (ChangePassword) or "*" (GetAccountPasswordPolicy)', () => {
    const own = ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}'];
    // The app's own DenyOtherUsersIfNoMFA: ChangePassword of every *other* user, never one's own.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: own })))).toEqual([]);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: own.map((a) => a.replace('aws:username', 'AWS:UserName')) })))).toEqual([]);
    // … but without the path variant, a user with a path is locked out.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: own[0] })))).toEqual(['iam:ChangePassword']);
    // Another user's ARN, or a variable the detector cannot resolve, excludes nobody.
    expect(findFirstSignInBlockers(doc(deny({ Action: '*', NotResource: ['arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::*:user/${aws:PrincipalTag/team}'] })))).toEqual(BOTH);
    // Any account in the ARN is read as this one; a wildcard excludes everyone it matches.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: 'arn:aws-cn:iam::999988887777:user/*' })))).toEqual([]);
    expect(findFirstSignInBlockers(doc(deny({ Action: '*', NotResource: '*' })))).toEqual([]);
    // Resource: the own user ARN in any spelling that reaches it; "*" alone reaches the password policy.
    for (const Resource of ['*', 'arn:aws:iam::*:user/*', 'arn:aws:iam::111122223333:user/${aws:username}', 'arn:*:iam::*:user/team/*', 'arn:aws:iam::*:user/${aws:PrincipalTag/x}']) {
      expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource }))), Resource).toEqual(['iam:ChangePassword']);
    }
    for (const Resource of ['arn:aws:iam::*:user/alice', 'arn:aws:iam::*:group/*', 'arn:aws:iam::*:mfa/${aws:username}', 'arn:aws:iam::*:user/${aws:username}-admin', 'arn:aws:iam::*:user/new-user']) {
      expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource }))), Resource).toEqual([]);
    }
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:*', Resource: ['arn:aws:iam::*:user/*'] })))).toEqual(['iam:ChangePassword']);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:*', Resource: ['arn:aws:iam::*:policy/*', '*'] })))).toEqual(BOTH);
    expect(findFirstSignInBlockers(doc(deny({ NotAction: 's3:*', NotResource: 'arn:aws:iam::*:user/*' })))).toEqual(['iam:GetAccountPasswordPolicy']);
  });

  it('resource patterns at their edges: the new user has a name, "*" is one character, a variable reaches only its own place', () => {
    // Any user with a non-empty name (and the new user has one) — also one with a path.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/?*' })))).toEqual(['iam:ChangePassword']);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/team/?*' })))).toEqual(['iam:ChangePassword']);
    // GetAccountPasswordPolicy has no resource-level permissions: its resource is "*" (IAM User Guide,
    // reference_policies_elements_resource). AWS documents only Resource "*" for such actions; any
    // pattern that matches the text "*" is read as reaching it (reports more), one that needs two characters is not.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:GetAccountPasswordPolicy', Resource: '?*' })))).toEqual(['iam:GetAccountPasswordPolicy']);
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:GetAccountPasswordPolicy', Resource: '??*' })))).toEqual([]);
    // A truncated ARN (fewer than six parts) is literal text: it matches no user.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource: ['arn:aws:iam', 'arn:aws:iam:us-east-1'] })))).toEqual([]);
    // Any account in a six-part ARN is read as this one, also in Resource.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource: 'arn:aws-us-gov:iam::999988887777:user/team/*' })))).toEqual(['iam:ChangePassword']);
    // A variable the detector cannot resolve stands for anything in its own place only: a path of
    // one segment before the name still reaches the new user with a path, not the one without.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:PrincipalTag/dept}/*' })))).toEqual(['iam:ChangePassword']);
    expect(
      findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/${aws:PrincipalTag/dept}/${aws:username}'] }))),
    ).toEqual(['iam:ChangePassword']);
    // Text around a variable stays literal: ${aws:username} followed by a suffix is another user.
    expect(findFirstSignInBlockers(doc(deny({ Action: 'iam:ChangePassword', NotResource: ['arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::*:user/*/${aws:username}x'] })))).toEqual(['iam:ChangePassword']);
  });

  it('reads every statement (a single object or a list), each blocked action once, and tolerates what is not a policy', () => {
    const single = { Version: '2012-10-17', Statement: deny({ Action: 'iam:ChangePassword' }) };
    expect(findFirstSignInBlockers(single)).toEqual(['iam:ChangePassword']);
    expect(
      findFirstSignInBlockers(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, deny({ Action: 'iam:GetAccountPasswordPolicy' }), deny({ Action: 'iam:*' }), deny({ NotAction: 's3:*' }))),
    ).toEqual(['iam:GetAccountPasswordPolicy', 'iam:ChangePassword']);
    for (const notAPolicy of [null, undefined, 'x', 42, {}, { Statement: null }, { Statement: [null, 7, 'x'] }]) {
      expect(findFirstSignInBlockers(notAPolicy), JSON.stringify(notAPolicy)).toEqual([]);
    }
  });
});
