import { ListGroupsCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AppError } from '../../../src/shared/errors/app-error';
import { isAwsError } from '../../aws/aws-error';

export type IamSender = Pick<IAMClient, 'send'>;

/** Every group in the account, following the Marker through all pages, sorted by name. */
export async function listAllGroups(iam: IamSender): Promise<Array<{ groupName: string; path: string }>> {
  const groups: Array<{ groupName: string; path: string }> = [];
  let marker: string | undefined;
  do {
    const page = await iam
      .send(new ListGroupsCommand({ MaxItems: 100, ...(marker ? { Marker: marker } : {}) }))
      .catch((e: unknown) => {
        // Say which permission is missing; the form still works without groups.
        throw isAwsError(e, 'AccessDenied') ? new AppError('adminUsers.accessDenied', { action: 'iam:ListGroups' }, { cause: e }) : e;
      });
    for (const g of page.Groups ?? []) if (g.GroupName) groups.push({ groupName: g.GroupName, path: g.Path ?? '/' });
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return groups.sort((a, b) => a.groupName.localeCompare(b.groupName));
}
