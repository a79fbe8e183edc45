import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The helper's lock when the file system answers what a test cannot provoke as root: a lock file
 * that cannot be created (EACCES), a stale lock that vanishes between its age check and its
 * removal (another helper took it over first), a lock removed while we held it. node:fs/promises
 * passes through to the real one except where a test arms a fault.
 */
const faults = vi.hoisted(() => ({ openLock: null as NodeJS.ErrnoException | null, vanishOnStat: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (path: string, ...rest: unknown[]) => {
      if (faults.openLock && String(path).endsWith('.lock')) throw faults.openLock;
      return (real.open as (...a: unknown[]) => unknown)(path, ...rest);
    },
    stat: async (path: string) => {
      const s = await real.stat(path);
      if (faults.vanishOnStat && String(path).endsWith('.lock')) await real.rm(path);
      return s;
    },
  };
});

const { writeRecord, lockFile } = await import('../../../../electron/cli-access/cli-store');
const { plainVault } = await import('../../../../electron/cli-access/cli-vault');
const { runCredentialProcess } = await import('../../../../electron/cli-access/credential-process');
type Deps = Parameters<typeof runCredentialProcess>[1];

afterEach(() => {
  faults.openLock = null;
  faults.vanishOnStat = false;
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cli-fs-'));
  await writeRecord(dir, {
    version: 1,
    profile: 'fs-user',
    userName: 'fs.user',
    accountId: '123456789012',
    region: 'us-east-1',
    mfaSerial: 'arn:aws:iam::123456789012:mfa/fs.user',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: { protection: 'plain', data: 'secret' },
    keyCreatedAt: new Date(Date.now() - 3600_000).toISOString(),
    sessionSeconds: 3600,
  });
  return { dir, lock: lockFile(dir, 'fs-user'), args: ['--data-dir', dir, '--profile', 'fs-user'] };
}

function deps(o: { ask?: () => Promise<string | null> } = {}) {
  const err: string[] = [];
  const d: Deps = {
    vault: plainVault,
    terminal: { ask: o.ask ?? (async () => null), tell: () => {} },
    sts: () => ({ send: async () => ({}), destroy: () => {} }) as never,
    now: () => Date.now(),
    sleep: async () => {},
    out: () => {},
    err: (t) => void err.push(t),
  };
  return { d, err };
}

describe('credential_process helper, lock file faults', () => {
  it('a lock that cannot be created is an error at once, not a wait', async () => {
    const { args } = await setup();
    faults.openLock = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const { d } = deps();
    const sleep = vi.spyOn(d, 'sleep');
    await expect(runCredentialProcess(args, d)).rejects.toMatchObject({ code: 'EACCES' });
    expect(sleep).not.toHaveBeenCalled();
  });

  it('a stale lock that another helper removed first does not stop this one', async () => {
    const { args, lock } = await setup();
    writeFileSync(lock, '');
    const old = (Date.now() - 300_000) / 1000;
    utimesSync(lock, old, old);
    faults.vanishOnStat = true;
    const { d, err } = deps();
    expect(await runCredentialProcess(args, d)).toBe(1);
    expect(err.join('')).toContain('no terminal to ask on');
    expect(existsSync(lock)).toBe(false);
  });

  it('a lock removed while held (taken over as stale) is released without an error', async () => {
    const { args, lock } = await setup();
    const { d, err } = deps({
      ask: async () => {
        rmSync(lock);
        return null;
      },
    });
    expect(await runCredentialProcess(args, d)).toBe(1);
    expect(err.join('')).toContain('no terminal to ask on');
  });
});
