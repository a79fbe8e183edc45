import { useTranslation } from 'react-i18next';
import { useGuardLeave } from '../../../app/leave-guard';
import { GroupedSecret } from '../../../components/grouped-secret';
import type { ProvisionRun } from '../../../shared/ipc/channels/admin-users';
import { useAdminUsersStore } from './admin-users-store';
import { AppLocationField } from './app-location-field';
import { buildInviteMessage, formatDateTime } from './invite-message';
import { useAppLocation } from './use-app-location';

/** Save the invite; then the temporary password (once) and the note to send with the file. */
export function InviteResult({ run, onFinished }: { run: ProvisionRun; onFinished(): void }) {
  const { t, i18n } = useTranslation('adminUsers');
  const { busy, password, passwordCopied, messageCopied, saveInvite, copyPassword, copyMessage, leave } = useAdminUsersStore();
  const [appLocation] = useAppLocation();
  const invite = run.invite;
  const saved = invite !== null && invite.savedPath !== null && invite.expiresAt !== null;
  // Leaving before the invite is saved, or with the password shown once and not copied, loses it.
  useGuardLeave(
    'adminUsers.result',
    run.superseded || !invite ? null
    : !saved ? t('guard.inviteNotSaved', { userName: run.userName })
    : password && !passwordCopied ? t('guard.passwordNotCopied', { userName: run.userName })
    : null,
  );
  if (!invite) return null;
  const message = saved ? buildInviteMessage(run, appLocation) : '';
  const finish = async () => {
    await leave();
    onFinished();
  };

  if (run.superseded) {
    return (
      <div className="invite-result" data-testid="invite-superseded">
        <p className="notice" role="status">
          {t('result.superseded', { userName: run.userName })}
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => void finish()}>
            {t('result.discardStale')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="invite-result">
      <p className="success">{t('result.created', { userName: run.userName })}</p>

      <section aria-labelledby="invite-file-h">
        <h3 id="invite-file-h">{t('result.inviteHeading')}</h3>
        <p className="hint">{t('result.inviteHint')}</p>
        {saved && (
          <p className="success" data-testid="invite-saved">
            {t('result.saved', { path: invite.savedPath, expiresAt: formatDateTime(invite.expiresAt!, i18n.language) })}
          </p>
        )}
        <button
          type="button"
          className={saved ? 'secondary' : 'primary'}
          disabled={busy}
          onClick={() => void saveInvite(t('result.dialogTitle'), t('result.filterName'))}
        >
          {saved ? t('result.saveAgain') : t('result.save')}
        </button>
      </section>

      {saved && (
        <>
          <section aria-labelledby="invite-password-h">
            <h3 id="invite-password-h">{t('result.passwordHeading')}</h3>
            {password ? (
              <>
                <p className="notice">{t('result.passwordOnce')}</p>
                <p className="temporary-password-row">
                  <GroupedSecret value={password} testId="temporary-password" className="temporary-password" />
                </p>
                <p className="hint">{t('common:secret.groupsHint')}</p>
              </>
            ) : (
              <p className="hint">{t('result.passwordHidden')}</p>
            )}
            <button type="button" className={password && !passwordCopied ? 'primary' : 'secondary'} disabled={busy} onClick={() => void copyPassword()}>
              {t('result.copyPassword')}
            </button>
            {passwordCopied && (
              <p className="hint" role="status">
                {t('result.passwordCopied')}
              </p>
            )}
          </section>

          <section aria-labelledby="invite-message-h">
            <h3 id="invite-message-h">{t('result.messageHeading')}</h3>
            <p className="hint">{t('result.messageHint')}</p>
            <AppLocationField />
            <div className="field">
              <label htmlFor="invite-message">{t('result.messageLabel')}</label>
              <textarea id="invite-message" readOnly rows={12} value={message} />
            </div>
            <button type="button" className="secondary" disabled={busy} onClick={() => void copyMessage(message)}>
              {t('result.copyMessage')}
            </button>
            {messageCopied && (
              <p className="hint" role="status">
                {t('result.messageCopied')}
              </p>
            )}
          </section>

          <div className="actions">
            <button type="button" className="primary" onClick={() => void finish()}>
              {t('result.finish')}
            </button>
          </div>
          <p className="hint">{t('result.leaveNote')}</p>
        </>
      )}
    </div>
  );
}
