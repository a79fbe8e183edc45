import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { isSixDigits, normalizeCode } from './code-checks';
import { CodeField } from '../../components/code-field';
import { useResyncStore } from './resync-store';

export function ResyncVerify() {
  const { t } = useTranslation('resync');
  const { busy, error, verify } = useResyncStore();
  const [code, setCode] = useState('');
  const [bad, setBad] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const typed = normalizeCode(code);
    setBad(!isSixDigits(typed));
    if (!isSixDigits(typed)) return;
    if (!(await verify(typed))) setCode('');
  };

  return (
    <form className="card resync-verify" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('verify.heading')}</h3>
      <p className="success" role="status">
        {t('verify.resynced')}
      </p>
      <p>{t('verify.howTo')}</p>
      <CodeField id="resync-proof" label={t('verify.code')} value={code} onChange={setCode} problem={bad ? t('codes.fieldErrors.notSixDigits') : null} autoFocus />
      <ErrorMessage error={error} onRetry={() => void submit()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('verify.busy') : t('verify.submit')}
        </button>
      </div>
    </form>
  );
}
