import { z } from 'zod';
import { defineChannel } from '../define';
import { adminIdentitySchema, readinessCheckSchema } from './admin';
import { USER_STATUSES } from '../../admin-limits';

/** AWS account ids are 12 digits; IAM role names [\w+=,.@-]{1,64}; STS external ids [\w+=,.@:/-]{2,1224}. */
export const accountIdSchema = z.string().regex(/^\d{12}$/);
export const roleNameSchema = z.string().trim().regex(/^[\w+=,.@-]{1,64}$/);
const externalIdSchema = z.string().trim().regex(/^[\w+=,.@:/-]{2,1224}$/);
const empty = z.object({}).strict();
const dialogText = { dialogTitle: z.string().max(200), filterName: z.string().max(100) };

const appErrorSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  retryable: z.boolean().optional(),
});

export const orgAccountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE (Organizations); null from the SSO portal. */
  status: z.string().nullable(),
  /** The signed-in identity's own account. */
  home: z.boolean(),
  /** The account every admin screen acts in now. */
  current: z.boolean(),
  /** From the SSO portal: the roles (permission sets) assigned in it; null with Organizations. */
  roles: z.array(z.string()).nullable(),
});
export type OrgAccount = z.output<typeof orgAccountSchema>;

/** Where the account list came from, and why it may hold only the signed-in account. */
export const accountListSchema = z.object({
  source: z.enum(['organizations', 'sso', 'single']),
  /**
   * `single`: not in an organization, signed in to a member account (Organizations lists from the
   * management account only), or not allowed to read the organization (`missingPermission` says what).
   */
  notice: z.enum(['notInOrganization', 'notManagementAccount', 'noPermission']).nullable(),
  missingPermission: z.string().nullable(),
  organizationId: z.string().nullable(),
  managementAccountId: z.string().nullable(),
  accounts: z.array(orgAccountSchema),
  /** The role assumed in member accounts unless the admin names another. */
  defaultRoleName: z.string(),
});

const switchResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('switched'), identity: adminIdentitySchema }),
  /** The role's trust policy wants MFA (AWS only says AccessDenied): one code from this device, then again. */
  z.object({ status: z.literal('mfaCodeNeeded'), accountId: z.string(), roleName: z.string(), mfaSerial: z.string(), deviceName: z.string() }),
]);

export const matrixRowSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  alias: z.string().nullable(),
  /** The role the checks ran as (null: the signed-in identity in its own account). */
  roleName: z.string().nullable(),
  /** The account could not be reached (role not assumable, MFA needed…): every cell is unknown for this reason. */
  error: appErrorSchema.nullable(),
  checks: z.array(readinessCheckSchema),
  /** How often this account was throttled and its checks run again. */
  throttledRetries: z.number(),
  checkedAt: z.string(),
});
export type MatrixRow = z.output<typeof matrixRowSchema>;

/** The checks a matrix cell can fix, in that account, after the admin has seen the plan. */
export const FIXABLE_CHECKS = ['passwordPolicy', 'enforcementPolicy'] as const;

const planItem = z.object({ field: z.string(), current: z.union([z.string(), z.number(), z.boolean(), z.null()]), target: z.union([z.string(), z.number(), z.boolean(), z.null()]) });

export const fixPlanSchema = z.object({
  planId: z.string(),
  accountId: z.string(),
  check: z.enum(FIXABLE_CHECKS),
  /** Password policy: each field now → after (stronger settings are kept). */
  passwordPolicy: z.object({ present: z.boolean(), diff: z.array(planItem) }).nullable(),
  /** Enforcement policy: create it or add a default version (with the version that makes room, if any). */
  enforcementPolicy: z
    .object({ state: z.enum(['missing', 'current', 'outdated']), arn: z.string(), currentJson: z.string().nullable(), targetJson: z.string(), versionToDelete: z.string().nullable() })
    .nullable(),
});

export const matrixCsvLabelsSchema = z
  .object({
    /** Account, name, alias, role, then one heading per check (7). */
    header: z.array(z.string().max(100)).length(11),
    status: z.object({ ok: z.string().max(40), fail: z.string().max(40), unknown: z.string().max(40) }),
    /** "could not reach the account" */
    unreachable: z.string().max(100),
  })
  .strict();

const statusCounts = z.record(z.enum(USER_STATUSES), z.number());

export const accountStatusSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  alias: z.string().nullable(),
  error: appErrorSchema.nullable(),
  counts: statusCounts,
  /** Users not done yet (at most 200 per account), for the list across accounts. */
  pending: z.array(z.object({ userName: z.string(), status: z.enum(USER_STATUSES), inviteExpired: z.boolean() })),
  users: z.number(),
});

export const adminAccountsChannels = {
  /**
   * The accounts the admin can switch to: the organization's (organizations:ListAccounts, every page),
   * or the IAM Identity Center portal's after an SSO sign-in, or only the signed-in account.
   */
  'admin:accounts:list': defineChannel({ input: empty, output: accountListSchema }),
  /**
   * Makes an account the one every admin screen acts in: sts:AssumeRole of `roleName` (default
   * OrganizationAccountAccessRole) or the portal's role credentials after an SSO sign-in. When the
   * trust policy wants MFA the first answer names the device; the same call with `mfaCode` goes on.
   */
  'admin:accounts:switch': defineChannel({
    input: z
      .object({
        accountId: accountIdSchema,
        roleName: roleNameSchema.optional(),
        externalId: externalIdSchema.optional(),
        mfaCode: z.string().trim().regex(/^\d{6}$/).optional(),
      })
      .strict(),
    output: switchResult,
  }),
  /** Back to the signed-in identity's own account, in one step. */
  'admin:accounts:back': defineChannel({ input: empty, output: adminIdentitySchema }),
  /** The readiness checks of every listed account (or those given), a few accounts at a time; rows also arrive as events. */
  'admin:accounts:readiness': defineChannel({
    input: z
      .object({
        accountIds: z.array(accountIdSchema).max(2000).optional(),
        /** The role to assume where none was chosen (default OrganizationAccountAccessRole). */
        roleName: roleNameSchema.optional(),
        /** A code for the MFA a role's trust policy asked for (a row said so): one code serves every account. */
        mfaCode: z.string().trim().regex(/^\d{6}$/).optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(matrixRowSchema), checkedAt: z.string() }),
  }),
  /** What fixing one cell would change in that account (nothing is changed). */
  'admin:accounts:fixPlan': defineChannel({
    input: z.object({ accountId: accountIdSchema, check: z.enum(FIXABLE_CHECKS) }).strict(),
    output: fixPlanSchema,
  }),
  /** Applies a plan the admin has seen, in its account, and checks that account again. */
  'admin:accounts:fixApply': defineChannel({
    input: z.object({ planId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    output: z.object({ row: matrixRowSchema }),
  }),
  /** The last matrix as CSV (headings in the admin's language; formula-safe). */
  'admin:accounts:exportReadiness': defineChannel({
    input: z.object({ labels: matrixCsvLabelsSchema, ...dialogText }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number() }),
  }),
  /** Onboarding across accounts: how many users in each state, and who is not done yet. */
  'admin:accounts:status': defineChannel({
    input: z.object({ accountIds: z.array(accountIdSchema).max(2000).optional() }).strict(),
    output: z.object({ accounts: z.array(accountStatusSchema), listedAt: z.string() }),
  }),
} as const;

export const adminAccountsEvents = {
  /** One account's row of the readiness matrix, as soon as it is checked. */
  'admin:accounts:readinessRow': matrixRowSchema,
} as const;
