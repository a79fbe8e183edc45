import type { ActionTable } from '../action-types';
import { accessKeyActions } from './access-keys';
import { accountActions } from './account';
import { authorizationDetailsActions } from './authorization-details';
import { groupActions } from './groups';
import { mfaActions } from './mfa';
import { policyActions } from './policies';
import { roleActions } from './roles';
import { simulateActions } from './simulate';
import { userActions } from './users';

/** Every IAM action the sandbox implements, by Query protocol action name. */
export const iamActions: ActionTable = {
  ...userActions,
  ...accessKeyActions,
  ...groupActions,
  ...policyActions,
  ...mfaActions,
  ...accountActions,
  ...simulateActions,
  ...roleActions,
  ...authorizationDetailsActions,
};
