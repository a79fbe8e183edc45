import { GetPolicyCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppErrorShape } from '../../../src/shared/errors/app-error';
import { ENFORCEMENT_POLICY_NAME } from '../../../src/shared/mfa-policy/enforcement-policy';
import { mapLimit } from '../iam-call';
import { isAwsError } from '../../aws/aws-error';
import { listAllGroups, type IamSender } from '../users/list-groups';
import type { BulkRow, RowProblem } from './csv-import';

/** Above this many rows one ListUsers sweep is cheaper than a GetUser per row. */
const GET_USER_LIMIT = 20;

/**
 * The checks only the account can answer, before anything is created: users that already exist,
 * groups that do not, and whether the MFA policy is there to attach.
 */
export async function checkAgainstAccount(
  iam: IamSender,
  rows: readonly BulkRow[],
  policyArn: string,
): Promise<{ problems: RowProblem[]; blockers: AppErrorShape[] }> {
  const problems: RowProblem[] = [];
  const named = rows.filter((r) => r.userName);
  const exists = await existingUsers(iam, named);
  for (const r of named) if (exists.has(r.userName.toLowerCase())) problems.push({ line: r.line, userName: r.userName, code: 'alreadyExists' });

  const wanted = new Set(rows.flatMap((r) => r.groups));
  if (wanted.size > 0) {
    const known = new Set((await denied('iam:ListGroups', () => listAllGroups(iam))).map((g) => g.groupName));
    for (const r of rows) {
      for (const g of r.groups) if (!known.has(g)) problems.push({ line: r.line, userName: r.userName, code: 'unknownGroup', params: { group: g } });
    }
  }

  const blockers: AppErrorShape[] = [];
  try {
    await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }));
  } catch (e) {
    if (isAwsError(e, 'NoSuchEntity')) blockers.push({ code: 'adminBulk.policyMissing', params: { policyName: ENFORCEMENT_POLICY_NAME } });
    // Without iam:GetPolicy the attach step will say it; anything else is a real failure.
    else if (!isAwsError(e, 'AccessDenied')) throw e;
  }
  return { problems, blockers };
}

/** Lower-cased names that are taken (IAM user names are unique regardless of case). */
async function existingUsers(iam: IamSender, rows: readonly BulkRow[]): Promise<Set<string>> {
  const taken = new Set<string>();
  if (rows.length <= GET_USER_LIMIT) {
    await mapLimit(rows, 4, async (r) => {
      try {
        await denied('iam:GetUser', () => iam.send(new GetUserCommand({ UserName: r.userName })));
        taken.add(r.userName.toLowerCase());
      } catch (e) {
        if (!isAwsError(e, 'NoSuchEntity') && !isAwsError(e, 'ValidationError')) throw e;
      }
    });
    return taken;
  }
  let Marker: string | undefined;
  do {
    const page = await denied('iam:ListUsers', () => iam.send(new ListUsersCommand({ MaxItems: 1000, ...(Marker ? { Marker } : {}) })));
    for (const u of page.Users ?? []) if (u.UserName) taken.add(u.UserName.toLowerCase());
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return taken;
}

async function denied<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isAwsError(e, 'AccessDenied') || (e instanceof AppError && e.code === 'adminUsers.accessDenied')) {
      throw new AppError('adminBulk.accessDenied', { action }, { cause: e });
    }
    throw e;
  }
}
