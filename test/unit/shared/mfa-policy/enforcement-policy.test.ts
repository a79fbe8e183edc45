import { describe, expect, it } from 'vitest';
import { buildEnforcementPolicy, canonicalPolicyJson, ENFORCEMENT_POLICY_DESCRIPTION, ENFORCEMENT_POLICY_NAME } from '../../../../src/shared/mfa-policy/enforcement-policy';

/**
 * The document's own rules, apart from what it allows (the sandbox tests evaluate that, statement
 * by statement): IAM wants each Sid alphanumeric and unique within a policy (IAM User Guide,
 * reference_policies_elements_sid), the partition reaches every ARN, and the canonical form the
 * policy page compares versions with ignores key order only.
 */
describe('the enforcement policy document', () => {
  it('every statement has a Sid of ASCII letters and digits, unique in the policy', () => {
    const sids = buildEnforcementPolicy().Statement.map((s) => s.Sid);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it('every ARN is in the partition asked for', () => {
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
      const arns = JSON.stringify(buildEnforcementPolicy(partition)).match(/arn:[^:"]*:/g) ?? [];
      expect(arns.length).toBeGreaterThan(0);
      expect(new Set(arns)).toEqual(new Set([`arn:${partition}:`]));
    }
  });

  it('its description is what the IAM console shows: within IAM’s 1,000 characters, and says what it denies', () => {
    expect(ENFORCEMENT_POLICY_DESCRIPTION.length).toBeGreaterThan(0);
    expect(ENFORCEMENT_POLICY_DESCRIPTION.length).toBeLessThanOrEqual(1000);
    expect(ENFORCEMENT_POLICY_DESCRIPTION).toMatch(/without MFA/);
  });
});

describe('canonicalPolicyJson', () => {
  it('sorts keys at every depth, keeps array order and values', () => {
    const a = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['b', 'a'], Condition: { Bool: { y: 'true', x: 'false' } } }] };
    const b = { Statement: [{ Condition: { Bool: { x: 'false', y: 'true' } }, Action: ['b', 'a'], Effect: 'Allow' }], Version: '2012-10-17' };
    expect(canonicalPolicyJson(a)).toBe(canonicalPolicyJson(b));
    expect(canonicalPolicyJson(a)).toBe('{"Statement":[{"Action":["b","a"],"Condition":{"Bool":{"x":"false","y":"true"}},"Effect":"Allow"}],"Version":"2012-10-17"}');
    // Array order is meaning (a list of values), and values are compared exactly.
    expect(canonicalPolicyJson({ Action: ['a', 'b'] })).not.toBe(canonicalPolicyJson({ Action: ['b', 'a'] }));
    expect(canonicalPolicyJson({ x: [{ b: 1, a: null }] })).toBe('{"x":[{"a":null,"b":1}]}');
    expect(canonicalPolicyJson('s')).toBe('"s"');
    expect(canonicalPolicyJson(null)).toBe('null');
  });
});

describe('the enforcement policy name', () => {
  it('is a name IAM accepts for a managed policy (1–128 of letters, digits and +=,.@_-)', () => {
    expect(ENFORCEMENT_POLICY_NAME).toMatch(/^[\w+=,.@-]{1,128}$/);
  });
});
