import type { z } from 'zod';
import type { csvLabelsSchema, UserStatusRow } from '../../../src/shared/ipc/channels/admin-status';
import { csvDocument } from '../bulk/summary-csv';

type Labels = z.output<typeof csvLabelsSchema>;

/**
 * The status table as CSV for people (headings and values in the admin's language). No secrets:
 * key ids and dates only. `csvDocument` quotes every cell and defuses formulas (`=1+2` is a legal user name).
 */
export function statusCsv(rows: readonly UserStatusRow[], labels: Labels): string {
  const flag = (v: boolean | null) => (v === null ? labels.unknown : v ? labels.yes : labels.no);
  const body = rows.map((r) => {
    const bootstrap = r.accessKeys?.filter((k) => k.bootstrap) ?? null;
    return [
      r.userName,
      labels.status[r.status],
      flag(r.consolePassword),
      flag(r.consolePassword ? r.passwordResetRequired : false),
      flag(r.mfaActive),
      // Rows from the credential report know keys by slot ("key 1"), rows read live by id.
      bootstrap ? bootstrap.map((k) => k.accessKeyId ?? `${labels.keySlot} ${k.slot ?? ''}`.trim()).join(' ') : labels.unknown,
      bootstrap ? bootstrap.map((k) => k.ageDays ?? '').join(' ') : labels.unknown,
      r.passwordLastUsed ?? '',
      r.groups ? r.groups.join('; ') : labels.unknown,
      r.tags ? r.tags.map((t) => `${t.key}=${t.value}`).join('; ') : labels.unknown,
    ];
  });
  return csvDocument(labels.header, body);
}
