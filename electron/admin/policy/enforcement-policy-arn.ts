import { ENFORCEMENT_POLICY_NAME } from '../../../src/shared/mfa-policy/enforcement-policy';

/** The ARN of the app's customer managed MFA-enforcement policy in an account. */
export function enforcementPolicyArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:policy/${ENFORCEMENT_POLICY_NAME}`;
}

/** The partition of an ARN ('aws', 'aws-cn', 'aws-us-gov'). */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}
