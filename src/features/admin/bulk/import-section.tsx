import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { ProblemsTable } from './problems-table';
import { StartForm } from './start-form';
import { useBulkStore } from './bulk-store';

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
          <p data-testid="bulk-file-summary">
            {t('file.summary', { fileName: checked.fileName, count: checked.rowCount, encoding: checked.encoding.toUpperCase(), delimiter: checked.delimiter })}
          </p>
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
