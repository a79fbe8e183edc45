import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { ProblemsTable } from './problems-table';
import { StartForm } from './start-form';
import { useBulkStore } from './bulk-store';
import { useHandoffStore } from './handoff-store';

const DELIMITER_NAME = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;
/** Encodings read without a mark in the file (no BOM): the admin should glance at the names. */
const GUESSED = new Set(['euc-kr', 'windows-1252']);

/** Choose a CSV (or get a template); see every problem at once, or the users and the settings to start. */
export function ImportSection() {
  const { t, i18n } = useTranslation('adminBulk');
  const checked = useBulkStore((s) => s.checked);
  const busy = useBulkStore((s) => s.busy);
  const { importFile, reimport } = useBulkStore.getState();
  const saveTemplate = useHandoffStore((s) => s.saveTemplate);
  const [templatePath, setTemplatePath] = useState<string | null>(null);
  // "Skip the invalid rows and create the rest", chosen after seeing the problems.
  const [skipping, setSkipping] = useState(false);
  const choose = () => {
    setSkipping(false);
    void importFile(t('chooseFileTitle'), t('csvFilter'));
  };
  const template = async () => setTemplatePath(await saveTemplate(i18n.language === 'en' ? 'en' : 'ko', t('template.dialogTitle'), t('csvFilter')));
  const canSkip = checked !== null && !checked.ready && checked.blockers.length === 0 && checked.validRowCount > 0;

  return (
    <div className="card bulk-import">
      <p className="hint">{t('format')}</p>
      {busy && <p role="status">{t('reading')}</p>}
      {!checked && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={choose}>
            {t('chooseFile')}
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void template()}>
            {t('template.save')}
          </button>
        </div>
      )}
      {templatePath && !checked && (
        <p className="success" role="status" data-testid="template-saved">
          {t('template.saved', { path: templatePath })}
        </p>
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
          {!checked.ready && !skipping && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy} onClick={() => void reimport()}>
                {t('file.reimport')}
              </button>
              {canSkip && (
                <button type="button" className="secondary" disabled={busy} onClick={() => setSkipping(true)} data-testid="bulk-skip-invalid">
                  {t('file.skipInvalid', { count: checked.validRowCount })}
                </button>
              )}
              <button type="button" className="secondary" disabled={busy} onClick={choose}>
                {t('file.another')}
              </button>
            </div>
          )}
          {(checked.ready || (skipping && canSkip)) && <StartForm checked={checked} skipInvalid={!checked.ready} onAnother={choose} />}
        </>
      )}
    </div>
  );
}
