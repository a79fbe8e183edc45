import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../src/shared/errors/app-error';
import type { AppDeps } from '../../app/app-deps';
import type { CredentialReport } from './report-service';

/** Writes the report as AWS produced it (the CSV of GetCredentialReport, decoded from base64), after a save dialog. */
export async function saveCredentialReport(
  deps: Pick<AppDeps, 'platform'>,
  accountId: string,
  report: CredentialReport,
  dialog: { dialogTitle: string; filterName: string },
) {
  const generatedAt = report.generatedAt.toISOString();
  const stamp = generatedAt.slice(0, 16).replace(':', '');
  const path = await deps.platform.dialogs.saveFile({
    title: dialog.dialogTitle,
    defaultPath: join(deps.platform.paths.home, `credential-report-${accountId}-${stamp}.csv`),
    filters: [{ name: dialog.filterName, extensions: ['csv'] }],
  });
  if (!path) return { saved: false, path: null, generatedAt, users: report.users.length };
  try {
    // Not secret (no key ids, no passwords), but it maps the account: readable by its owner only.
    await writeFile(path, report.csv, { encoding: 'utf8', mode: 0o600 });
  } catch (e) {
    throw new AppError('admin.credentialReportWriteFailed', { reason: (e as { code?: string }).code ?? 'unknown' }, { cause: e });
  }
  return { saved: true, path, generatedAt, users: report.users.length };
}
