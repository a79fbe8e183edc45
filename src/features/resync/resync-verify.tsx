import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusHeading } from '../../components/screen-heading';
import { ErrorMessage } from '../../components/error-message';
import { isSixDigits, normalizeCode } from './code-checks';
import { CodeField } from '../../components/code-field';
import { useResyncStore } from './resync-store';
import { useFieldErrors } from '../../components/use-field-errors';
import { WindowCountdown } from '../../components/window-countdown';

export function ResyncVerify() {
  const { t } = useTranslation('resync');
  const { busy, error, serverOffsetMs, verify } = useResyncStore();
  const errors = useFieldErrors(error, (c) => (c === 'resync.codeAlreadyUsed' || c === 'resync.proofRejected' ? 'resync-proof' : null));
  const [code, setCode] = useState('');
  const [bad, setBad] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const typed = normalizeCode(code);
    setBad(!isSixDigits(typed));
    if (!isSixDigits(typed)) {
      document.getElementById('resync-proof')?.focus();
      return;
    }
    if (!(await verify(typed))) setCode('');
  };

  return (
    <form className="card resync-verify" onSubmit={(e) => void submit(e)} noValidate>
      <FocusHeading level={2}>{t('verify.heading')}</FocusHeading>
      <p className="success" role="status">
        {t('verify.resynced')}
      </p>
      <p>{t('verify.howTo')}</p>
      <WindowCountdown serverOffsetMs={serverOffsetMs} />
      <CodeField
        id="resync-proof"
        label={t('verify.code')}
        value={code}
        onChange={setCode}
        {...(bad ? { problem: t('codes.fieldErrors.notSixDigits') } : errors.propsFor('resync-proof').error ? { problem: errors.propsFor('resync-proof').error, problemCode: errors.propsFor('resync-proof').errorCode } : {})}
      />
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void submit()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('verify.busy') : t('verify.submit')}
        </button>
      </div>
    </form>
  );
}
