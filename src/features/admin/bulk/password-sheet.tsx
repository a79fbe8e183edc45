import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import type { BulkRun } from '../../../shared/ipc/channels/admin-bulk';
import { useBulkStore } from './bulk-store';

/** The password sheet (age, the admin's passphrase typed twice), then closing the run. */
export function PasswordSheet({ run }: { run: BulkRun }) {
  const { t } = useTranslation('adminBulk');
  const busy = useBulkStore((s) => s.busy);
  const exported = useBulkStore((s) => s.exported);
  const { exportPasswords, finish } = useBulkStore.getState();
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const problem = pass.length < SHEET_PASSPHRASE_MIN ? 'tooShort' : pass !== again ? 'mismatch' : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!problem) void exportPasswords(pass, t('result.exportTitle'), t('result.ageFilter'));
  };
  const hasPasswords = run.users.some((u) => u.hasPassword && u.status === 'done');

  return (
    <>
      <p className="notice">{t('result.passwordsIntro')}</p>
      {hasPasswords && (
        <form className="bulk-sheet" onSubmit={submit} noValidate>
          <h4>{t('result.sheetHeading')}</h4>
          <p className="hint">{t('result.sheetIntro')}</p>
          <div className="field">
            <label htmlFor="bulk-pass">{t('result.passphrase')}</label>
            <input id="bulk-pass" type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="bulk-pass-again">{t('result.passphraseAgain')}</label>
            <input
              id="bulk-pass-again"
              type="password"
              autoComplete="new-password"
              value={again}
              aria-invalid={tried && problem !== null}
              aria-describedby={tried && problem ? 'bulk-pass-error' : undefined}
              onChange={(e) => setAgain(e.target.value)}
            />
            {tried && problem && (
              <p id="bulk-pass-error" className="field-error">
                {t(`result.${problem}`)}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="secondary" disabled={busy}>
              {t('result.export')}
            </button>
          </div>
          {exported && (
            <p className="success" role="status" data-testid="bulk-sheet-saved">
              {t('result.exported', { count: exported.count, path: exported.path })}
            </p>
          )}
        </form>
      )}
      <h4>{t('result.finishHeading')}</h4>
      <p className="hint">{t('result.finishIntro')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void finish()}>
          {t('result.finish')}
        </button>
      </div>
    </>
  );
}
