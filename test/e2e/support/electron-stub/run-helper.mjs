// Runs the built main bundle as the AWS CLI would run the packaged app's credential_process helper
// (`<app> --credential-process --data-dir D --profile P`), against the stub. stdout is the helper's
// own; what main asked of Electron goes to stderr as the last line; the exit code is main's.
import { calls, exitCode } from 'electron';
const main = process.argv[2];
await import(main);
const code = await exitCode;
process.stderr.write('\n' + JSON.stringify(calls) + '\n');
process.exit(code);
