import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserStatusRow } from '../../../shared/ipc/channels/admin-status';
import { filterChoices, STATE_FILTERS, stateCounts } from './filter';
import { useStatusStore } from './status-store';

/** One state at a time (with how many users each shows), then search by name, one group, one key=value tag. */
export function StatusFilters({ users, shown, now }: { users: UserStatusRow[]; shown: number; now: number }) {
  const { t } = useTranslation('adminStatus');
  const filter = useStatusStore((s) => s.filter);
  const setFilter = useStatusStore((s) => s.setFilter);
  const { groups, tags } = useMemo(() => filterChoices(users), [users]);
  const counts = useMemo(() => stateCounts(users, now), [users, now]);
  return (
    <>
      <div className="state-filters" role="group" aria-label={t('filters.stateLabel')}>
        {STATE_FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            className="state-filter"
            aria-pressed={filter.state === s}
            data-state={s}
            data-testid={`state-filter-${s}`}
            onClick={() => setFilter({ state: s })}
          >
            {t(`filters.state.${s}`)} <span className="state-count">{counts[s]}</span>
          </button>
        ))}
      </div>
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
    </>
  );
}
