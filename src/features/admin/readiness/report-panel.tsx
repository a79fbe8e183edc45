import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { useReadinessStore } from './readiness-store';

/** The credential report's own row: what it is, and "download it" (the CSV exactly as AWS made it). */
export function ReportPanel() {
  const { t } = useTranslation('admin');
  const saving = useReadinessStore((s) => s.savingReport);
  const saved = useReadinessStore((s) => s.savedReport);
  const error = useReadinessStore((s) => s.saveReportError);
  const save = useReadinessStore((s) => s.saveReport);
  const k = 'readiness.checks.credentialReport';
  return (
    <>
      <p className="hint">{t(`${k}.explain`)}</p>
      <div className="actions">
        <button type="button" className="secondary" disabled={saving} onClick={() => void save(t(`${k}.dialogTitle`), t(`${k}.filterName`))}>
          {t(`${k}.download`)}
        </button>
      </div>
      {saved?.saved && (
        <p className="success" role="status" data-testid="credential-report-saved">
          {t(`${k}.saved`, { users: saved.users, path: saved.path })}
        </p>
      )}
      <ErrorMessage error={error} />
    </>
  );
}
