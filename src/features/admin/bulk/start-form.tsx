import { useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { BULK_CONCURRENCY_DEFAULT, BULK_CONCURRENCY_MAX, INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX } from '../../../shared/admin-limits';
import type { BulkImport } from '../../../shared/ipc/channels/admin-bulk';
import { useAppInfoStore } from '../../../app/app-info-store';
import { useBulkStore } from './bulk-store';
import { KeyPassphrase, keyPassphraseProblem } from './key-passphrase';
import { focusFirstInvalid } from '../../../components/use-field-errors';

/** The clean file's users and the run's settings; starting asks for the invite folder. */
export function StartForm({ checked, skipInvalid, onAnother }: { checked: BulkImport; skipInvalid: boolean; onAnother(): void }) {
  const { t } = useTranslation('adminBulk');
  const busy = useBulkStore((s) => s.busy);
  const start = useBulkStore((s) => s.start);
  const [days, setDays] = useState(INVITE_DAYS_DEFAULT);
  const [concurrency, setConcurrency] = useState(BULK_CONCURRENCY_DEFAULT);
  const [attachTo, setAttachTo] = useState('');
  // Without a real OS keychain the run key is sealed to a passphrase the admin chooses.
  const storage = useAppInfoStore((s) => s.info?.secretStorage ?? 'os');
  const [key, setKey] = useState({ pass: '', again: '' });
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Rendered now, so the fields carry aria-invalid before focus looks for the first of them.
    flushSync(() => setTried(true));
    if (storage !== 'os' && keyPassphraseProblem(key)) {
      focusFirstInvalid(e.currentTarget as HTMLFormElement);
      return;
    }
    void start({ inviteValidDays: days, concurrency, attachTo: attachTo || null, skipInvalidRows: skipInvalid, keyPassphrase: storage !== 'os' ? key.pass : null }, t('options.folderTitle'));
  };
  const bad = new Set(checked.problems.map((p) => p.line));
  const count = skipInvalid ? checked.validRowCount : checked.rowCount;
  const more = checked.rowCount - checked.preview.length;
  // With an `account` column: each row's account, by name and id as the organization lists it.
  const byAccount = checked.accounts.length > 0;
  const accountName = (id: string | null) => {
    const a = checked.accounts.find((x) => x.accountId === id);
    return a ? (a.name && a.name !== a.accountId ? `${a.name} (${a.accountId})` : a.accountId) : (id ?? '');
  };

  return (
    <form onSubmit={submit} className="bulk-start" noValidate>
      {skipInvalid ? (
        <p className="notice" data-testid="bulk-skipping">{t('file.skipping', { count, skipped: checked.rowCount - count })}</p>
      ) : (
        <p className="success">{t('file.ready', { count })}</p>
      )}
      {byAccount && (
        <>
          <h3 id="bulk-accounts-title">{t('file.accountsHeading')}</h3>
          <ul aria-labelledby="bulk-accounts-title" data-testid="bulk-accounts">
            {checked.accounts.map((a) => (
              <li key={a.accountId} data-account={a.accountId}>
                {t('file.accountUsers', { account: accountName(a.accountId), count: a.users })}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 id="bulk-preview-title">{t('file.previewHeading')}</h3>
      <div className="bulk-table-scroll">
        <table aria-labelledby="bulk-preview-title">
          <thead>
            <tr>
              <th scope="col">{t('file.line')}</th>
              <th scope="col">{t('file.user')}</th>
              <th scope="col">{t('file.email')}</th>
              <th scope="col">{t('file.groups')}</th>
              <th scope="col">{t('file.tags')}</th>
              {byAccount && <th scope="col">{t('file.account')}</th>}
            </tr>
          </thead>
          <tbody>
            {checked.preview.map((r) => (
              <tr key={r.line} data-skipped={(skipInvalid && bad.has(r.line)) || undefined}>
                <td>{r.line}</td>
                <td className="mono">{r.userName}</td>
                <td>{r.email}</td>
                <td>{r.groups.join(', ')}</td>
                <td>{r.tagCount}</td>
                {byAccount && (
                  <td className="mono" data-account={r.accountId ?? ''}>
                    {accountName(r.accountId)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p className="hint">{t('file.more', { count: more })}</p>}
      <fieldset>
        <legend>{t('options.heading')}</legend>
        <div className="field">
          <label htmlFor="bulk-days">{t('options.days')}</label>
          <input id="bulk-days" type="number" min={1} max={INVITE_DAYS_MAX} value={days} onChange={(e) => setDays(Math.min(INVITE_DAYS_MAX, Math.max(1, Math.round(Number(e.target.value)) || 1)))} />
        </div>
        <div className="field">
          <label htmlFor="bulk-concurrency">{t('options.concurrency')}</label>
          <input id="bulk-concurrency" type="number" min={1} max={BULK_CONCURRENCY_MAX} value={concurrency} aria-describedby="bulk-concurrency-hint" onChange={(e) => setConcurrency(Math.min(BULK_CONCURRENCY_MAX, Math.max(1, Math.round(Number(e.target.value)) || 1)))} />
          <p id="bulk-concurrency-hint" className="hint">{t('options.concurrencyHint')}</p>
        </div>
        <div className="field">
          <label htmlFor="bulk-attach">{t('options.attach')}</label>
          <select id="bulk-attach" value={attachTo} onChange={(e) => setAttachTo(e.target.value)}>
            <option value="">{t('options.attachUser')}</option>
            {checked.groups.map((g) => (
              <option key={g} value={g}>
                {t('options.attachGroup', { group: g })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {storage !== 'os' && <KeyPassphrase storage={storage} value={key} onChange={setKey} showProblem={tried} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('options.start', { count })}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onAnother}>
          {t('file.another')}
        </button>
      </div>
    </form>
  );
}
