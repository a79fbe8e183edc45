import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import type { BulkRun, BulkUser } from '../../../shared/ipc/channels/admin-bulk';
import { useBulkStore } from './bulk-store';

/** Status per user; once the run ends, a "copy password" button for every user who has one. */
export function RunUsers({ run }: { run: BulkRun }) {
  const { t } = useTranslation('adminBulk');
  const busy = useBulkStore((s) => s.busy);
  const copied = useBulkStore((s) => s.copied);
  const copy = useBulkStore((s) => s.copyPassword);
  const ended = run.phase === 'done' || run.phase === 'cancelled';
  const detail = (u: BulkUser) => {
    if (u.status === 'done') return u.inviteFile;
    if (!u.step) return null;
    const [kind, group] = u.step.split(':');
    return group ? `${t(`run.step.${kind}`)} (${group})` : t(`run.step.${kind}`);
  };

  return (
    <>
      <h4 id="bulk-users-title">{t('run.usersHeading')}</h4>
      {copied && (
        <p className="success" role="status">
          {t('result.copied', { userName: copied })}
        </p>
      )}
      <div className="bulk-table-scroll">
        <table aria-labelledby="bulk-users-title" className="bulk-users">
          <thead>
            <tr>
              <th scope="col">{t('run.colUser')}</th>
              <th scope="col">{t('run.colStatus')}</th>
              <th scope="col">{t('run.colDetail')}</th>
              {ended && <th scope="col">{t('run.colPassword')}</th>}
            </tr>
          </thead>
          <tbody>
            {run.users.map((u) => (
              <tr key={u.userName} data-user={u.userName} data-status={u.status}>
                <td className="mono">{u.userName}</td>
                <td>{t(`run.status.${u.status}`)}</td>
                <td>
                  {detail(u)}
                  {u.error && <ErrorMessage error={u.error} />}
                </td>
                {ended && (
                  <td>
                    {u.status === 'done' && u.hasPassword && (
                      <button type="button" className="secondary" disabled={busy} aria-label={t('result.copyLabel', { userName: u.userName })} onClick={() => void copy(u.userName)}>
                        {t('result.copy')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
