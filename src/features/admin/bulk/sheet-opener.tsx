import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { TextField } from '../../../components/text-field';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import { HandoffTable } from './handoff-table';
import { useHandoffStore } from './handoff-store';
import { PrintSlips } from './print-slips';

/**
 * A password sheet saved earlier (.csv.age), opened inside the app: decrypted in main with the
 * passphrase, then the same hand-off as a run — reveal, copy, print — without any age tool.
 */
export function SheetOpener() {
  const { t } = useTranslation('adminBulk');
  const { busy, error, sheet, openSheet, closeSheet } = useHandoffStore();
  const [pass, setPass] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = pass.length < SHEET_PASSPHRASE_MIN;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (tooShort) {
      document.getElementById('sheet-pass')?.focus();
      return;
    }
    if (await openSheet(pass, t('sheet.dialogTitle'), t('result.ageFilter'))) setPass('');
  };
  const passError = tried && tooShort ? t('result.tooShort') : error?.code === 'adminBulk.sheetWrongPassphrase' ? t('errors.sheetWrongPassphrase') : undefined;

  if (sheet) {
    return (
      <section className="card bulk-sheet-open" aria-labelledby="sheet-title" data-testid="sheet-open">
        <h3 id="sheet-title">{t('sheet.openedHeading', { fileName: sheet.fileName, count: sheet.users.length })}</h3>
        <p className="hint">{t('sheet.openedHint')}</p>
        <HandoffTable source={sheet.sheetId} users={sheet.users.map((userName) => ({ userName, inviteFile: null, superseded: false }))} withMessages={false} />
        <PrintSlips account={null} />
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void closeSheet()}>
            {t('sheet.close')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <details className="card bulk-sheet-open">
      <summary>{t('sheet.heading')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">{t('sheet.intro')}</p>
        <TextField id="sheet-pass" label={t('sheet.passphrase')} type="password" autoComplete="off" value={pass} onChange={setPass} error={passError} />
        {error?.code !== 'adminBulk.sheetWrongPassphrase' && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="submit" className="secondary" disabled={busy}>
            {busy ? t('sheet.opening') : t('sheet.open')}
          </button>
        </div>
      </form>
    </details>
  );
}
