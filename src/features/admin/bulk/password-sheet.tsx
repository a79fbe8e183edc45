import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextField } from '../../../components/text-field';
import { SHEET_PASSPHRASE_MIN } from '../../../shared/admin-limits';
import type { BulkRun } from '../../../shared/ipc/channels/admin-bulk';
import { useBulkStore } from './bulk-store';
import { HandoffTable } from './handoff-table';
import { useHandoffStore } from './handoff-store';
import { PrintSlips } from './print-slips';

/** Once the run has ended: hand the passwords out, save the password sheet, then close the run (asked first). */
export function PasswordSheet({ run }: { run: BulkRun }) {
  const { t } = useTranslation('adminBulk');
  const busy = useBulkStore((s) => s.busy);
  const exported = useBulkStore((s) => s.exported);
  const { exportPasswords, finish } = useBulkStore.getState();
  const facts = useHandoffStore((s) => s.facts);
  const loadFacts = useHandoffStore((s) => s.loadFacts);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const problem = pass.length < SHEET_PASSPHRASE_MIN ? 'tooShort' : pass !== again ? 'mismatch' : null;
  const withPassword = run.users.filter((u) => u.hasPassword && u.status === 'done');
  useEffect(() => {
    void loadFacts(run.runId);
    return () => useHandoffStore.getState().clear();
  }, [loadFacts, run.runId, run.done]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) {
      document.getElementById(problem === 'tooShort' ? 'bulk-pass' : 'bulk-pass-again')?.focus();
      return;
    }
    void exportPasswords(pass, t('result.exportTitle'), t('result.ageFilter'));
  };
  const superseded = new Set(facts?.users.filter((u) => u.superseded).map((u) => u.userName));
  const account = facts ? (facts.accountAlias ? `${facts.accountAlias} (${facts.accountId})` : facts.accountId) : null;

  return (
    <>
      <p className="notice">{t('result.passwordsIntro')}</p>
      {withPassword.length > 0 && (
        <section aria-labelledby="bulk-handoff-title">
          <h4 id="bulk-handoff-title">{t('handoff.heading')}</h4>
          <p className="hint">{t('handoff.intro')}</p>
          <HandoffTable source={run.runId} users={withPassword.map((u) => ({ userName: u.userName, inviteFile: u.inviteFile, superseded: superseded.has(u.userName) }))} withMessages />
          <PrintSlips account={account} />
        </section>
      )}
      {withPassword.length > 0 && (
        <form className="bulk-sheet" onSubmit={submit} noValidate aria-labelledby="bulk-sheet-title">
          <h4 id="bulk-sheet-title">{t('result.sheetHeading')}</h4>
          <p className="hint">{t('result.sheetIntro')}</p>
          <div className="field-row">
            <TextField id="bulk-pass" label={t('result.passphrase')} type="password" autoComplete="new-password" value={pass} onChange={setPass} error={tried && problem === 'tooShort' ? t('result.tooShort') : undefined} />
            <TextField id="bulk-pass-again" label={t('result.passphraseAgain')} type="password" autoComplete="new-password" value={again} onChange={setAgain} error={tried && problem === 'mismatch' ? t('result.mismatch') : undefined} />
          </div>
          <div className="actions">
            <button type="submit" className="secondary" disabled={busy}>
              {t('result.export')}
            </button>
          </div>
          {exported && (
            <p className="success" role="status" data-testid="bulk-sheet-saved">
              {t('result.exported', { count: exported.count, path: exported.path })}
              {exported.superseded > 0 && ` ${t('result.exportedSuperseded', { count: exported.superseded })}`}
            </p>
          )}
        </form>
      )}
      <h4>{t('result.finishHeading')}</h4>
      <p className="hint">{t('result.finishIntro')}</p>
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
          {t('result.finish')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('result.finishConfirmTitle')}
        confirmLabel={t('result.finishConfirm')}
        cancelLabel={t('result.finishCancel')}
        danger
        busy={busy}
        onConfirm={() => {
          setConfirming(false);
          void finish();
        }}
        onCancel={() => setConfirming(false)}
        testId="finish-run-confirm"
      >
        <p>{t('result.finishConfirmBody', { count: withPassword.length })}</p>
        {!exported && withPassword.length > 0 && <p className="notice">{t('result.finishNotExported')}</p>}
      </ConfirmDialog>
    </>
  );
}
