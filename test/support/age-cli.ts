import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';

/**
 * The real `age` command-line tool, driven as a person would: age reads a passphrase only from a
 * terminal (never from stdin or the environment), so it runs under util-linux `script`, which gives
 * it a pseudo-terminal; we answer each "passphrase" prompt when it appears.
 */
export const ageCliAvailable = (): boolean =>
  spawnSync('age', ['--version']).status === 0 && spawnSync('script', ['--version']).status === 0;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function runWithPassphrase(args: string[], passphrase: string, prompts: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `age ${args.map(quote).join(' ')}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let seen = '';
    let answered = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString('utf8');
      const asked = (seen.match(/passphrase/gi) ?? []).length;
      while (answered < Math.min(asked, prompts)) {
        answered++;
        child.stdin.write(`${passphrase}\n`);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && answered === prompts) resolve();
      else reject(new Error(`age ${args.join(' ')} exited ${code} after ${answered} prompt(s): ${seen.replace(/\s+/g, ' ').slice(0, 300)}`));
    });
  });
}

/** `age -d -o out in`, typing the passphrase at age's prompt. */
export const ageDecrypt = (input: string, output: string, passphrase: string) => runWithPassphrase(['-d', '-o', output, input], passphrase, 1);

/** `age -p [-a] -o out in` at age's default work factor (2^18), typing and confirming the passphrase. */
export const ageEncryptPassphrase = (input: string, output: string, passphrase: string, armored = true) =>
  runWithPassphrase(['-p', ...(armored ? ['-a'] : []), '-o', output, input], passphrase, 2);
