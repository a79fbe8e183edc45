import QRCode from 'qrcode';
import { requestTagContext, targetUserName, userResource, userXml, type ActionContext, type ActionTable } from '../action-types';
import { noSuchEntity, validationError } from '../errors';
import { MFA_WINDOW_STEPS, RESYNC_WINDOW_STEPS, invalidAuthCode, verifyConsecutive } from '../mfa-codes';
import { paginate } from '../query-protocol';
import type { AccountState, VirtualMfaDevice } from '../state';
import { stepAt } from '../totp';

/** The otpauth URI IAM encodes in QRCodePNG. */
export function otpauthUri(state: AccountState, d: VirtualMfaDevice): string {
  return `otpauth://totp/${encodeURIComponent(d.name)}@${encodeURIComponent(state.accountAlias ?? state.accountId)}?secret=${d.base32Seed}`;
}

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}

const serialParam = (c: ActionContext): string => {
  const s = c.p.req('SerialNumber');
  if (s.length < 9 || s.length > 256 || !/^[\w+=/:,.@-]+$/.test(s))
    throw validationError(`1 validation error detected: Value '${s}' at 'serialNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=/:,.@-]+`);
  return s;
};

const codeParam = (c: ActionContext, name: string): string => {
  const v = c.p.req(name);
  if (!/^\d{6}$/.test(v))
    throw validationError(`1 validation error detected: Value '${v}' at '${name.charAt(0).toLowerCase() + name.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]+`);
  return v;
};

export const mfaActions: ActionTable = {
  CreateVirtualMFADevice: {
    resource: (c) => c.state.mfaArn(c.p.name('VirtualMFADeviceName', 226), c.p.path()),
    context: requestTagContext,
    handler: async ({ state, p }) => {
      const d = state.createVirtualMfa(p.name('VirtualMFADeviceName', 226), p.path(), p.tags());
      const png = await qrPng(otpauthUri(state, d));
      return {
        VirtualMFADevice: {
          SerialNumber: d.serialNumber,
          Base32StringSeed: Buffer.from(d.base32Seed, 'utf8').toString('base64'),
          QRCodePNG: png.toString('base64'),
          Tags: d.tags.length ? d.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
        },
      };
    },
  },
  ListVirtualMFADevices: {
    handler: ({ state, p }) => {
      const status = p.str('AssignmentStatus') ?? 'Any';
      if (!['Assigned', 'Unassigned', 'Any'].includes(status))
        throw validationError(`1 validation error detected: Value '${status}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]`);
      const list = [...state.virtualMfas.values()].filter((d) =>
        status === 'Any' ? true : status === 'Assigned' ? !!d.userName : !d.userName,
      );
      const { page, ...rest } = paginate(list, p);
      return {
        VirtualMFADevices: page.map((d) => {
          const u = d.userName ? state.users.get(d.userName.toLowerCase()) : undefined;
          return { SerialNumber: d.serialNumber, User: u ? userXml(u) : undefined, EnableDate: d.enableDate };
        }),
        ...rest,
      };
    },
  },
  EnableMFADevice: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    handler: (c) => {
      const { state, p } = c;
      const user = state.getUser(p.name('UserName'));
      const serial = serialParam(c);
      const d = state.virtualMfas.get(serial);
      if (!d) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
      const code1 = codeParam(c, 'AuthenticationCode1');
      const code2 = codeParam(c, 'AuthenticationCode2');
      if (d.userName) throw state.alreadyInUse();
      const used = verifyConsecutive(state, d, code1, code2, MFA_WINDOW_STEPS);
      state.assignMfa(user.userName, d);
      d.lastUsedStep = used;
      return null;
    },
  },
  ResyncMFADevice: {
    resource: (c) => c.state.userResourceArn(c.p.name('UserName')),
    handler: (c) => {
      const { state, p } = c;
      const user = state.getUser(p.name('UserName'));
      const serial = serialParam(c);
      const code1 = codeParam(c, 'AuthenticationCode1');
      const code2 = codeParam(c, 'AuthenticationCode2');
      const d = state.virtualMfas.get(serial);
      if (!d || d.userName?.toLowerCase() !== user.userName.toLowerCase())
        throw noSuchEntity(`MFA Device with serial number ${serial} does not exist for user ${user.userName}.`);
      const now = stepAt(state.nowMs());
      let used: number;
      try {
        used = verifyConsecutive(state, d, code1, code2, RESYNC_WINDOW_STEPS, now);
      } catch {
        throw invalidAuthCode();
      }
      d.driftSteps = used - now;
      d.lastUsedStep = used;
      return null;
    },
  },
  DeactivateMFADevice: {
    resource: userResource,
    handler: (c) => (c.state.deactivateMfa(targetUserName(c), serialParam(c)), null),
  },
  DeleteVirtualMFADevice: {
    resource: (c) => serialParam(c),
    handler: (c) => (c.state.deleteVirtualMfa(serialParam(c)), null),
  },
  ListMFADevices: {
    resource: userResource,
    handler: (c) => {
      const u = c.state.getUser(targetUserName(c));
      const { page, ...rest } = paginate(u.mfaSerials, c.p);
      return {
        MFADevices: page.map((s) => ({ UserName: u.userName, SerialNumber: s, EnableDate: c.state.virtualMfas.get(s)?.enableDate })),
        ...rest,
      };
    },
  },
};
