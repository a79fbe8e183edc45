import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITE_DAYS_DEFAULT } from '../../../shared/admin-limits';
import { usePolicyStore } from './policy-store';

/**
 * A convenience: attach the policy to a group, so everyone added to it later gets it. Members
 * without MFA would be locked out at once: they are named first, and onboarding can be opened
 * for them in the same step.
 */
export function AttachToGroup() {
  const { t } = useTranslation('admin');
  const { groups, attachedTo, attachWarning, attachResult, loadGroups, attachToGroup, cancelAttach } = usePolicyStore();
  const [group, setGroup] = useState('');
  const [openOnboarding, setOpenOnboarding] = useState(true);
  // The warning asks a question: focus goes to it, so it is on screen and read out.
  const warningRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attachWarning) warningRef.current?.focus();
  }, [attachWarning]);

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
      {attachWarning && (
        <div className="notice" role="alertdialog" aria-labelledby="attach-warning-h" data-testid="attach-warning" tabIndex={-1} ref={warningRef}>
          <p id="attach-warning-h">{t('policy.attach.warning', { group: attachWarning.groupName, count: attachWarning.membersWithoutMfa.length })}</p>
          <ul className="mono">
            {attachWarning.membersWithoutMfa.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
          {attachWarning.includesYou && <p>{t('policy.attach.includesYou')}</p>}
          <label className="checkbox">
            <input type="checkbox" checked={openOnboarding} onChange={(e) => setOpenOnboarding(e.target.checked)} />
            {t('policy.attach.openOnboarding', { days: INVITE_DAYS_DEFAULT })}
          </label>
          <div className="actions">
            <button type="button" className="danger" onClick={() => void attachToGroup(attachWarning.groupName, { openOnboardingDays: openOnboarding ? INVITE_DAYS_DEFAULT : null })}>
              {t('policy.attach.confirm', { group: attachWarning.groupName })}
            </button>
            <button type="button" className="secondary" onClick={cancelAttach}>
              {t('policy.attach.cancel')}
            </button>
          </div>
        </div>
      )}
      {attachedTo && (
        <p className="success" role="status">
          {t('policy.attach.done', { group: attachedTo })}
          {attachResult && attachResult.openedFor.length > 0 && ` ${t('policy.attach.opened', { users: attachResult.openedFor.join(', ') })}`}
        </p>
      )}
      {!attachWarning && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void attachToGroup(chosen)}>
            {t('policy.attach.button', { group: chosen })}
          </button>
        </div>
      )}
    </div>
  );
}
