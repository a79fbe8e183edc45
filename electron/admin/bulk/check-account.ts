import { GetPolicyCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppErrorShape } from '../../../src/shared/errors/app-error';
import { ENFORCEMENT_POLICY_NAME } from '../../../src/shared/mfa-policy/enforcement-policy';
import { mapLimit } from '../iam-call';
import { isAwsError } from '../../aws/aws-error';
import { listAllGroups, type IamSender } from '../users/list-groups';
import type { CsvValidation } from './csv-validate';

/** IAM group names: 1–128 of [\w+=,.@-]. */
const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
/** Above this many rows one ListUsers sweep is cheaper than a GetUser per row. */
const GET_USER_LIMIT = 20;

/**
 * The checks only the account can answer, before anything is created: users that already exist,
 * groups that do not, and whether the MFA policy is there to attach. Problems go into the file's
 * validation (which keeps the names and group lines, not the rows).
 */
export async function checkAgainstAccount(
  iam: IamSender,
  file: CsvValidation,
  policyArn: string,
  /** With an `account` column: the rows (by their account cell) this account is for. */
  mine: (account: string | null) => boolean = () => true,
): Promise<{ blockers: AppErrorShape[] }> {
  const named = [...file.names()].filter((r) => mine(r.account));
  const exists = await existingUsers(iam, named);
  for (const r of named) if (exists.has(r.userName.toLowerCase())) file.problem({ line: r.line, userName: r.userName, code: 'alreadyExists' });

  const groups = [...file.groupRows].filter(([, rows]) => [...rows.accounts].some(mine));
  if (groups.length > 0) {
    const known = new Set((await denied('iam:ListGroups', () => listAllGroups(iam))).map((g) => g.groupName));
    for (const [g, rows] of groups) {
      // A name IAM would refuse is already a problem of its own (groupName.*); "does not exist" would repeat it.
      if (known.has(g) || !GROUP_NAME.test(g)) continue;
      for (const r of rows.first) if (mine(r.account)) file.problem({ line: r.line, userName: r.userName, code: 'unknownGroup', params: { group: g } });
      // Rows past the listed ones are counted, not kept (exactly when they are all this account's).
      if (rows.accounts.size === 1) file.problemCount += rows.count - rows.first.length;
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
  return { blockers };
}

/** Lower-cased names that are taken (IAM user names are unique regardless of case). */
async function existingUsers(iam: IamSender, rows: ReadonlyArray<{ userName: string }>): Promise<Set<string>> {
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
