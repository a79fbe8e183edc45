import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { MAX_GROUPS_PER_USER } from '../../../shared/admin-limits';
import { FieldMessages } from './field-messages';
import { useAdminUsersStore } from './admin-users-store';
import type { Message } from './user-form';

interface Props {
  selected: string[];
  issues: Message[];
  onChange(groups: string[]): void;
}

/** Every group of the account (all pages of ListGroups) as checkboxes. */
export function GroupsField({ selected, issues, onChange }: Props) {
  const { t } = useTranslation('adminUsers');
  const { groups, groupsError, loadGroups } = useAdminUsersStore();
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...selected, name] : selected.filter((g) => g !== name));

  return (
    <fieldset className="field groups-field" aria-describedby="cu-groups-hint cu-groups-errors">
      <legend>{t('form.groups.legend')}</legend>
      <span className="hint" id="cu-groups-hint">{t('form.groups.hint', { max: MAX_GROUPS_PER_USER })}</span>
      {groups === null && <p role="status">{t('form.groups.loading')}</p>}
      <ErrorMessage error={groupsError} onRetry={() => void loadGroups()} />
      {groups !== null && groups.length === 0 && !groupsError && <p className="hint">{t('form.groups.none')}</p>}
      {groups !== null && groups.length > 0 && (
        <ul className="group-list">
          {groups.map((g) => (
            <li key={g.groupName}>
              <label>
                <input
                  type="checkbox"
                  checked={selected.includes(g.groupName)}
                  onChange={(e) => toggle(g.groupName, e.target.checked)}
                />
                <span>{g.groupName}</span>
                {g.path !== '/' && <span className="hint mono">{g.path}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      <FieldMessages id="cu-groups-errors" messages={issues} />
    </fieldset>
  );
}
