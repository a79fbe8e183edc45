import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePolicyStore } from './policy-store';

/** A convenience: attach the policy to a group, so everyone added to it later gets it. */
export function AttachToGroup() {
  const { t } = useTranslation('admin');
  const { groups, attachedTo, loadGroups, attachToGroup } = usePolicyStore();
  const [group, setGroup] = useState('');

  useEffect(() => {
    void loadGroups();
  }, [loadGroups]);

  if (!groups || groups.length === 0) return null;
  const chosen = group || groups[0] || '';
  return (
    <div className="card">
      <h3>{t('policy.attach.title')}</h3>
      <p className="hint">{t('policy.attach.intro')}</p>
      <div className="field">
        <label htmlFor="attach-group">{t('policy.attach.group')}</label>
        <select id="attach-group" value={chosen} onChange={(e) => setGroup(e.target.value)}>
          {groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      {attachedTo && (
        <p className="success" role="status">
          {t('policy.attach.done', { group: attachedTo })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void attachToGroup(chosen)}>
          {t('policy.attach.button', { group: chosen })}
        </button>
      </div>
    </div>
  );
}
