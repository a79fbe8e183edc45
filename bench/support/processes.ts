import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RemoteSandbox {
  url: string;
  region: string;
  accountId: string;
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
  policyArn: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts bench/support/sandbox-process.ts and waits for its JSON line. */
export async function startSandboxProcess(args: string[] = []): Promise<RemoteSandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/sandbox-process.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`sandbox process exited ${code}`)));
  });
  const info = JSON.parse(line) as Omit<RemoteSandbox, 'stop'>;
  return { ...info, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs one measure in a fresh Node process (with --expose-gc) and returns its JSON result. */
export function runMeasure(file: string, measure: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/support/measure-child.ts', file, measure], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${file} ${measure}: exit ${code}\n${out}`));
      try {
        resolve(JSON.parse(last) as Record<string, number>);
      } catch {
        reject(new Error(`${file} ${measure}: no result\n${out}`));
      }
    });
  });
}
