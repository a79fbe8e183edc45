import type { z } from 'zod';
import type { MatrixRow, matrixCsvLabelsSchema } from '../../../src/shared/ipc/channels/admin-accounts';
import { csvDocument } from '../bulk/summary-csv';
import type { ReadinessCheck } from '../readiness/readiness';

type Labels = z.output<typeof matrixCsvLabelsSchema>;

/** The columns, in the matrix's order. */
export const MATRIX_CHECKS: ReadonlyArray<ReadinessCheck['id']> = ['rootMfa', 'rootKeys', 'passwordPolicy', 'enforcementPolicy', 'consoleUsersWithoutMfa', 'oldAccessKeys', 'credentialReport'];

/** What a cell says besides ok/fail: the missing permission, or how many users or keys. */
function detail(c: ReadinessCheck): string {
  if (c.status === 'unknown') return c.missingPermission ?? c.errorCode ?? '';
  if (c.id === 'consoleUsersWithoutMfa' && c.users.length) return c.users.join(' ');
  if (c.id === 'oldAccessKeys' && c.keys.length) return c.keys.map((k) => k.userName).join(' ');
  if (c.id === 'enforcementPolicy' && c.status === 'fail') return c.policyState ?? '';
  return '';
}

/**
 * The matrix for people: one line per account, one column per check, in the admin's language.
 * Values come from main's last matrix, never from the renderer; `csvDocument` quotes every cell and
 * defuses formulas (an account name or a user name may start with `=`).
 */
export function matrixCsv(rows: readonly MatrixRow[], labels: Labels): string {
  const body = rows.map((r) => {
    const cells = MATRIX_CHECKS.map((id) => {
      if (r.error) return `${labels.status.unknown}: ${labels.unreachable} (${r.error.code})`;
      const c = r.checks.find((x) => x.id === id);
      if (!c) return labels.status.unknown;
      const d = detail(c);
      return d ? `${labels.status[c.status]}: ${d}` : labels.status[c.status];
    });
    return [r.accountId, r.name, r.alias ?? '', r.roleName ?? '', ...cells];
  });
  return csvDocument(labels.header, body);
}
