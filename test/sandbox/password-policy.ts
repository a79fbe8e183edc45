import { AwsError } from './errors';

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** The defaults IAM applies to fields that UpdateAccountPasswordPolicy leaves out. */
export const PASSWORD_POLICY_DEFAULTS: PasswordPolicy = {
  MinimumPasswordLength: 6,
  RequireSymbols: false,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  AllowUsersToChangePassword: false,
  ExpirePasswords: false,
};

export const SYMBOLS = `!@#$%^&*()_+-=[]{}|'`;

const hasSymbol = (p: string): boolean => [...p].some((c) => SYMBOLS.includes(c));

/** Failed rules for a password ([] when it conforms). With no custom policy, AWS's default policy applies. */
export function passwordViolations(password: string, policy: PasswordPolicy | null, accountId: string): string[] {
  const failed: string[] = [];
  if (password.length > 128) failed.push('Password must be at most 128 characters long');
  if (!policy) {
    if (password.length < 8) failed.push('Password should have a minimum length of 8');
    const kinds = [/[A-Z]/.test(password), /[a-z]/.test(password), /[0-9]/.test(password), hasSymbol(password)].filter(Boolean)
      .length;
    if (kinds < 3) failed.push('Password should contain at least three of: uppercase letters, lowercase letters, numbers, symbols');
    if (password === accountId) failed.push('Password must not be identical to the account name');
    return failed;
  }
  if (password.length < policy.MinimumPasswordLength)
    failed.push(`Password should have a minimum length of ${policy.MinimumPasswordLength}`);
  if (policy.RequireUppercaseCharacters && !/[A-Z]/.test(password)) failed.push('Password should have at least one uppercase letter');
  if (policy.RequireLowercaseCharacters && !/[a-z]/.test(password)) failed.push('Password should have at least one lowercase letter');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) failed.push('Password should have at least one number');
  if (policy.RequireSymbols && !hasSymbol(password)) failed.push('Password should have at least one symbol');
  return failed;
}

export function passwordPolicyViolation(rules: string[]): AwsError {
  return new AwsError('PasswordPolicyViolation', `Password does not conform to the account password policy: ${rules.join('; ')}.`, 400);
}
