import { targetUserName, userResource, type ActionTable } from '../action-types';
import { noSuchEntity, validationError } from '../errors';
import { paginate } from '../query-protocol';

export const accessKeyActions: ActionTable = {
  CreateAccessKey: {
    resource: userResource,
    handler: (c) => {
      const k = c.state.createAccessKey(targetUserName(c));
      return {
        AccessKey: { UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status, SecretAccessKey: k.secretAccessKey, CreateDate: k.createDate },
      };
    },
  },
  ListAccessKeys: {
    resource: userResource,
    handler: (c) => {
      const { page, ...rest } = paginate(c.state.getUser(targetUserName(c)).accessKeys, c.p);
      return {
        AccessKeyMetadata: page.map((k) => ({ UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createDate })),
        ...rest,
      };
    },
  },
  UpdateAccessKey: {
    resource: userResource,
    handler: (c) => {
      const status = c.p.req('Status');
      if (status !== 'Active' && status !== 'Inactive')
        throw validationError(`1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
      c.state.findAccessKey(targetUserName(c), c.p.req('AccessKeyId')).status = status;
      return null;
    },
  },
  DeleteAccessKey: {
    resource: userResource,
    handler: (c) => (c.state.deleteAccessKey(targetUserName(c), c.p.req('AccessKeyId')), null),
  },
  GetAccessKeyLastUsed: {
    resource: (c) => {
      const k = c.state.accessKeys.get(c.p.req('AccessKeyId'));
      return k ? c.state.userResourceArn(k.userName) : '*';
    },
    handler: ({ state, p }) => {
      const id = p.req('AccessKeyId');
      const k = state.accessKeys.get(id);
      if (!k) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
      return {
        UserName: k.userName,
        AccessKeyLastUsed: k.lastUsed
          ? { LastUsedDate: k.lastUsed.date, ServiceName: k.lastUsed.serviceName, Region: k.lastUsed.region }
          : { ServiceName: 'N/A', Region: 'N/A' },
      };
    },
  },
};
