/**
 * The account password policy in our shape, plus the two reference points the app uses:
 * AWS's rules when no policy is set, and the CIS AWS Foundations baseline admins can apply.
 */

export interface PasswordPolicy {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  expirePasswords: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

/** A policy carrying this flag means "no account policy: AWS's built-in rules apply". */
export type DefaultRulesPolicy = PasswordPolicy & { defaultRules: true };

/** IAM's limit for every password, whatever the policy says. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * No account policy set: 8..128 characters, at least three of the four classes, not the user
 * name. The per-class flags stay false because "three of four" is not expressible with them.
 */
export const AWS_DEFAULT_PASSWORD_POLICY_RULES: Readonly<DefaultRulesPolicy> = Object.freeze({
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  expirePasswords: false,
  maxPasswordAge: null,
  passwordReusePrevention: null,
  hardExpiry: false,
  defaultRules: true,
});

/** The version of the CIS AWS Foundations Benchmark whose password controls the app applies. */
export const CIS_BENCHMARK_VERSION = '4.0.1';

/**
 * CIS AWS Foundations Benchmark v4.0.1, recommendations 1.8 (minimum length 14 or more) and 1.9
 * (prevent reuse of the last 24 passwords) — all the benchmark asks of the IAM password policy
 * since v1.4. Not here, on purpose: character-class rules and a 90-day expiry, which only the old
 * v1.2 profile asked for; NIST SP 800-63B §5.1.1.2 advises against both ("SHOULD NOT impose other
 * composition rules", "SHOULD NOT require memorized secrets to be changed arbitrarily"). Applying
 * the baseline never weakens a stronger setting already in place (strengthenPolicy), so an
 * existing expiry stays.
 */
export const CIS_BASELINE_PASSWORD_POLICY: Readonly<PasswordPolicy> = Object.freeze({
  minimumPasswordLength: 14,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  expirePasswords: false,
  maxPasswordAge: null,
  passwordReusePrevention: 24,
  hardExpiry: false,
});

/** The non-alphanumeric characters IAM counts for RequireSymbols. */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

export const isDefaultRules = (p: PasswordPolicy): p is DefaultRulesPolicy =>
  (p as Partial<DefaultRulesPolicy>).defaultRules === true;

/** The `PasswordPolicy` of `GetAccountPasswordPolicy` (fields optional as in the SDK types). */
export interface SdkPasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** SDK shape -> ours. `undefined` (NoSuchEntity: no policy set) -> AWS's default rules. */
export function fromSdkPolicy(p: SdkPasswordPolicy | undefined): PasswordPolicy {
  if (!p) return { ...AWS_DEFAULT_PASSWORD_POLICY_RULES };
  const maxAge = p.MaxPasswordAge && p.MaxPasswordAge > 0 ? p.MaxPasswordAge : null;
  return {
    minimumPasswordLength: p.MinimumPasswordLength ?? 8,
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
    expirePasswords: p.ExpirePasswords ?? maxAge !== null,
    maxPasswordAge: maxAge,
    passwordReusePrevention: p.PasswordReusePrevention && p.PasswordReusePrevention > 0 ? p.PasswordReusePrevention : null,
    hardExpiry: p.HardExpiry ?? false,
  };
}

/**
 * Input for UpdateAccountPasswordPolicy. Every settable field is sent, because an omitted one is
 * reset to its default by that API. ExpirePasswords is read-only (derived from MaxPasswordAge).
 */
export function toSdkPolicyInput(p: PasswordPolicy): Record<string, unknown> {
  const input: Record<string, unknown> = {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    AllowUsersToChangePassword: p.allowUsersToChangePassword,
    HardExpiry: p.hardExpiry,
  };
  if (p.maxPasswordAge !== null) input.MaxPasswordAge = p.maxPasswordAge;
  if (p.passwordReusePrevention !== null) input.PasswordReusePrevention = p.passwordReusePrevention;
  return input;
}

export interface PolicyFieldDiff {
  field: keyof PasswordPolicy;
  current: unknown;
  target: unknown;
}

const REQUIRE_FLAGS = [
  'requireSymbols',
  'requireNumbers',
  'requireUppercaseCharacters',
  'requireLowercaseCharacters',
  'allowUsersToChangePassword',
  'hardExpiry',
] as const;

/**
 * Fields where `current` is weaker than `baseline` (what applying the baseline changes).
 * `null` current = no policy: compared as AWS's default rules. `expirePasswords` is left out: it
 * follows `maxPasswordAge` and would show the same change twice.
 */
export function policyAtLeast(current: PasswordPolicy | null, baseline: PasswordPolicy): PolicyFieldDiff[] {
  const cur = current ?? AWS_DEFAULT_PASSWORD_POLICY_RULES;
  const diff: PolicyFieldDiff[] = [];
  if (cur.minimumPasswordLength < baseline.minimumPasswordLength) {
    diff.push({ field: 'minimumPasswordLength', current: cur.minimumPasswordLength, target: baseline.minimumPasswordLength });
  }
  for (const f of REQUIRE_FLAGS) {
    if (baseline[f] && !cur[f]) diff.push({ field: f, current: cur[f], target: true });
  }
  if (baseline.maxPasswordAge !== null && (cur.maxPasswordAge === null || cur.maxPasswordAge > baseline.maxPasswordAge)) {
    diff.push({ field: 'maxPasswordAge', current: cur.maxPasswordAge, target: baseline.maxPasswordAge });
  }
  if (
    baseline.passwordReusePrevention !== null &&
    (cur.passwordReusePrevention === null || cur.passwordReusePrevention < baseline.passwordReusePrevention)
  ) {
    diff.push({ field: 'passwordReusePrevention', current: cur.passwordReusePrevention, target: baseline.passwordReusePrevention });
  }
  return diff;
}

/** The policy to apply: the baseline, but never weaker than `current` in any field. */
export function strengthenPolicy(current: PasswordPolicy | null, baseline: PasswordPolicy): PasswordPolicy {
  if (!current || isDefaultRules(current)) return { ...stripFlag(baseline) };
  const maxAge =
    current.maxPasswordAge === null ? baseline.maxPasswordAge
    : baseline.maxPasswordAge === null ? current.maxPasswordAge
    : Math.min(current.maxPasswordAge, baseline.maxPasswordAge);
  const reuse =
    current.passwordReusePrevention === null ? baseline.passwordReusePrevention
    : baseline.passwordReusePrevention === null ? current.passwordReusePrevention
    : Math.max(current.passwordReusePrevention, baseline.passwordReusePrevention);
  return {
    minimumPasswordLength: Math.max(current.minimumPasswordLength, baseline.minimumPasswordLength),
    requireSymbols: current.requireSymbols || baseline.requireSymbols,
    requireNumbers: current.requireNumbers || baseline.requireNumbers,
    requireUppercaseCharacters: current.requireUppercaseCharacters || baseline.requireUppercaseCharacters,
    requireLowercaseCharacters: current.requireLowercaseCharacters || baseline.requireLowercaseCharacters,
    allowUsersToChangePassword: current.allowUsersToChangePassword || baseline.allowUsersToChangePassword,
    expirePasswords: maxAge !== null,
    maxPasswordAge: maxAge,
    passwordReusePrevention: reuse,
    hardExpiry: current.hardExpiry || baseline.hardExpiry,
  };
}

function stripFlag(p: PasswordPolicy): PasswordPolicy {
  const { defaultRules: _ignored, ...rest } = p as Partial<DefaultRulesPolicy> & PasswordPolicy;
  return rest;
}
