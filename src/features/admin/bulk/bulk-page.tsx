import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { ImportSection } from './import-section';
import { RunPanel } from './run-panel';
import { SAVED_KEY_ERRORS, SavedRuns } from './saved-runs';
import { SheetOpener } from './sheet-opener';
import { useBulkStore } from './bulk-store';

/** Bulk provisioning: unfinished runs to resume, the CSV check, then the run and its passwords. */
export function BulkPage() {
  const { t } = useTranslation('adminBulk');
  const run = useBulkStore((s) => s.run);
  const error = useBulkStore((s) => s.error);
  const finished = useBulkStore((s) => s.finished);
  const { listen, load } = useBulkStore.getState();

  useEffect(() => {
    const off = listen();
    void load();
    return off;
  }, [listen, load]);

  return (
    <section className="admin-bulk" aria-labelledby="admin-bulk-title">
      <h2 id="admin-bulk-title">{t('title')}</h2>
      <p className="subtitle">{t('intro')}</p>
      {finished && (
        <p className="success" role="status">
          {t('result.finished')}
        </p>
      )}
      {/* A saved run's passphrase error is shown under its field instead. */}
      <ErrorMessage error={error && !(run === null && SAVED_KEY_ERRORS.has(error.code)) ? error : null} />
      {run ? (
        <RunPanel run={run} />
      ) : (
        <>
          <SavedRuns />
          <ImportSection />
          <SheetOpener />
        </>
      )}
    </section>
  );
}
