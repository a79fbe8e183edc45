import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { VirtualTbody } from '../../../components/virtual-tbody';
import type { BulkRun, BulkUser } from '../../../shared/ipc/channels/admin-bulk';

/** Status per user as the run works (the passwords are handed out from the hand-off table once it ends). */
export function RunUsers({ run }: { run: BulkRun }) {
  const { t } = useTranslation('adminBulk');
  // A file with an `account` column: each user's account, beside its status.
  const byAccount = run.users.some((u) => u.accountId !== null);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const detail = (u: BulkUser) => {
    if (u.status === 'done') return u.inviteFile;
    if (!u.step) return null;
    const [kind, group] = u.step.split(':');
    return group ? `${t(`run.step.${kind}`)} (${group})` : t(`run.step.${kind}`);
  };

  return (
    <>
      <h4 id="bulk-users-title">{t('run.usersHeading')}</h4>
      <div className="bulk-table-scroll table-scroll" ref={setScroller}>
        <table aria-labelledby="bulk-users-title" className="bulk-users data-table" aria-rowcount={run.users.length + 1}>
          <thead>
            <tr>
              <th scope="col">{t('run.colUser')}</th>
              {byAccount && <th scope="col">{t('run.colAccount')}</th>}
              <th scope="col">{t('run.colStatus')}</th>
              <th scope="col">{t('run.colDetail')}</th>
            </tr>
          </thead>
          <VirtualTbody
            rows={run.users}
            scrollElement={scroller}
            estimate={40}
            columns={3 + (byAccount ? 1 : 0)}
            rowKey={(u) => u.userName}
            renderRow={(u, props) => (
              <tr key={u.userName} {...props} aria-rowindex={props['data-index'] + 2} data-user={u.userName} data-status={u.status}>
                <td className="mono">{u.userName}</td>
                {byAccount && <td className="mono">{u.accountId ?? t('run.accountInUse')}</td>}
                <td>{t(`run.status.${u.status}`)}</td>
                <td>
                  {detail(u)}
                  {u.error && <ErrorMessage error={u.error} />}
                </td>
              </tr>
            )}
          />
        </table>
      </div>
    </>
  );
}
