import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusHeading } from '../../components/screen-heading';
import { ErrorMessage } from '../../components/error-message';
import { checkCodePair, normalizeCode, type CodeProblem } from './code-checks';
import { CodeField } from '../../components/code-field';
import { useResyncStore } from './resync-store';
import { useFieldErrors } from '../../components/use-field-errors';
import { WindowCountdown } from '../../components/window-countdown';

export function ResyncCodes() {
  const { t } = useTranslation('resync');
  const { identity, serialNumber, busy, error, serverOffsetMs, chooseDevice, resync } = useResyncStore();
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  const [problems, setProblems] = useState<{ code1?: CodeProblem; code2?: CodeProblem }>({});
  // AWS's answer about the codes goes under the codes; anything else next to the button.
  const errors = useFieldErrors(error, (code) => (code === 'resync.invalidCodes' ? 'resync-code1' : code === 'resync.sameCodeTwice' ? 'resync-code2' : null));
  if (!identity) return null;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const found = checkCodePair(code1, code2);
    setProblems(found);
    if (found.code1 || found.code2) {
      document.getElementById(found.code1 ? 'resync-code1' : 'resync-code2')?.focus();
      return;
    }
    // Codes AWS refused are of no more use: the user reads two new ones.
    if (!(await resync(normalizeCode(code1), normalizeCode(code2)))) {
      setCode1('');
      setCode2('');
    }
  };
  const problemProps = (id: string, p?: CodeProblem) => {
    if (p) return { problem: t(`codes.fieldErrors.${p}`) };
    const e = errors.propsFor(id);
    return e.error ? { problem: e.error, problemCode: e.errorCode } : {};
  };

  return (
    <form className="card resync-codes" data-testid="resync-codes" onSubmit={(e) => void submit(e)} noValidate>
      <FocusHeading level={2}>{t('codes.heading')}</FocusHeading>
      <p data-testid="resync-identity">{t('codes.signedInAs', { userName: identity.userName, accountId: identity.accountId })}</p>
      <fieldset className="resync-devices">
        <legend>{t('codes.deviceLegend')}</legend>
        {identity.devices.map((d) => (
          <label key={d.serialNumber}>
            <input
              type="radio"
              name="resync-device"
              value={d.serialNumber}
              checked={serialNumber === d.serialNumber}
              onChange={() => chooseDevice(d.serialNumber)}
            />
            <span className="mono">{d.serialNumber}</span>{' '}
            <span className="hint">{t(d.kind === 'virtual' ? 'codes.deviceVirtual' : 'codes.deviceHardware')}</span>
          </label>
        ))}
      </fieldset>
      <ol className="resync-how-to">
        <li>{t('codes.howTo.open')}</li>
        <li>{t('codes.howTo.first')}</li>
        <li>{t('codes.howTo.second')}</li>
      </ol>
      <div className="resync-code-pair">
        <CodeField id="resync-code1" label={t('codes.code1')} value={code1} onChange={setCode1} {...problemProps('resync-code1', problems.code1)} />
        <CodeField id="resync-code2" label={t('codes.code2')} value={code2} onChange={setCode2} {...problemProps('resync-code2', problems.code2)} />
      </div>
      <WindowCountdown serverOffsetMs={serverOffsetMs} />
      <ErrorMessage error={errors.formError} id={errors.formErrorId} onRetry={() => void submit()} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('codes.busy') : t('codes.submit')}
        </button>
      </div>
    </form>
  );
}
