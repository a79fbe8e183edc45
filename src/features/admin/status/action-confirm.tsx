import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { bootstrapKeys } from './filter';
import { useStatusStore } from './status-store';

type Kind = 'resend' | 'resetMfa' | 'removeKeys';
const CONFIRM: Record<Kind, string> = { resend: 'confirm.confirmResend', resetMfa: 'confirm.confirmResetMfa', removeKeys: 'confirm.confirmRemoveKeys' };

/** Says exactly what will change (devices, keys deleted, keys kept) before anything does. */
export function ActionConfirm({ user, kind }: { user: UserStatusRow; kind: Kind }) {
  const { t } = useTranslation('adminStatus');
  const { action, validDays, setValidDays, start, resend, resetMfa, removeKeys } = useStatusStore();
  const deleted = bootstrapKeys(user);
  const kept = (user.accessKeys ?? []).filter((k) => !k.bootstrap);
  const dialog = { dialogTitle: t('actions.dialogTitle'), filterName: t('actions.filterName') };
  const go = () => void (kind === 'resend' ? resend(dialog) : kind === 'resetMfa' ? resetMfa(dialog) : removeKeys());

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
      <p>{deleted.length > 0 ? t('confirm.keysDeleted') : t('confirm.noKeysDeleted')}</p>
      <ul className="mono" data-testid="confirm-keys-deleted">
        {deleted.map((k) => (
          <li key={k.accessKeyId}>{k.accessKeyId}</li>
        ))}
      </ul>
      {kept.length > 0 && (
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
          <label htmlFor="status-valid-days">{t('actions.validDays')}</label>
          <input id="status-valid-days" type="number" min={1} max={30} value={validDays} onChange={(e) => setValidDays(Math.min(30, Math.max(1, Number(e.target.value) || 1)))} />
        </div>
      )}
      <ErrorMessage error={action.error} onRetry={go} />
      <div className="actions">
        <button type="button" className={kind === 'resend' ? 'primary' : 'danger'} disabled={action.busy} onClick={go}>
          {action.busy ? t('actions.busy') : t(CONFIRM[kind], { userName: user.userName })}
        </button>
        <button type="button" className="secondary" disabled={action.busy} onClick={() => start(null)}>
          {t('actions.cancel')}
        </button>
      </div>
    </div>
  );
}
