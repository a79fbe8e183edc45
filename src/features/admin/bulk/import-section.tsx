import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { ProblemsTable } from './problems-table';
import { StartForm } from './start-form';
import { useBulkStore } from './bulk-store';

const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
/** Encodings read without a mark in the file (no BOM): the admin should glance at the names. */
const GUESSED = new Set(['euc-kr', 'windows-1252']);

/** Choose a CSV; see every problem at once, or the users and the settings to start. */
export function ImportSection() {
  const { t } = useTranslation('adminBulk');
  const checked = useBulkStore((s) => s.checked);
  const busy = useBulkStore((s) => s.busy);
  const { importFile, reimport } = useBulkStore.getState();
  const choose = () => void importFile(t('chooseFileTitle'), t('csvFilter'));

  return (
    <div className="card bulk-import">
      <p className="hint">{t('format')}</p>
      {busy && <p role="status">{t('reading')}</p>}
      {!checked && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={choose}>
            {t('chooseFile')}
          </button>
        </div>
      )}
      {checked && (
        <>
          <p data-testid="bulk-file-summary" data-encoding={checked.encoding} data-delimiter={DELIMITER_NAME[checked.delimiter]}>
            {t('file.summary', {
              fileName: checked.fileName,
              count: checked.rowCount,
              encoding: t(`file.encodings.${checked.encoding}`),
              delimiter: t(`file.delimiters.${DELIMITER_NAME[checked.delimiter]}`),
            })}
          </p>
          {GUESSED.has(checked.encoding) && (
            <p className="notice" data-testid="bulk-guessed-encoding">
              {t('file.guessedEncoding', { encoding: t(`file.encodings.${checked.encoding}`) })}
            </p>
          )}
          {checked.blockers.map((b) => (
            <ErrorMessage key={b.code} error={b} />
          ))}
          {checked.problems.length > 0 && <ProblemsTable problems={checked.problems} total={checked.problemCount} />}
          {!checked.ready && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void reimport()}>
                {t('file.reimport')}
              </button>
              <button type="button" className="secondary" disabled={busy} onClick={choose}>
                {t('file.another')}
              </button>
            </div>
          )}
          {checked.ready && <StartForm checked={checked} onAnother={choose} />}
        </>
      )}
    </div>
  );
}
