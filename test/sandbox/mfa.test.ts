import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateVirtualMFADeviceCommand, DeactivateMFADeviceCommand, DeleteVirtualMFADeviceCommand, EnableMFADeviceCommand,
  ListMFADevicesCommand, ListVirtualMFADevicesCommand, ResyncMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import jsQR from 'jsqr';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { awsError, iamClient, oathtool, stsClient, type Creds } from './test-helpers';

// pngjs ships without type declarations; load it untyped.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
};

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ accountAlias: 'acme-sandbox' });
});
afterAll(() => sb.stop());
afterEach(() => sb.setClockSkewMs(0));

const userCreds = (u: { accessKeyId?: string; secretAccessKey?: string }): Creds => ({
  accessKeyId: u.accessKeyId as string,
  secretAccessKey: u.secretAccessKey as string,
});

async function newDevice(userName: string) {
  const iam = iamClient(sb);
  const res = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: userName }));
  const d = res.VirtualMFADevice;
  const seed = Buffer.from(d?.Base32StringSeed as Uint8Array).toString('utf8');
  return { serial: d?.SerialNumber as string, seed, png: Buffer.from(d?.QRCodePNG as Uint8Array) };
}

describe('virtual MFA devices', () => {
  it('CreateVirtualMFADevice returns the base32 seed (base64 on the wire) and a real QR PNG', async () => {
    sb.scenario.newUser({ userName: 'qr-user' });
    const { serial, seed, png } = await newDevice('qr-user');
    expect(serial).toBe(`arn:aws:iam::${sb.accountId}:mfa/qr-user`);
    expect(seed).toMatch(/^[A-Z2-7]{32,}$/);
    expect(sb.state.getVirtualMfaSeed(serial)).toBe(seed);
    const expected = `otpauth://totp/qr-user@acme-sandbox?secret=${seed}`;
    const img = PNG.sync.read(png);
    expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe(expected);
    const dir = mkdtempSync(join(tmpdir(), 'sbqr-'));
    writeFileSync(join(dir, 'qr.png'), png);
    let zbar: string | undefined;
    try {
      zbar = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'qr.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      zbar = undefined; // zbarimg missing: jsQR above already decoded it
    }
    if (zbar !== undefined) expect(zbar).toBe(expected);
    expect(await awsError(iamClient(sb).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'qr-user' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      status: 409,
    });
  });

  it('EnableMFADevice accepts two consecutive oathtool codes and rejects same/non-consecutive/stale codes', async () => {
    const iam = iamClient(sb);
    sb.scenario.newUser({ userName: 'otp-user' });
    const { serial, seed } = await newDevice('otp-user');
    const now = Date.now();
    const enable = (c1: string, c2: string) =>
      iam.send(new EnableMFADeviceCommand({ UserName: 'otp-user', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }));
    const same = oathtool(seed, now);
    expect(await awsError(enable(same, same))).toMatchObject({ name: 'InvalidAuthenticationCodeException', status: 403 });
    expect((await awsError(enable(oathtool(seed, now - 60_000), oathtool(seed, now)))).name).toBe('InvalidAuthenticationCodeException');
    expect((await awsError(enable(oathtool(seed, now - 600_000), oathtool(seed, now - 570_000)))).name).toBe('InvalidAuthenticationCodeException');
    expect((await awsError(enable(oathtool(seed, now), oathtool(seed, now - 30_000)))).name).toBe('InvalidAuthenticationCodeException');
    expect(sb.state.listMfaDevices('otp-user')).toEqual([]);
    await enable(oathtool(seed, now - 30_000), oathtool(seed, now));
    expect(sb.state.listMfaDevices('otp-user').map((d) => d.serialNumber)).toEqual([serial]);
    const listed = (await iam.send(new ListMFADevicesCommand({ UserName: 'otp-user' }))).MFADevices;
    expect(listed?.[0]).toMatchObject({ UserName: 'otp-user', SerialNumber: serial });
    const assigned = (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))).VirtualMFADevices ?? [];
    expect(assigned.find((d) => d.SerialNumber === serial)?.User?.UserName).toBe('otp-user');
    const unassigned = (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices ?? [];
    expect(unassigned.some((d) => d.SerialNumber === serial)).toBe(false);
    expect((await awsError(enable(oathtool(seed, now + 30_000), oathtool(seed, now + 60_000)))).name).toBe('EntityAlreadyExistsException');
  });

  it('GetSessionToken takes a code once; DeleteVirtualMFADevice conflicts while assigned', async () => {
    const iam = iamClient(sb);
    const u = sb.scenario.newUser({ userName: 'sess-user', withMfa: true });
    const sts = stsClient(sb, userCreds(u));
    const serial = u.mfa?.serialNumber as string;
    const code = oathtool(u.mfa?.base32Seed as string);
    const s = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code, DurationSeconds: 900 }));
    expect(s.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(s.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 800_000);
    expect(await awsError(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect((await awsError(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '000000' })))).name).toBe('AccessDenied');
    expect(await awsError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })))).toMatchObject({
      name: 'DeleteConflictException',
      status: 409,
    });
    await iam.send(new DeactivateMFADeviceCommand({ UserName: 'sess-user', SerialNumber: serial }));
    expect(sb.state.listVirtualMfaDevices().find((d) => d.serialNumber === serial)?.userName).toBeUndefined();
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    expect(sb.state.getVirtualMfaSeed(serial)).toBeUndefined();
    expect((await awsError(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })))).name).toBe('NoSuchEntityException');
  });

  it('uses the server clock: codes for the server time (oathtool -N) pass, codes for the client time are stale', async () => {
    const u = sb.scenario.newUser({ userName: 'clock-user', withMfa: true });
    const seed = u.mfa?.base32Seed as string;
    sb.setClockSkewMs(6 * 60_000);
    const sts = stsClient(sb, userCreds(u));
    expect((await awsError(sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfa?.serialNumber, TokenCode: oathtool(seed, Date.now()) })))).name).toBe(
      'AccessDenied',
    );
    const ok = await sts.send(new GetSessionTokenCommand({ SerialNumber: u.mfa?.serialNumber, TokenCode: oathtool(seed, Date.now() + 6 * 60_000) }));
    expect(ok.Credentials?.SessionToken).toBeTruthy();
  });

  it('ResyncMFADevice accepts consecutive codes of a drifted device and remembers the drift', async () => {
    const iam = iamClient(sb);
    const u = sb.scenario.newUser({ userName: 'drift-user', withMfa: true });
    const seed = u.mfa?.base32Seed as string;
    const serial = u.mfa?.serialNumber as string;
    const drift = 5 * 60_000; // the phone runs 5 minutes fast
    const sts = stsClient(sb, userCreds(u));
    expect((await awsError(sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: oathtool(seed, Date.now() + drift) })))).name).toBe(
      'AccessDenied',
    );
    const t = Date.now() + drift;
    expect(
      (await awsError(iam.send(new ResyncMFADeviceCommand({ UserName: 'drift-user', SerialNumber: serial, AuthenticationCode1: oathtool(seed, t), AuthenticationCode2: oathtool(seed, t - 30_000) })))).name,
    ).toBe('InvalidAuthenticationCodeException');
    await iam.send(
      new ResyncMFADeviceCommand({ UserName: 'drift-user', SerialNumber: serial, AuthenticationCode1: oathtool(seed, t - 30_000), AuthenticationCode2: oathtool(seed, t) }),
    );
    const ok = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: oathtool(seed, t + 30_000) }));
    expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});
