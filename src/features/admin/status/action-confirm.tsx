import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { keysReplacedBy } from './filter';
import { useStatusStore } from './status-store';

type Kind = 'resend' | 'resetMfa' | 'removeKeys' | 'askMfa';
const CONFIRM: Record<Kind, string> = {
  resend: 'confirm.confirmResend',
  resetMfa: 'confirm.confirmResetMfa',
  removeKeys: 'confirm.confirmRemoveKeys',
  askMfa: 'confirm.confirmAskMfa',
};

/** Says exactly what will change (devices, keys deleted, keys kept) before anything does. */
export function ActionConfirm({ user, kind }: { user: UserStatusRow; kind: Kind }) {
  const { t } = useTranslation('adminStatus');
  const { action, validDays, setValidDays, start, resend, resetMfa, removeKeys, askMfa } = useStatusStore();
  const deleted = kind === 'askMfa' ? [] : keysReplacedBy(kind, user);
  const kept = (user.accessKeys ?? []).filter((k) => !deleted.includes(k));
  const dialog = { dialogTitle: t('actions.dialogTitle'), filterName: t('actions.filterName') };
  const run = { resend: () => resend(dialog), resetMfa: () => resetMfa(dialog), removeKeys, askMfa };
  const go = () => void run[kind]();
  // "Ask to set up MFA" touches no key: it only opens onboarding.
  const touchesKeys = kind !== 'askMfa';

  return (
    <div role="alertdialog" aria-labelledby="status-confirm-h" aria-describedby="status-confirm-body" className="status-confirm" data-testid={`confirm-${kind}`}>
      <h4 id="status-confirm-h">{t('confirm.heading')}</h4>
      <p id="status-confirm-body">{t(`confirm.${kind}`, { userName: user.userName })}</p>
      {kind === 'resetMfa' && (
        <>
          <p>{t('confirm.devices')}</p>
          <ul className="mono">
            {(user.mfaDevices ?? []).map((d) => (
              <li key={d.serialNumber}>{d.serialNumber}</li>
            ))}
          </ul>
        </>
      )}
      {touchesKeys && <p>{deleted.length > 0 ? t('confirm.keysDeleted') : t('confirm.noKeysDeleted')}</p>}
      {kind === 'resetMfa' && deleted.some((k) => !k.bootstrap) && (
        <p className="notice" data-testid="confirm-reset-keys-why">
          {t('confirm.resetKeysWhy', { userName: user.userName })}
        </p>
      )}
      {touchesKeys && (
        <ul className="mono" data-testid="confirm-keys-deleted">
          {deleted.map((k) => (
            <li key={k.accessKeyId}>{k.accessKeyId}</li>
          ))}
        </ul>
      )}
      {touchesKeys && kept.length > 0 && (
        <>
          <p>{t('confirm.keysKept')}</p>
          <ul className="mono">
            {kept.map((k) => (
              <li key={k.accessKeyId}>{k.accessKeyId}</li>
            ))}
          </ul>
        </>
      )}
      {kind !== 'removeKeys' && (
        <div className="field">
          <label htmlFor="status-valid-days">{t(kind === 'askMfa' ? 'actions.windowDays' : 'actions.validDays')}</label>
          <input id="status-valid-days" type="number" min={1} max={30} value={validDays} onChange={(e) => setValidDays(Math.min(30, Math.max(1, Number(e.target.value) || 1)))} />
        </div>
      )}
      <ErrorMessage error={action.error} onRetry={go} />
      <div className="actions">
        <button type="button" className={kind === 'resend' || kind === 'askMfa' ? 'primary' : 'danger'} disabled={action.busy} onClick={go}>
          {action.busy ? t('actions.busy') : t(CONFIRM[kind], { userName: user.userName })}
        </button>
        <button type="button" className="secondary" disabled={action.busy} onClick={() => start(null)}>
          {t('actions.cancel')}
        </button>
      </div>
    </div>
  );
}
