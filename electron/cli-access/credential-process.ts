import { GetSessionTokenCommand, type STSClient } from '@aws-sdk/client-sts';
import { open as openFile, stat, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isSixDigits, normalizeCode } from '../../src/shared/totp/two-code-check';
import { awsErrorName } from '../aws/aws-error';
import type { CliVault } from './cli-vault';
import { lockFile, readRecord, readSession, unseal, writeSession, type CliRecord, type SessionCredentials } from './cli-store';

/**
 * The AWS CLI's `credential_process` helper (what aws-vault does for a plain IAM user): it hands
 * the CLI/SDK an MFA session, asking for a code on the terminal only when there is no cached
 * session or it ends within 15 minutes (botocore refreshes credentials 15 minutes before they
 * expire, so a shorter one would be asked for again and again). The long-term key alone can do
 * nothing under the enforcement policy; the session can.
 *
 * The CLI captures the helper's stdout (the credentials JSON) and stderr, so the question goes
 * to the terminal itself (/dev/tty), never to stdout.
 */
export const CREDENTIAL_PROCESS_FLAG = '--credential-process';

/** A cached session is handed out only while it has more than this left. */
export const REFRESH_BEFORE_MS = 15 * 60_000;
/** A key this young may still be unknown to STS (IAM is eventually consistent). */
const FRESH_KEY_MS = 5 * 60_000;
const PROPAGATION_WAITS_MS = [500, 1000, 2000, 3000, 4000, 5000];
const CODE_ATTEMPTS = 3;
const LOCK_STALE_MS = 120_000;

export interface Terminal {
  /** Asks on the user's terminal; null when there is none (a CI job, a GUI tool). */
  ask(question: string): Promise<string | null>;
  /** A line for the user (terminal if any, else stderr). */
  tell(line: string): void;
}

export interface HelperDeps {
  vault: CliVault;
  terminal: Terminal;
  sts(record: CliRecord, credentials: { accessKeyId: string; secretAccessKey: string }): Pick<STSClient, 'send' | 'destroy'>;
  now(): number;
  sleep(ms: number): Promise<void>;
  out(text: string): void;
  err(text: string): void;
}

interface Args {
  dataDir: string;
  profile: string;
}

function parse(argv: string[]): Args | null {
  // Electron (and Chromium) may add switches of their own: read ours, ignore the rest.
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, profile: { type: 'string' }, 'credential-process': { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values['data-dir'];
  const profile = values.profile;
  return typeof dataDir === 'string' && typeof profile === 'string' ? { dataDir, profile } : null;
}

const output = (c: SessionCredentials): string =>
  JSON.stringify({ Version: 1, AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration });

/** Runs the helper; returns the process exit code (0: credentials on stdout). */
export async function runCredentialProcess(argv: string[], deps: HelperDeps): Promise<number> {
  const args = parse(argv);
  if (!args) {
    deps.err(`usage: ${CREDENTIAL_PROCESS_FLAG} --data-dir DIR --profile NAME\n`);
    return 2;
  }
  // Stryker disable next-line ArrowFunction: equivalent — undefined is refused by the same test as null
  const record = await readRecord(args.dataDir, args.profile).catch(() => null);
  if (!record) {
    deps.err(`IAM Onboarding Assistant: no command-line profile "${args.profile}" in ${args.dataDir}. Set it up again with the app's wizard.\n`);
    return 2;
  }
  const fresh = (s: SessionCredentials | null): s is SessionCredentials => !!s && Date.parse(s.Expiration) - deps.now() > REFRESH_BEFORE_MS;

  let cached = await readSession(args.dataDir, record, deps.vault);
  if (fresh(cached)) {
    deps.out(output(cached));
    return 0;
  }
  // One question at a time: parallel CLI calls wait for the first one's session.
  const release = await lock(args.dataDir, record.profile, deps);
  try {
    cached = await readSession(args.dataDir, record, deps.vault);
    if (fresh(cached)) {
      deps.out(output(cached));
      return 0;
    }
    let secret: string;
    try {
      secret = unseal(deps.vault, record.secretAccessKey);
    } catch (e) {
      deps.err(`IAM Onboarding Assistant: cannot open the key of "${record.profile}": ${(e as Error).message}.\n`);
      return 1;
    }
    const session = await askAndGetSession(record, secret, deps);
    if (!session) return 1;
    await writeSession(args.dataDir, record, deps.vault, session);
    deps.out(output(session));
    return 0;
  } finally {
    await release();
  }
}

async function askAndGetSession(record: CliRecord, secretAccessKey: string, deps: HelperDeps): Promise<SessionCredentials | null> {
  const sts = deps.sts(record, { accessKeyId: record.accessKeyId, secretAccessKey });
  try {
    for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt++) {
      const answer = await deps.terminal.ask(`MFA code for ${record.userName} (AWS ${record.accountId}, profile ${record.profile}): `);
      if (answer === null) {
        deps.err(`IAM Onboarding Assistant: an MFA code is needed and there is no terminal to ask on. Run any aws command with --profile ${record.profile} in a terminal first.\n`);
        return null;
      }
      const code = normalizeCode(answer);
      if (!isSixDigits(code)) {
        deps.terminal.tell('The code is the 6 digits your authenticator app shows.');
        continue;
      }
      const result = await getSessionToken(sts, record, code, deps);
      if (result === 'rejected') {
        deps.terminal.tell('AWS did not accept that code. Wait for the next one and try again.');
        continue;
      }
      return result;
    }
    deps.err('IAM Onboarding Assistant: no valid MFA code given.\n');
    return null;
  } catch (e) {
    deps.err(`IAM Onboarding Assistant: sts:GetSessionToken failed: ${awsErrorName(e) || (e as Error).message}\n`);
    return null;
  } finally {
    sts.destroy();
  }
}

async function getSessionToken(
  sts: Pick<STSClient, 'send'>,
  record: CliRecord,
  code: string,
  deps: HelperDeps,
): Promise<SessionCredentials | 'rejected'> {
  const keyIsFresh = deps.now() - Date.parse(record.keyCreatedAt) < FRESH_KEY_MS;
  for (let i = 0; ; i++) {
    try {
      const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: record.mfaSerial, TokenCode: code, DurationSeconds: record.sessionSeconds }));
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new Error('incomplete answer');
      return { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken, Expiration: c.Expiration.toISOString() };
    } catch (e) {
      const name = awsErrorName(e);
      // A key made moments ago answers InvalidClientTokenId until IAM has propagated it.
      if (name === 'InvalidClientTokenId' && keyIsFresh && i < PROPAGATION_WAITS_MS.length) {
        await deps.sleep(PROPAGATION_WAITS_MS[i]!);
        continue;
      }
      if (name === 'AccessDenied') return 'rejected';
      throw e;
    }
  }
}

/** An exclusive lock file; a lock older than two minutes is a crashed helper's and is taken over. */
async function lock(dir: string, profile: string, deps: Pick<HelperDeps, 'now' | 'sleep'>): Promise<() => Promise<void>> {
  const file = lockFile(dir, profile);
  for (;;) {
    try {
      const handle = await openFile(file, 'wx', 0o600);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
      const age = await stat(file).then((s) => deps.now() - s.mtimeMs, () => 0);
      if (age > LOCK_STALE_MS) await rm(file, { force: true });
      else await deps.sleep(250);
    }
  }
}
