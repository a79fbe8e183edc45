import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appOn, runWizard } from '../sandbox/app-scenarios';
import { startSandbox, type Sandbox } from '../sandbox/index';
import type { Creds } from '../sandbox/test-helpers';

/**
 * A lost-device reset opens onboarding again. The key the user kept for the command line is a
 * long-term key of the same user, and IAM's policy language cannot tell one access key of a user
 * from another: while the window is open, a copy of that key (a stolen laptop's store, a shell
 * history) could register a device of the thief's own. So the reset deletes every key the admin
 * confirmed — as the status screen confirms them, the kept key included — before the window opens.
 *
 * The control case shows the attack is real when the kept key survives the reset (the admin
 * confirmed no key), so the main case cannot pass by accident.
 */
const dialog = { dialogTitle: 't', filterName: 'f' };

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.stop());

const iamWith = (c: Creds) => new IAMClient({ region: sb.region, endpoint: sb.url, credentials: c, maxAttempts: 1 });

/** The admin's app, signed in, with the user's row read live as the panel does. */
async function adminReset(userName: string, confirmKeys: 'asTheScreenDoes' | 'none') {
  const home = mkdtempSync(join(tmpdir(), 'reset-admin-'));
  const admin = appOn(sb, home);
  await admin.call('admin:signInWithKeys', { accessKeyId: sb.admin.accessKeyId, secretAccessKey: sb.admin.secretAccessKey });
  await admin.call('admin:status:list', {});
  const row = await admin.call('admin:status:detail', { userName });
  const inviteFile = join(home, `${userName}-reset.invite.age`);
  admin.ports.dialogs.queueSave(inviteFile);
  const deleteKeyIds = confirmKeys === 'none' ? [] : (row.accessKeys ?? []).flatMap((k) => (k.accessKeyId ? [k.accessKeyId] : []));
  const reset = await admin.call('admin:status:resetMfa', { userName, serialNumbers: (row.mfaDevices ?? []).map((d) => d.serialNumber), deleteKeyIds, validDays: 7, ...dialog });
  return { reset, inviteFile };
}

/** The thief, holding only a copy of the kept key: a device of their own, enabled with codes they compute. */
async function registerRogueDevice(userName: string, key: Creds): Promise<string> {
  const iam = iamWith(key);
  try {
    const created = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: userName }));
    // The seed came back to the thief; the sandbox computes the same codes from it.
    const serial = created.VirtualMFADevice!.SerialNumber!;
    await iam.send(new EnableMFADeviceCommand({ UserName: userName, SerialNumber: serial, AuthenticationCode1: sb.scenario.mfaCode(serial, -2), AuthenticationCode2: sb.scenario.mfaCode(serial, -1) }));
    return 'ok';
  } catch (e) {
    return ((e as { name?: string }).name ?? 'error').replace(/(?<=.)Exception$/, '');
  } finally {
    iam.destroy();
  }
}

describe('lost-device reset and the key kept for the command line', () => {
  it('control: a kept key that survives the reset can register a device while onboarding is open', async () => {
    const u = await sb.scenario.onboardedUser({ userName: 'ctl', keepCliAccess: true });
    sb.scenario.setAccessKeyLastUsed(u.kept!.accessKeyId, { date: new Date(), serviceName: 'iam' });
    await adminReset('ctl', 'none');
    expect(sb.state.listAccessKeys('ctl').map((k) => k.accessKeyId)).toContain(u.kept!.accessKeyId);
    expect(await registerRogueDevice('ctl', u.kept!)).toBe('ok');
    expect(sb.state.listMfaDevices('ctl')).toHaveLength(1);
  });

  it('the reset as the screen confirms it deletes the kept key first: its copy registers nothing; the wizard gives a fresh key', async () => {
    const u = await sb.scenario.onboardedUser({ userName: 'lee', keepCliAccess: true });
    // In use from the command line (a never-used key is replaced by any reissue anyway).
    sb.scenario.setAccessKeyLastUsed(u.kept!.accessKeyId, { date: new Date(), serviceName: 'iam' });
    const { reset, inviteFile } = await adminReset('lee', 'asTheScreenDoes');
    expect(reset.deletedKeyIds).toContain(u.kept!.accessKeyId);
    expect(sb.state.getUser('lee')?.tags).toHaveProperty('iam-onboarding-window');
    expect(sb.state.listAccessKeys('lee').map((k) => k.accessKeyId)).toEqual([reset.newAccessKeyId]);

    expect(await registerRogueDevice('lee', u.kept!)).toBe('InvalidClientTokenId');
    expect(sb.state.listMfaDevices('lee')).toEqual([]);
    expect(sb.state.listVirtualMfaDevices().filter((d) => d.serialNumber.endsWith('/lee'))).toEqual([]);

    // The employee's own way back: the wizard with the new invite, keeping command-line access.
    const w = await runWizard(sb, { userName: 'lee', inviteFile, password: reset.temporaryPassword!, keepCliAccess: true });
    expect(sb.state.listMfaDevices('lee').map((d) => d.serialNumber)).toEqual([w.serialNumber]);
    expect(sb.state.listAccessKeys('lee').map((k) => k.accessKeyId)).toEqual([w.kept!.accessKeyId]);
    expect(w.kept!.accessKeyId).not.toBe(u.kept!.accessKeyId);
    expect(sb.state.getUser('lee')?.tags).not.toHaveProperty('iam-onboarding-window');
  });
});
