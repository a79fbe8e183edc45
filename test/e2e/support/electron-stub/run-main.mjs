// Loads the built main bundle against the stub and prints what it asked of Electron, as JSON.
// With `--credential-process …` after the bundle it runs as the AWS CLI would run the packaged
// app's helper: stdout is then the helper's own, what main asked of Electron goes to stderr as the
// last line, and the exit code is the one main passed to app.exit().
import { calls, exitCode } from 'electron';
const main = process.argv[2];
await import(main);
if (process.argv.includes('--credential-process')) {
  const code = await exitCode;
  process.stderr.write('\n' + JSON.stringify(calls) + '\n');
  process.exit(code);
}
await new Promise((r) => setTimeout(r, 200));
process.stdout.write(JSON.stringify(globalThis.__electronStubCalls));
process.exit(0);
