import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VirtualTbody } from '../../../components/virtual-tbody';
import type { StatusKey, UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { bootstrapKeys, tagText } from './filter';
import { useStatusStore } from './status-store';

const COLUMNS = ['user', 'status', 'console', 'mfa', 'bootstrapKey', 'lastSignIn', 'groups', 'tags', 'actions'] as const;

/** One row per user (only the rows in view are in the DOM); "Manage" opens the user's panel with the actions. */
export function StatusTable({ rows }: { rows: UserStatusRow[] }) {
  const { t, i18n } = useTranslation('adminStatus');
  const selected = useStatusStore((s) => s.selected);
  const select = useStatusStore((s) => s.select);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const unknown = t('cell.unknown');
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const consoleCell = (r: UserStatusRow) =>
    r.consolePassword === null ? unknown : !r.consolePassword ? t('cell.noPassword') : r.passwordResetRequired ? t('cell.pendingReset') : t('cell.passwordSet');
  // The credential report names keys by slot; a user read live, by id.
  const keyName = (k: StatusKey) => k.accessKeyId ?? t('cell.keySlot', { slot: k.slot ?? '' });
  const keyCell = (r: UserStatusRow) => {
    if (!r.accessKeys) return unknown;
    const keys = bootstrapKeys(r);
    if (keys.length === 0) return t('cell.noBootstrapKey');
    return keys.map((k) => `${keyName(k)} (${k.ageDays === null ? t('cell.keyAgeUnknown') : t('cell.keyAge', { days: k.ageDays })})`).join(', ');
  };

  return (
    <div className="status-table-wrap" ref={setScroller} data-testid="status-table-scroll">
      <table className="status-table" aria-rowcount={rows.length + 1}>
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(`table.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <VirtualTbody
          rows={rows}
          scrollElement={scroller}
          estimate={42}
          columns={COLUMNS.length}
          rowKey={(r) => r.userName}
          renderRow={(r, props) => (
            <tr
              key={r.userName}
              {...props}
              aria-rowindex={props['data-index'] + 2}
              data-testid={`status-row-${r.userName}`}
              data-status={r.status}
              data-source={r.source}
              data-selected={selected === r.userName || undefined}
            >
              <th scope="row" className="mono">
                {r.userName}
              </th>
              <td data-col="status">
                <span className="status-badge" data-status={r.status}>
                  {r.source === 'notRead' ? t('cell.notRead') : t(`status.${r.status}`)}
                </span>
                {r.onboardingWindow?.expired && (
                  <span className="status-badge" data-status="inviteExpired" data-testid={`invite-expired-${r.userName}`}>
                    {t('cell.inviteExpired')}
                  </span>
                )}
              </td>
              <td data-col="console">{consoleCell(r)}</td>
              <td data-col="mfa">{r.mfaActive === null ? unknown : r.mfaActive ? t('cell.mfaOn') : t('cell.mfaOff')}</td>
              <td data-col="key" className="mono">
                {keyCell(r)}
              </td>
              <td data-col="lastSignIn">{r.passwordLastUsed ? date(r.passwordLastUsed) : t('cell.never')}</td>
              <td data-col="groups">{r.groups === null ? unknown : r.groups.join(', ')}</td>
              <td data-col="tags">{r.tags === null ? unknown : r.tags.map(tagText).join(', ')}</td>
              <td>
                <button type="button" className="link-button" aria-label={t('table.manageLabel', { userName: r.userName })} onClick={() => select(r.userName)}>
                  {t('table.manage')}
                </button>
              </td>
            </tr>
          )}
        />
      </table>
    </div>
  );
}
