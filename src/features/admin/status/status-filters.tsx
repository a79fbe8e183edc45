import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { filterChoices } from './filter';
import { useStatusStore } from './status-store';

/** Search by name, one group, one key=value tag. */
export function StatusFilters({ users, shown }: { users: UserStatusRow[]; shown: number }) {
  const { t } = useTranslation('adminStatus');
  const filter = useStatusStore((s) => s.filter);
  const setFilter = useStatusStore((s) => s.setFilter);
  const { groups, tags } = useMemo(() => filterChoices(users), [users]);
  return (
    <fieldset className="status-filters">
      <legend>{t('filters.legend')}</legend>
      <div className="field">
        <label htmlFor="status-filter-text">{t('filters.text')}</label>
        <input id="status-filter-text" type="search" value={filter.text} onChange={(e) => setFilter({ text: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="status-filter-group">{t('filters.group')}</label>
        <select id="status-filter-group" value={filter.group} onChange={(e) => setFilter({ group: e.target.value })}>
          <option value="">{t('filters.all')}</option>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="status-filter-tag">{t('filters.tag')}</label>
        <select id="status-filter-tag" value={filter.tag} onChange={(e) => setFilter({ tag: e.target.value })}>
          <option value="">{t('filters.all')}</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </div>
      <p className="hint" role="status">
        {t('filters.shown', { shown, total: users.length })}
      </p>
    </fieldset>
  );
}
