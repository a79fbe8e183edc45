import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VirtualTbody } from '../../../components/virtual-tbody';
import type { StatusKey, UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { bootstrapKeys, keyProblem, lastActivity, shortKeyId, tagText, visibleTags, type SortKey } from './filter';
import { useStatusStore } from './status-store';

const COLUMNS = ['user', 'status', 'expiry', 'console', 'mfa', 'bootstrapKey', 'lastActivity', 'groups', 'tags'] as const;
type Column = (typeof COLUMNS)[number];
const SORTS: Partial<Record<Column, SortKey>> = { user: 'user', status: 'state', expiry: 'expiry', lastActivity: 'lastActivity' };

/**
 * One row per user (only the rows in view are in the DOM). The user's name opens the side panel
 * with the actions; sortable headings are buttons (aria-sort says the order).
 */
export function StatusTable({ rows, now }: { rows: UserStatusRow[]; now: number }) {
  const { t, i18n } = useTranslation('adminStatus');
  const selected = useStatusStore((s) => s.selected);
  const select = useStatusStore((s) => s.select);
  const sort = useStatusStore((s) => s.sort);
  const sortBy = useStatusStore((s) => s.sortBy);
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const unknown = t('cell.unknown');
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language, { dateStyle: 'medium' });
  const consoleCell = (r: UserStatusRow) =>
    r.consolePassword === null ? unknown : !r.consolePassword ? t('cell.noPassword') : r.passwordResetRequired ? t('cell.pendingReset') : t('cell.passwordSet');
  // The credential report names keys by slot; a user read live, by id.
  const keyName = (k: StatusKey) => (k.accessKeyId ? shortKeyId(k.accessKeyId) : t('cell.keySlot', { slot: k.slot ?? '' }));
  const keyCell = (r: UserStatusRow) => {
    if (!r.accessKeys) return unknown;
    const keys = bootstrapKeys(r);
    if (keys.length === 0) return t('cell.noBootstrapKey');
    return keys.map((k) => {
      const problem = keyProblem(r, k, now);
      const age = k.ageDays === null ? t('cell.keyAgeUnknown') : t('cell.keyDays', { count: k.ageDays });
      return (
        <span key={k.accessKeyId ?? k.slot} className="key-cell" title={k.accessKeyId ?? undefined}>
          <span className="mono">{keyName(k)}</span>{' '}
          <span className="key-badge" data-problem={problem ?? undefined} title={problem ? t(`cell.keyProblem.${problem}`) : undefined}>
            {problem ? t(`cell.keyProblemShort.${problem}`, { age }) : age}
          </span>
        </span>
      );
    });
  };
  const expiryCell = (r: UserStatusRow) => {
    const w = r.onboardingWindow;
    if (!w) return unknown;
    if (!w.expiresAt) return t('cell.noWindow');
    return (
      <>
        <span className="nowrap">{date(w.expiresAt)}</span>{' '}
        {w.expired && (
          <span className="status-badge" data-status="inviteExpired" data-testid={`invite-expired-${r.userName}`}>
            {t('cell.inviteExpired')}
          </span>
        )}
      </>
    );
  };
  const activity = (r: UserStatusRow) => {
    const last = lastActivity(r);
    return last ? date(last) : t('cell.never');
  };

  return (
    <div className="status-table-wrap" ref={setScroller} data-testid="status-table-scroll">
      <table className="status-table" aria-rowcount={rows.length + 1}>
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const key = SORTS[c];
              const label = t(`table.${c}`);
              const order = key && sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th key={c} scope="col" data-col={c} aria-sort={order} title={label}>
                  {key ? (
                    <button type="button" className="sort-button" data-testid={`sort-${key}`} onClick={() => sortBy(key)}>
                      {label}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <VirtualTbody
          rows={rows}
          scrollElement={scroller}
          estimate={38}
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
              <th scope="row" data-col="user">
                <button
                  type="button"
                  className="row-open mono"
                  title={r.userName}
                  aria-label={t('table.manageLabel', { userName: r.userName })}
                  aria-expanded={selected === r.userName}
                  onClick={() => select(r.userName)}
                >
                  {r.userName}
                </button>
              </th>
              <td data-col="status">
                <span className="status-badge" data-status={r.status}>
                  {r.source === 'notRead' ? t('cell.notRead') : t(`status.${r.status}`)}
                </span>
              </td>
              <td data-col="expiry">{expiryCell(r)}</td>
              <td data-col="console">{consoleCell(r)}</td>
              <td data-col="mfa">{r.mfaActive === null ? unknown : r.mfaActive ? t('cell.mfaOn') : t('cell.mfaOff')}</td>
              <td data-col="key">{keyCell(r)}</td>
              <td data-col="lastActivity">{activity(r)}</td>
              <td data-col="groups">{r.groups === null ? unknown : r.groups.join(', ')}</td>
              <td data-col="tags">{r.tags === null ? unknown : visibleTags(r.tags).map(tagText).join(', ')}</td>
            </tr>
          )}
        />
      </table>
    </div>
  );
}
