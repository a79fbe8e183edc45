import { useTranslation } from 'react-i18next';
import { useGuardLeave } from '../../../app/leave-guard';
import { ErrorMessage } from '../../../components/error-message';
import { GroupedSecret } from '../../../components/grouped-secret';
import { useStatusStore } from './status-store';

/** What the action did; for a new invite, the file and the temporary password (shown once). */
export function ActionResult() {
  const { t, i18n } = useTranslation('adminStatus');
  const { action, passwordCopied, copyPassword, closeResult, selected } = useStatusStore();
  const { issued, removed, resynced, asked } = action;
  // The new temporary password is shown once: leaving (another tab, Home, sign out) asks first until it is copied.
  useGuardLeave('adminStatus.result', issued?.temporaryPassword && !passwordCopied ? t('guard.passwordNotCopied', { userName: issued.userName }) : null);
  return (
    <div className="status-result" data-testid="status-result">
      {resynced && <p className="success">{t('result.resynced', { userName: selected })}</p>}
      {asked && (
        <>
          <p className="success" data-testid="status-mfa-asked">
            {t('result.asked', { userName: asked.userName, expiresAt: new Date(asked.expiresAt).toLocaleString(i18n.language) })}
          </p>
          <p>{t('result.askedMessage', { userName: asked.userName, deviceName: asked.deviceName })}</p>
        </>
      )}
      {removed && (
        <>
          {removed.deletedKeyIds.length > 0 && <p className="success">{t('result.keysRemoved', { keys: removed.deletedKeyIds.join(', ') })}</p>}
          {removed.keptKeyIds.length > 0 && <p className="notice">{t('result.keysKept', { keys: removed.keptKeyIds.join(', ') })}</p>}
        </>
      )}
      {issued && !issued.saved && <p className="notice">{t('result.notSaved')}</p>}
      {issued?.saved && (
        <>
          <p className="success" data-testid="status-invite-saved">
            {t('result.saved', { userName: issued.userName, path: issued.savedPath, expiresAt: new Date(issued.expiresAt ?? '').toLocaleString(i18n.language) })}
          </p>
          <ul>
            {issued.removedMfaDevices.length > 0 && <li>{t('result.removedDevices', { devices: issued.removedMfaDevices.join(', ') })}</li>}
            {issued.deletedKeyIds.length > 0 && <li>{t('result.deletedKeys', { keys: issued.deletedKeyIds.join(', ') })}</li>}
            <li className="mono">{t('result.newKey', { accessKeyId: issued.newAccessKeyId })}</li>
          </ul>
          <h4>{t('result.passwordHeading')}</h4>
          {issued.temporaryPassword ? (
            <>
              <p className="notice">{t('result.passwordOnce')}</p>
              <p className="temporary-password-row">
                <GroupedSecret value={issued.temporaryPassword} testId="status-temporary-password" className="temporary-password" />
              </p>
              <p className="hint">{t('common:secret.groupsHint')}</p>
            </>
          ) : (
            <p className="hint">{t('result.passwordHidden')}</p>
          )}
          <button type="button" className={issued.temporaryPassword && !passwordCopied ? 'primary' : 'secondary'} onClick={() => void copyPassword()}>
            {t('result.copyPassword')}
          </button>
          {passwordCopied && (
            <p className="hint" role="status">
              {t('result.passwordCopied')}
            </p>
          )}
        </>
      )}
      <ErrorMessage error={action.error} />
      <div className="actions">
        <button type="button" className={issued?.temporaryPassword && !passwordCopied ? 'secondary' : 'primary'} onClick={() => void closeResult()}>
          {t('result.close')}
        </button>
      </div>
    </div>
  );
}
