import { useTranslation } from 'react-i18next';
import type { BulkImport } from '../../../shared/ipc/channels/admin-bulk';

/** Spreadsheet column letters, as the admin sees them in Excel: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** Every problem of the file at once: line, user, what is wrong (in the admin's language). */
export function ProblemsTable({ problems, total }: { problems: BulkImport['problems']; total: number }) {
  const { t } = useTranslation('adminBulk');
  return (
    <div className="bulk-problems">
      <h3 id="bulk-problems-title">{t('file.problemsHeading', { count: total })}</h3>
      <p className="notice">{t('file.problemsIntro')}</p>
      <table aria-labelledby="bulk-problems-title">
        <thead>
          <tr>
            <th scope="col">{t('file.line')}</th>
            <th scope="col">{t('file.column')}</th>
            <th scope="col">{t('file.user')}</th>
            <th scope="col">{t('file.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.line}-${p.code}-${i}`} data-line={p.line} data-code={p.code}>
              <td>{p.line}</td>
              <td data-column={p.column}>{p.column ? t('file.columnRef', { letter: columnLetter(p.column), name: p.columnName ?? '' }) : ''}</td>
              <td className="mono">{p.userName || t('file.noName')}</td>
              <td>{t(`problems.${p.code}`, p.params ?? {})}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > problems.length && (
        <p className="notice" data-testid="bulk-more-problems">
          {t('file.moreProblems', { count: total - problems.length })}
        </p>
      )}
    </div>
  );
}
