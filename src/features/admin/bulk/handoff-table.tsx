import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { GroupedSecret } from '../../../components/grouped-secret';
import { useAppLocation } from '../users/use-app-location';
import { inviteMessage } from '../users/invite-message';
import { useHandoffStore } from './handoff-store';

export interface HandoffUser {
  userName: string;
  inviteFile: string | null;
  superseded: boolean;
}

/**
 * One row per user with a temporary password: reveal it to read aloud, copy it, copy the message
 * to send with the invite (run only: a sheet does not know the account), and print a slip for all.
 */
export function HandoffTable({ source, users, withMessages }: { source: string; users: HandoffUser[]; withMessages: boolean }) {
  const { t } = useTranslation('adminBulk');
  const { busy, error, facts, revealed, done, reveal, hide, copyPassword, copyMessage, printSlips } = useHandoffStore();
  const [appLocation] = useAppLocation();
  // A revealed password is on screen for a minute at most.
  useEffect(() => {
    if (!revealed) return;
    const id = setTimeout(hide, 60_000);
    return () => clearTimeout(id);
  }, [revealed, hide]);
  const current = users.filter((u) => !u.superseded);
  const message = (u: HandoffUser) => {
    if (!facts || !u.inviteFile) return null;
    // A user the CSV's `account` column sent to another account: the message names that account.
    const a = facts.users.find((x) => x.userName === u.userName)?.account ?? facts;
    return inviteMessage({ userName: u.userName, accountId: a.accountId, accountAlias: a.accountAlias, fileName: u.inviteFile, consoleUrl: a.consoleUrl, expiresAt: facts.expiresAt }, appLocation);
  };

  return (
    <div className="handoff" data-testid="handoff">
      <div className="toolbar">
        <button type="button" className="secondary" disabled={busy || current.length === 0} onClick={() => void printSlips(source, current.map((u) => u.userName))}>
          {t('handoff.printAll', { count: current.length })}
        </button>
        <span className="hint">{t('handoff.printHint')}</span>
      </div>
      {done && (
        <p className="success" role="status" data-testid="handoff-done">
          {done.kind === 'printed'
            ? t('handoff.printed', { count: done.count ?? 0 })
            : t(`handoff.${done.kind}`, { userName: done.userName ?? '' })}
          {done.superseded ? ` ${t('handoff.printedSuperseded', { count: done.superseded })}` : ''}
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="table-scroll">
        <table className="data-table handoff-table">
          <caption className="visually-hidden">{t('handoff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('run.colUser')}</th>
              {withMessages && <th scope="col">{t('handoff.colInvite')}</th>}
              <th scope="col">{t('run.colPassword')}</th>
              <th scope="col" className="actions-col">
                {t('handoff.colActions')}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const shown = revealed?.userName === u.userName ? revealed.password : null;
              const text = withMessages ? message(u) : null;
              return (
                <tr key={u.userName} data-user={u.userName} data-superseded={u.superseded || undefined}>
                  <th scope="row" className="mono">
                    {u.userName}
                  </th>
                  {withMessages && <td className="mono">{u.inviteFile}</td>}
                  <td>
                    {u.superseded ? (
                      <span className="notice-inline">{t('handoff.superseded')}</span>
                    ) : shown ? (
                      <GroupedSecret value={shown} testId={`revealed-${u.userName}`} className="revealed-password" />
                    ) : (
                      <span className="hint">{t('handoff.hidden')}</span>
                    )}
                  </td>
                  <td>
                    {!u.superseded && (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="secondary small"
                          disabled={busy}
                          aria-pressed={shown !== null}
                          aria-label={t(shown ? 'handoff.hideLabel' : 'handoff.revealLabel', { userName: u.userName })}
                          onClick={() => void (shown ? hide() : reveal(source, u.userName))}
                        >
                          {shown ? t('handoff.hide') : t('handoff.reveal')}
                        </button>
                        <button type="button" className="secondary small" disabled={busy} aria-label={t('result.copyLabel', { userName: u.userName })} onClick={() => void copyPassword(source, u.userName)}>
                          {t('result.copy')}
                        </button>
                        {text && (
                          <button type="button" className="secondary small" disabled={busy} aria-label={t('handoff.copyMessageLabel', { userName: u.userName })} onClick={() => void copyMessage(source, u.userName, text)}>
                            {t('handoff.copyMessage')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
