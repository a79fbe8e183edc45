import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BulkJournal } from './journal';

/**
 * Where a run keeps its journal and its key: userData/bulk-runs/<runId>/ — `run-key.bin` encrypted
 * by the OS keychain, or `run-key.age` sealed to the admin's passphrase (run-key.ts).
 */
export function runPaths(userData: string, runId: string): { dir: string; journal: string; key: string; sealedKey: string } {
  const dir = join(userData, 'bulk-runs', runId);
  return { dir, journal: join(dir, 'journal.jsonl'), key: join(dir, 'run-key.bin'), sealedKey: join(dir, 'run-key.age') };
}

export function makeRunDir(userData: string, runId: string): ReturnType<typeof runPaths> {
  const paths = runPaths(userData, runId);
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  return paths;
}

/**
 * A user counts as done when an invite was written after its password and key were (re)made.
 * A password or key being made again is no longer "done", and the invite no longer holds it.
 */
export function inviteIsCurrent(done: Set<string>): boolean {
  const order = [...done];
  const invite = order.indexOf('writeInvite');
  const password = order.indexOf('createLoginProfile');
  const key = order.indexOf('createAccessKey');
  // Stryker disable next-line EqualityOperator: equivalent — distinct steps never share an index, so > and >= agree
  return password >= 0 && key >= 0 && invite > password && invite > key;
}

export interface SavedRunInfo {
  runId: string;
  createdAt: string;
  accountId: string;
  total: number;
  done: number;
  failed: number;
  cancelled: boolean;
}

/** Runs whose journal is not closed, newest first. A missing or unreadable journal is skipped (and left alone). */
export function listSavedRuns(userData: string): SavedRunInfo[] {
  const root = join(userData, 'bulk-runs');
  if (!existsSync(root)) return [];
  const out: SavedRunInfo[] = [];
  for (const runId of readdirSync(root)) {
    const { journal } = runPaths(userData, runId);
    let j: BulkJournal;
    try {
      j = BulkJournal.open(journal);
    } catch {
      continue;
    }
    try {
      if (j.finished) continue;
      const users = j.header.users.map((u) => j.of(u.userName));
      out.push({
        runId: j.header.runId,
        createdAt: j.header.createdAt,
        accountId: j.header.accountId,
        total: users.length,
        done: users.filter((p) => inviteIsCurrent(p.done)).length,
        failed: users.filter((p) => p.failed !== null).length,
        cancelled: j.cancelled,
      });
    } finally {
      j.close();
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
