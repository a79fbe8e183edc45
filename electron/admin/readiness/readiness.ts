import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, UpdateAccountPasswordPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { z } from 'zod';
import { CIS_BASELINE_PASSWORD_POLICY, fromSdkPolicy, policyAtLeast, strengthenPolicy, toSdkPolicyInput, type PasswordPolicy } from '../../../src/shared/password-policy/password-policy';
import type { readinessCheckSchema } from '../../../src/shared/ipc/channels/admin';
import { tagAction, type ActionTagged } from '../iam-call';
import { awsErrorName, isAccessDenied, isNoSuchEntity } from '../../aws/aws-error';
import type { CredentialReport } from '../credential-report/report-service';
import { readPolicyState } from '../policy/policy-state';
import { consoleUsersWithoutMfa, listUserNames, oldAccessKeys } from './account-users';
import { oldKeys, reportAge, usersWithoutMfa } from './report-checks';

export type ReadinessCheck = z.output<typeof readinessCheckSchema>;
type CheckId = ReadinessCheck['id'];

const blank = (id: CheckId): ReadinessCheck => ({
  id,
  status: 'ok',
  missingPermission: null,
  errorCode: null,
  passwordPolicy: null,
  policyState: null,
  users: [],
  keys: [],
  report: null,
});

/** One failing call marks its own row "could not check" and never breaks the others. */
async function guard(id: CheckId, run: () => Promise<Partial<ReadinessCheck>>): Promise<ReadinessCheck> {
  try {
    return { ...blank(id), ...(await run()) };
  } catch (error) {
    return {
      ...blank(id),
      status: 'unknown',
      missingPermission: (error as ActionTagged).$action ?? null,
      errorCode: awsErrorName(error) || 'internal',
    };
  }
}

const fail = (bad: boolean): ReadinessCheck['status'] => (bad ? 'fail' : 'ok');

/**
 * The user checks answer from the credential report (one download for any number of users). An
 * admin who may not read it gets the same checks user by user; if that fails too, the row names
 * the report's permission, the one worth asking for.
 */
async function fromReport<T>(report: Promise<CredentialReport>, fromIt: (r: CredentialReport) => T, userByUser: () => Promise<T>): Promise<{ value: T; report: CredentialReport | null }> {
  try {
    const r = await report;
    return { value: fromIt(r), report: r };
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
    try {
      return { value: await userByUser(), report: null };
    } catch {
      throw error;
    }
  }
}

export async function runReadiness(
  iam: IAMClient,
  opts: { policyArn: string; partition: string; nowMs: number; report: () => Promise<CredentialReport> },
): Promise<ReadinessCheck[]> {
  const summary = tagAction('iam:GetAccountSummary', iam.send(new GetAccountSummaryCommand({})));
  const report = opts.report();
  // Only read when the report is not allowed.
  let names: Promise<string[]> | null = null;
  const users = () => (names ??= listUserNames(iam));
  summary.catch(() => {});
  report.catch(() => {});
  return Promise.all([
    guard('rootMfa', async () => ({ status: fail((await summary).SummaryMap?.AccountMFAEnabled !== 1) })),
    guard('rootKeys', async () => ({ status: fail(((await summary).SummaryMap?.AccountAccessKeysPresent ?? 0) > 0) })),
    guard('passwordPolicy', async () => {
      let sdk;
      try {
        sdk = (await tagAction('iam:GetAccountPasswordPolicy', iam.send(new GetAccountPasswordPolicyCommand({})))).PasswordPolicy;
      } catch (error) {
        if (!isNoSuchEntity(error)) throw error;
      }
      const current = sdk ? fromSdkPolicy(sdk) : null;
      const diff = policyAtLeast(current, CIS_BASELINE_PASSWORD_POLICY).map((d) => ({
        field: d.field,
        current: d.current as string | number | boolean | null,
        target: d.target as string | number | boolean | null,
      }));
      const expiry = { maxPasswordAge: current?.maxPasswordAge ?? null, hardExpiry: current?.hardExpiry ?? false };
      return { status: fail(!sdk || diff.length > 0), passwordPolicy: { present: !!sdk, diff, expiry } };
    }),
    guard('enforcementPolicy', async () => {
      const s = await readPolicyState(iam, opts.policyArn, opts.partition);
      return { status: fail(s.state !== 'current'), policyState: s.state };
    }),
    guard('consoleUsersWithoutMfa', async () => {
      const found = await fromReport(report, usersWithoutMfa, async () => consoleUsersWithoutMfa(iam, await users()));
      return { status: fail(found.value.length > 0), users: found.value, report: found.report && reportAge(found.report) };
    }),
    guard('oldAccessKeys', async () => {
      const keys = await fromReport<ReadinessCheck['keys']>(report, (r) => oldKeys(r, opts.nowMs), async () => oldAccessKeys(iam, await users(), opts.nowMs));
      return { status: fail(keys.value.length > 0), keys: keys.value, report: keys.report && reportAge(keys.report) };
    }),
    guard('credentialReport', async () => ({ status: 'ok', report: reportAge(await report) })),
  ]);
}

/** The account's password policy now (null: none set, AWS's defaults apply). */
export async function readPasswordPolicy(iam: Pick<IAMClient, 'send'>): Promise<PasswordPolicy | null> {
  try {
    const sdk = (await tagAction('iam:GetAccountPasswordPolicy', iam.send(new GetAccountPasswordPolicyCommand({})))).PasswordPolicy;
    return sdk ? fromSdkPolicy(sdk) : null;
  } catch (error) {
    if (isNoSuchEntity(error)) return null;
    throw error;
  }
}

/** Raises the password policy to the CIS baseline; never weaker than today in any field. */
export async function applyCisPasswordPolicy(iam: Pick<IAMClient, 'send'>): Promise<{ applied: true }> {
  const target = strengthenPolicy(await readPasswordPolicy(iam), CIS_BASELINE_PASSWORD_POLICY);
  await tagAction('iam:UpdateAccountPasswordPolicy', iam.send(new UpdateAccountPasswordPolicyCommand(toSdkPolicyInput(target))));
  return { applied: true };
}
