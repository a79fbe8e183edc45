import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const hasAws = existsSync(AWS);

let sb: Sandbox;
let home: string;
beforeAll(async () => {
  sb = await startSandbox();
  home = mkdtempSync(join(tmpdir(), 'sandbox-awscli-'));
  writeFileSync(join(home, 'config'), '');
  writeFileSync(join(home, 'credentials'), '');
});
afterAll(() => sb.stop());

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: sb.admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sb.admin.secretAccessKey,
    AWS_DEFAULT_REGION: sb.region,
    AWS_REGION: sb.region,
    AWS_PAGER: '',
    ...extra,
  };
}

const aws = async (args: string[], extra?: Record<string, string>) =>
  JSON.parse((await run(AWS, ['--endpoint-url', sb.url, '--output', 'json', ...args], { env: cliEnv(extra) })).stdout) as Record<string, unknown>;

describe.skipIf(!hasAws)('AWS CLI against the sandbox (skipped when /usr/bin/aws is missing)', () => {
  it('iam list-users / create-user / get-user and sts get-caller-identity', async () => {
    const created = await aws(['iam', 'create-user', '--user-name', 'cli-user', '--tags', 'Key=via,Value=cli']);
    expect((created.User as { UserName: string }).UserName).toBe('cli-user');
    const list = await aws(['iam', 'list-users']);
    expect((list.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['admin', 'cli-user']);
    const me = await aws(['sts', 'get-caller-identity']);
    expect(me).toMatchObject({ Account: sb.accountId, Arn: `arn:aws:iam::${sb.accountId}:user/admin` });
    const summary = await aws(['iam', 'get-account-summary']);
    expect((summary.SummaryMap as Record<string, number>).Users).toBe(2);
    expect(sb.state.getUser('cli-user')?.tags).toEqual({ via: 'cli' });
  });

  it('credential report and authorization details as the CLI pages and decodes them', async () => {
    for (let i = 0; i < 5; i++) sb.scenario.newUser({ userName: `cli.page${i}`, tags: { i: String(i) } });
    sb.scenario.setCredentialReportDelayMs(0);
    expect((await aws(['iam', 'generate-credential-report'])).State).toBe('STARTED');
    const report = await aws(['iam', 'get-credential-report']);
    // The CLI prints the blob as the base64 text it received.
    const csv = Buffer.from(report.Content as string, 'base64').toString('utf8');
    expect(csv.split('\n')[0]).toMatch(/^user,arn,user_creation_time,/);
    expect(csv).toContain('\ncli.page4,');
    // --page-size 2: the CLI follows Marker / IsTruncated through every page and merges them.
    const details = await aws(['iam', 'get-account-authorization-details', '--filter', 'User', '--page-size', '2']);
    const users = details.UserDetailList as Array<{ UserName: string; Tags?: Array<{ Key: string; Value: string }> }>;
    expect(users.map((u) => u.UserName)).toEqual(expect.arrayContaining(['admin', 'cli.page0', 'cli.page4']));
    expect(users.find((u) => u.UserName === 'cli.page3')?.Tags).toEqual([{ Key: 'i', Value: '3' }]);
    expect(sb.requestLog.filter((e) => e.action === 'GetAccountAuthorizationDetails').length).toBeGreaterThanOrEqual(Math.ceil(users.length / 2));
  });

  it('errors come back as AWS CLI service errors', async () => {
    const err = await run(AWS, ['--endpoint-url', sb.url, 'iam', 'get-user', '--user-name', 'ghost'], { env: cliEnv() }).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/NoSuchEntity.*GetUser.*The user with name ghost cannot be found/s);
  });
});

describe('npm run sandbox (test/sandbox/cli.ts)', () => {
  it('prints eval-able exports on stdout, the demo user on stderr, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sandbox/cli.ts', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 20_000;
    while (!stderr.includes('Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const exports = Object.fromEntries(
      stdout
        .trim()
        .split('\n')
        .map((l) => /^export ([A-Z0-9_]+)='(.*)'$/.exec(l))
        .map((m) => [m?.[1], m?.[2]]),
    );
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL_SSO'])
      expect(exports[k], k).toBeTruthy();
    expect(stderr).toMatch(/temporary password: \S+/);
    const info = (await (await fetch(`${exports.AWS_ENDPOINT_URL_IAM}/__sandbox/info`)).json()) as { admin: { accessKeyId: string } };
    expect(info.admin.accessKeyId).toBe(exports.AWS_ACCESS_KEY_ID);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
