import { describe, expect, it } from 'vitest';
import { isBootstrapKey, keysToReplace, statusOf } from '../../../../../electron/admin/status/status-rules';
import type { StatusKey } from '../../../../../src/shared/ipc/channels/admin-status';
import { fakeAccessKeyId } from '../../../../support/fake-keys';

const key = (id: string, o: Partial<StatusKey> = {}): StatusKey => ({
  accessKeyId: id,
  slot: null,
  status: 'Active',
  createDate: null,
  ageDays: 1,
  lastUsedDate: null,
  lastUsedKnown: true,
  bootstrap: false,
  ...o,
});

describe('status rules', () => {
  it('statusOf: each state, and unknown when a fact could not be read', () => {
    expect(statusOf({ consolePassword: false, passwordResetRequired: false, mfaDeviceCount: 1 })).toBe('noConsoleAccess');
    expect(statusOf({ consolePassword: true, passwordResetRequired: true, mfaDeviceCount: 0 })).toBe('waitingFirstSignIn');
    expect(statusOf({ consolePassword: true, passwordResetRequired: false, mfaDeviceCount: 0 })).toBe('passwordChangedNoMfa');
    expect(statusOf({ consolePassword: true, passwordResetRequired: false, mfaDeviceCount: 2 })).toBe('done');
    expect(statusOf({ consolePassword: null, passwordResetRequired: null, mfaDeviceCount: 0 })).toBe('unknown');
    expect(statusOf({ consolePassword: true, passwordResetRequired: false, mfaDeviceCount: null })).toBe('unknown');
  });

  it('bootstrap keys: never used, or any key of a console user without MFA; a used key otherwise is kept', () => {
    const used = { lastUsedKnown: true, lastUsedDate: '2024-01-01T00:00:00.000Z' };
    const never = { lastUsedKnown: true, lastUsedDate: null };
    const unknown = { lastUsedKnown: false, lastUsedDate: null };
    expect(isBootstrapKey(never, { consolePassword: false, passwordResetRequired: false, mfaDeviceCount: 1 })).toBe(true);
    expect(isBootstrapKey(used, { consolePassword: true, passwordResetRequired: true, mfaDeviceCount: 0 })).toBe(true);
    expect(isBootstrapKey(used, { consolePassword: true, passwordResetRequired: false, mfaDeviceCount: 1 })).toBe(false);
    expect(isBootstrapKey(used, { consolePassword: false, passwordResetRequired: false, mfaDeviceCount: 0 })).toBe(false);
    expect(isBootstrapKey(unknown, { consolePassword: true, passwordResetRequired: false, mfaDeviceCount: 1 })).toBe(false);
  });

  it('keysToReplace: confirmed bootstrap keys plus never-used ones, never an unconfirmed used key (retry after an MFA reset)', () => {
    const cli = key(fakeAccessKeyId('cli'), { lastUsedDate: '2024-01-01T00:00:00.000Z', bootstrap: true });
    const leftover = key(fakeAccessKeyId('left'), { bootstrap: true });
    expect(keysToReplace([cli, leftover], [])).toEqual([fakeAccessKeyId('left')]);
    expect(keysToReplace([cli, leftover], [fakeAccessKeyId('cli')])).toEqual([fakeAccessKeyId('cli'), fakeAccessKeyId('left')]);
    // Confirmed, but used since and no longer a bootstrap key: kept.
    expect(keysToReplace([{ ...cli, bootstrap: false }], [fakeAccessKeyId('cli')])).toEqual([]);
  });
});
