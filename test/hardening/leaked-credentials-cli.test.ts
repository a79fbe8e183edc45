import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_WINDOW_TAG } from '../../src/shared/mfa-policy/onboarding-window';
import type { Creds } from '../sandbox/test-helpers';
import { awsCliBatch, cliEnv, cliErrorCode, hasAwsCli } from '../support/aws-cli';
import { ADMIN_POLICY, setUpLeakedWorld, world, type LeakedWorld } from './support/leaked-world';

/**
 * leaked-credentials.test.ts replayed with the real AWS CLI v1: the same four leaked credentials
 * (the kept command-line key, the bootstrap key after onboarding, an expired invite, a neighbour
 * mid-onboarding), every command refused and the account unchanged.
 */
let w: LeakedWorld;
beforeAll(async () => {
  w = await setUpLeakedWorld();
}, 60_000);
afterAll(() => w.sb.stop());

describe.skipIf(!hasAwsCli)('leaked credentials (AWS CLI v1)', () => {
  const home = mkdtempSync(join(tmpdir(), 'leaked-cli-'));
  const commands = (self: string): Record<string, string[]> => ({
    'list-users': ['iam', 'list-users'],
    'create-access-key': ['iam', 'create-access-key', '--user-name', self],
    'create-virtual-mfa-device': ['iam', 'create-virtual-mfa-device', '--virtual-mfa-device-name', self, '--outfile', join(home, `${self}.png`), '--bootstrap-method', 'QRCodePNG'],
    'deactivate-mfa-device': ['iam', 'deactivate-mfa-device', '--user-name', self, '--serial-number', `arn:aws:iam::${w.sb.accountId}:mfa/${self}`],
    'tag-user': ['iam', 'tag-user', '--user-name', self, '--tags', `Key=${ONBOARDING_WINDOW_TAG},Value=2099-01-01T00:00:00Z`],
    'attach-user-policy': ['iam', 'attach-user-policy', '--user-name', self, '--policy-arn', ADMIN_POLICY],
    'get-user': ['iam', 'get-user', '--user-name', self],
  });
  /** Every command with each credential, in one CLI process; the error code of each. */
  const replay = async (sets: Record<string, { creds: Creds; self: string }>) => {
    const jobs = Object.entries(sets).flatMap(([who, { creds, self }]) =>
      Object.entries(commands(self)).map(([cmd, args]) => ({ who, cmd, args, env: cliEnv(home, { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_MAX_ATTEMPTS: '1' }) })),
    );
    const results = await awsCliBatch(w.sb.url, jobs);
    return jobs.map((j, i) => [j.who, j.cmd, results[i]!.exitCode === 0 ? 'ok' : cliErrorCode(results[i]!)]);
  };

  it('(a)–(d) replayed with the real CLI: every command refused, the account unchanged', async () => {
    const before = world(w.sb);
    const all = await replay({
      kept: { creds: w.alice.kept!, self: 'alice' },
      bootstrap: { creds: w.alice, self: 'alice' },
      expired: { creds: w.expired, self: 'eve' },
      neighbour: { creds: w.bob, self: 'bob-admin' },
    });
    expect(all).toHaveLength(28);
    for (const [who, cmd, code] of all) expect([who, cmd, code]).toEqual([who, cmd, who === 'bootstrap' ? 'InvalidClientTokenId' : 'AccessDenied']);
    expect(world(w.sb)).toEqual(before);
  }, 180_000);
});
