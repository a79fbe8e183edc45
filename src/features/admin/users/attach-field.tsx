import { useTranslation } from 'react-i18next';
import { FieldMessages } from './field-messages';
import { attachGroupOf, type Message, type UserFormDraft } from './user-form';

interface Props {
  draft: UserFormDraft;
  issues: Message[];
  onChange(patch: Partial<UserFormDraft>): void;
}

/** To the user directly (default), or via one of the groups chosen above. */
export function AttachField({ draft, issues, onChange }: Props) {
  const { t } = useTranslation('adminUsers');
  const noGroups = draft.groups.length === 0;
  const chosen = attachGroupOf(draft);

  return (
    <fieldset className="field attach-field" aria-describedby="cu-attach-errors">
      <legend>{t('form.attach.legend')}</legend>
      <label className="radio">
        <input type="radio" name="cu-attach" checked={draft.attach === 'user'} onChange={() => onChange({ attach: 'user' })} />
        {t('form.attach.user')}
      </label>
      <label className="radio">
        <input
          type="radio"
          name="cu-attach"
          checked={draft.attach === 'group'}
          disabled={noGroups}
          onChange={() => onChange({ attach: 'group', attachGroup: chosen })}
        />
        {t('form.attach.group')}
      </label>
      {noGroups && <span className="hint">{t('form.attach.needGroup')}</span>}
      {draft.attach === 'group' && !noGroups && (
        <div className="field nested">
          <label htmlFor="cu-attach-group">{t('form.attach.groupSelect')}</label>
          <select id="cu-attach-group" value={chosen} onChange={(e) => onChange({ attachGroup: e.target.value })}>
            {draft.groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
      )}
      <FieldMessages id="cu-attach-errors" messages={issues} />
    </fieldset>
  );
}
