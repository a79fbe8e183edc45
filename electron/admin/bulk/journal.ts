import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';

/**
 * The bulk run's journal: one JSON line per event, appended and fsync'd before the next AWS
 * call, so a crash or a closed laptop resumes exactly where it stopped. It holds no secret —
 * temporary passwords and secret keys exist only inside the encrypted invites.
 */
const headerSchema = z.object({
  kind: z.literal('run'),
  runId: z.string(),
  createdAt: z.string(),
  folder: z.string(),
  accountId: z.string(),
  accountAlias: z.string().nullable(),
  partition: z.string(),
  /** Where the MFA policy goes: null = on each user, else that group (added to every user's groups). */
  attachTo: z.string().nullable(),
  inviteValidDays: z.number().int().min(1),
  users: z.array(
    z.object({
      userName: z.string(),
      email: z.string().nullable(),
      groups: z.array(z.string()),
      tags: z.record(z.string(), z.string()),
      /** Another account of the organization than the run's (the file's `account` column). */
      accountId: z.string().optional(),
    }),
  ),
});

const eventSchema = z.object({
  kind: z.literal('step'),
  t: z.string(),
  userName: z.string(),
  step: z.string(),
  status: z.enum(['started', 'done', 'failed']),
  /** Non-secret facts a resume needs: the access key id created, the invite file written. */
  data: z.record(z.string(), z.string()).optional(),
  error: z.string().optional(),
});

const cancelSchema = z.object({ kind: z.literal('cancelled'), t: z.string() });
/** The admin closed the run: it is no longer offered for resume. */
const finishedSchema = z.object({ kind: z.literal('finished'), t: z.string() });

export type JournalHeader = z.infer<typeof headerSchema>;
export type JournalEvent = z.infer<typeof eventSchema>;

export interface UserProgress {
  /** Steps done, in the order they completed (a step started again leaves the set until it is done again). */
  done: Set<string>;
  /** The last step that started but has no done/failed line: its AWS call may or may not have happened. */
  inFlight: string | null;
  failed: { step: string; error: string } | null;
  data: Record<string, string>;
}

export class BulkJournal {
  private fd: number;

  private constructor(
    readonly path: string,
    readonly header: JournalHeader,
    private readonly progress: Map<string, UserProgress>,
    public cancelled: boolean,
    public finished = false,
  ) {
    this.fd = openSync(path, 'a', 0o600);
  }

  /** Writes a new journal; never overwrites one ('wx' fails with EEXIST, atomically). */
  static create(path: string, header: Omit<JournalHeader, 'kind'>): BulkJournal {
    const full: JournalHeader = { kind: 'run', ...header };
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, JSON.stringify(full) + '\n');
    fsyncSync(fd);
    closeSync(fd);
    return new BulkJournal(path, full, new Map(), false);
  }

  /** Replays a journal. A torn last line (crash mid-write) is ignored: its step is simply redone. */
  static open(path: string): BulkJournal {
    const [first, ...lines] = readFileSync(path, 'utf8').split('\n');
    const header = headerSchema.parse(JSON.parse(first!));
    const progress = new Map<string, UserProgress>();
    let cancelled = false;
    let finished = false;
    for (const line of lines) {
      const parsed = jsonOrNull(line);
      if (cancelSchema.safeParse(parsed).success) {
        cancelled = true;
        continue;
      }
      if (finishedSchema.safeParse(parsed).success) {
        finished = true;
        continue;
      }
      const e = eventSchema.safeParse(parsed);
      if (e.success) apply(progress, e.data);
    }
    return new BulkJournal(path, header, progress, cancelled, finished);
  }

  of(userName: string): UserProgress {
    let p = this.progress.get(userName);
    if (!p) {
      p = { done: new Set(), inFlight: null, failed: null, data: {} };
      this.progress.set(userName, p);
    }
    return p;
  }

  record(userName: string, step: string, status: JournalEvent['status'], extra?: { data?: Record<string, string>; error?: string }): void {
    const event: JournalEvent = { kind: 'step', t: new Date().toISOString(), userName, step, status, ...extra };
    writeSync(this.fd, JSON.stringify(event) + '\n');
    fsyncSync(this.fd);
    apply(this.progress, event);
  }

  markCancelled(): void {
    writeSync(this.fd, JSON.stringify({ kind: 'cancelled', t: new Date().toISOString() }) + '\n');
    fsyncSync(this.fd);
    this.cancelled = true;
  }

  markFinished(): void {
    writeSync(this.fd, JSON.stringify({ kind: 'finished', t: new Date().toISOString() }) + '\n');
    fsyncSync(this.fd);
    this.finished = true;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** A line's JSON, or null for a torn or foreign line (which no schema accepts). */
function jsonOrNull(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function apply(progress: Map<string, UserProgress>, e: JournalEvent): void {
  const p = progress.get(e.userName) ?? { done: new Set<string>(), inFlight: null, failed: null, data: {} };
  Object.assign(p.data, e.data);
  if (e.status === 'started') {
    // Redone: what it produced before no longer counts until it is done again.
    p.done.delete(e.step);
    p.inFlight = e.step;
    p.failed = null;
  } else if (e.status === 'done') {
    p.done.add(e.step);
    p.inFlight = null;
  } else {
    p.inFlight = null;
    p.failed = { step: e.step, error: e.error ?? 'unknown' };
  }
  progress.set(e.userName, p);
}
