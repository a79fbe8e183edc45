import { AppError } from '../../../src/shared/errors/app-error';
import { awsErrorMessage, awsErrorName, isAccessDenied, isNetworkError } from '../../aws/aws-error';
import type { ActionTagged } from '../iam-call';

/** "…is not authorized to perform: iam:CreatePolicy on resource: …" → iam:CreatePolicy (AWS's documented shape). */
const DENIED_ACTION = /is not authorized to perform: (\S+) on resource: /;

/**
 * Work done in one account of the organization, its failure said with that account: a denial names
 * the account and the permission ("missing iam:CreatePolicy in Staging (333344445555)"), another AWS
 * answer names the account and AWS's code. Errors that already name the account pass through.
 */
export async function inAccount<T>(account: { accountId: string; name: string }, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw namedInAccount(error, account);
  }
}

export function namedInAccount(error: unknown, account: { accountId: string; name: string }): unknown {
  const where = { accountId: account.accountId, name: account.name };
  if (error instanceof AppError) {
    if (error.code === 'admin.missingPermission') return new AppError('adminAccounts.missingPermissionIn', { ...where, permission: String(error.params?.permission ?? '?') }, { cause: error });
    return error;
  }
  if (isAccessDenied(error)) {
    const permission = (error as ActionTagged).$action ?? DENIED_ACTION.exec(awsErrorMessage(error))?.[1] ?? awsErrorName(error);
    return new AppError('adminAccounts.missingPermissionIn', { ...where, permission }, { cause: error });
  }
  const code = awsErrorName(error);
  if (code && !isNetworkError(error)) return new AppError('adminAccounts.failedIn', { ...where, code }, { cause: error, retryable: /Throttl|TooManyRequests|ServiceUnavailable/.test(code) });
  return error;
}
