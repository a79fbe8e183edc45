import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { checkCodePair, normalizeCode, type CodeProblem } from '../../resync/code-checks';
import { CodeField } from '../../../components/code-field';
import { resyncableDevices } from './filter';
import { useStatusStore } from './status-store';

/** The admin types the two consecutive codes the user reads out; the same shape checks as self-service. */
export function ResyncForm({ user }: { user: UserStatusRow }) {
  const { t } = useTranslation('adminStatus');
  const { action, resync, start } = useStatusStore();
  const devices = resyncableDevices(user);
  const [serial, setSerial] = useState(devices[0]?.serialNumber ?? '');
  const [code1, setCode1] = useState('');
  const [code2, setCode2] = useState('');
  const [problems, setProblems] = useState<{ code1?: CodeProblem; code2?: CodeProblem }>({});
  const problem = (p?: CodeProblem) => (p ? t(`resync.fieldErrors.${p}`) : null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found = checkCodePair(code1, code2);
    setProblems(found);
    if (found.code1 || found.code2) return;
    const ok = await resync(serial, normalizeCode(code1), normalizeCode(code2));
    // Used or refused codes are worth nothing: clear them for the next pair.
    if (!ok) {
      setCode1('');
      setCode2('');
    }
  };

  return (
    <form className="status-resync" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="status-resync-h">
      <h4 id="status-resync-h">{t('resync.heading', { userName: user.userName })}</h4>
      <p className="hint">{t('resync.howTo')}</p>
      {devices.length > 1 && (
        <div className="field">
          <label htmlFor="status-resync-device">{t('resync.device')}</label>
          <select id="status-resync-device" value={serial} onChange={(e) => setSerial(e.target.value)}>
            {devices.map((d) => (
              <option key={d.serialNumber} value={d.serialNumber}>
                {d.serialNumber}
              </option>
            ))}
          </select>
        </div>
      )}
      <CodeField id="status-resync-code1" label={t('resync.code1')} value={code1} onChange={setCode1} problem={problem(problems.code1)} autoFocus />
      <CodeField id="status-resync-code2" label={t('resync.code2')} value={code2} onChange={setCode2} problem={problem(problems.code2)} />
      <ErrorMessage error={action.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? t('actions.busy') : t('resync.submit')}
        </button>
        <button type="button" className="secondary" disabled={action.busy} onClick={() => start(null)}>
          {t('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
