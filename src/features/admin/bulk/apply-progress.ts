import type { BulkProgress, BulkRun } from '../../../shared/ipc/channels/admin-bulk';

/**
 * The screen's run after a progress event: counts replaced, changed users replaced in place.
 * Returns null when the event does not follow the view (a gap): then the whole view is asked for.
 * An event the view already includes is ignored.
 */
export function applyProgress(run: BulkRun, p: BulkProgress): BulkRun | null {
  if (p.runId !== run.runId || p.seq <= run.seq) return run;
  if (p.seq !== run.seq + 1) return null;
  const { changed, ...counts } = p;
  let users = run.users;
  if (changed.length > 0) {
    const at = new Map(changed.map((u) => [u.userName, u]));
    users = run.users.map((u) => at.get(u.userName) ?? u);
  }
  return { ...counts, users };
}
