import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * The real AWS CLI (Debian's v1, which needs --endpoint-url) against the sandbox: plainly with
 * keys in the environment, or on a pseudo-terminal (util-linux `script`) for a profile whose
 * credential_process asks for an MFA code on /dev/tty.
 */
export const AWS = '/usr/bin/aws';
export const hasAwsCli = existsSync(AWS) && existsSync('/usr/bin/script');
/** The interpreter /usr/bin/aws runs on (its #! line), for the batch runner. */
const AWS_PYTHON = hasAwsCli ? (/^#!(\S+)/.exec(readFileSync(AWS, 'utf8'))?.[1] ?? '/usr/bin/python3') : '/usr/bin/python3';
const BATCH_SCRIPT = fileURLToPath(new URL('./aws-cli-batch.py', import.meta.url));

const run = promisify(execFile);

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: nothing from the test runner's own AWS settings leaks in. */
export function cliEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: `${home}/.aws/config`,
    AWS_SHARED_CREDENTIALS_FILE: `${home}/.aws/credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...extra,
  };
}

/** `aws --endpoint-url URL --output json ARGS`; never throws on a non-zero exit. */
export async function awsCli(endpoint: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  try {
    const r = await run(AWS, ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, timeout: 60_000 });
    return { exitCode: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/**
 * Many commands in one Python process (the CLI's own entry point per command, each with its own
 * environment): the same CLI code as `aws`, without a second of start-up per command.
 */
export async function awsCliBatch(endpoint: string, jobs: Array<{ args: string[]; env: Record<string, string> }>): Promise<CliResult[]> {
  const child = spawn(AWS_PYTHON, [BATCH_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  for (const j of jobs) child.stdin.write(JSON.stringify({ args: ['--endpoint-url', endpoint, '--output', 'json', ...j.args], env: j.env }) + '\n');
  child.stdin.end();
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`aws-cli-batch failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as CliResult[];
}

/** The service error code in the CLI's stderr ("An error occurred (AccessDenied) when calling …"). */
export const cliErrorCode = (r: CliResult): string | null => /An error occurred \(([^)]+)\)/.exec(r.stderr)?.[1] ?? null;

export interface TerminalResult {
  exitCode: number;
  /** Everything the terminal showed (stdout and stderr of the CLI, the helper's prompt, the echo). */
  screen: string;
  /** How many times the helper asked for a code. */
  prompts: number;
  /** The JSON the command printed, if any. */
  json: Record<string, unknown> | null;
}

/**
 * Runs the CLI on a pseudo-terminal and types `answer()` each time the helper asks for an MFA
 * code (null: never answers; the run then ends by timeout).
 */
export async function awsCliOnTerminal(endpoint: string, args: string[], env: Record<string, string>, answer: () => string | null, timeoutMs = 60_000): Promise<TerminalResult> {
  const command = [AWS, '--endpoint-url', endpoint, '--output', 'json', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('/usr/bin/script', ['-qefc', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let prompts = 0;
  const onData = (d: Buffer): void => {
    screen += d.toString('utf8');
    const asked = screen.split('MFA code for ').length - 1;
    while (prompts < asked) {
      prompts++;
      const code = answer();
      if (code !== null) setTimeout(() => child.stdin.write(code + '\n'), 50);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  child.stdin.destroy();
  const text = screen.replace(/\r/g, '');
  const start = text.search(/^\{/m);
  let json: Record<string, unknown> | null = null;
  if (start >= 0) {
    try {
      json = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1)) as Record<string, unknown>;
    } catch {
      json = null;
    }
  }
  return { exitCode, screen: text, prompts, json };
}
