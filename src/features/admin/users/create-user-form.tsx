import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import { INVITE_DAYS_MAX } from '../../../shared/admin-limits';
import { AttachField } from './attach-field';
import { FieldMessages } from './field-messages';
import { GroupsField } from './groups-field';
import { TagsField } from './tags-field';
import { useAdminUsersStore } from './admin-users-store';
import { checkDraft, emptyDraft, hasIssues, toInput, type UserFormDraft } from './user-form';

export function CreateUserForm() {
  const { t } = useTranslation('adminUsers');
  const { busy, error, create } = useAdminUsersStore();
  const [draft, setDraft] = useState<UserFormDraft>(emptyDraft);
  const [submitted, setSubmitted] = useState(false);
  const [nameTouched, setNameTouched] = useState(false);
  const issues = checkDraft(draft);
  const update = (patch: Partial<UserFormDraft>) => setDraft((d) => ({ ...d, ...patch }));
  // Name rules show as the admin types; "required" waits for a blur or a submit.
  const nameIssues = draft.userName || nameTouched || submitted ? issues.userName : [];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (hasIssues(issues)) {
      (e.currentTarget as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    void create(toInput(draft));
  };

  return (
    <form className="card create-user-form" onSubmit={onSubmit} noValidate aria-busy={busy}>
      <div className="field">
        <label htmlFor="cu-name">{t('form.userName.label')}</label>
        <input
          id="cu-name"
          autoComplete="off"
          spellCheck={false}
          value={draft.userName}
          onChange={(e) => update({ userName: e.target.value })}
          onBlur={() => setNameTouched(true)}
          aria-invalid={nameIssues.length > 0}
          aria-describedby="cu-name-hint cu-name-errors"
        />
        <span className="hint" id="cu-name-hint">{t('form.userName.hint')}</span>
        <FieldMessages id="cu-name-errors" messages={nameIssues} />
      </div>

      <div className="field">
        <label htmlFor="cu-path">{t('form.path.label')}</label>
        <input
          id="cu-path"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={draft.path}
          onChange={(e) => update({ path: e.target.value })}
          aria-invalid={issues.path.length > 0}
          aria-describedby="cu-path-hint cu-path-errors"
        />
        <span className="hint" id="cu-path-hint">{t('form.path.hint')}</span>
        <FieldMessages id="cu-path-errors" messages={issues.path} />
      </div>

      <GroupsField selected={draft.groups} issues={issues.groups} onChange={(groups) => update({ groups })} />
      <TagsField rows={draft.tags} issues={issues.tags} onChange={(tags) => update({ tags })} />
      <AttachField draft={draft} issues={submitted ? issues.attach : []} onChange={update} />

      <div className="field">
        <label htmlFor="cu-days">{t('form.days.label')}</label>
        <input
          id="cu-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={INVITE_DAYS_MAX}
          className="days-input"
          value={draft.days}
          onChange={(e) => update({ days: e.target.value })}
          aria-invalid={issues.days.length > 0}
          aria-describedby="cu-days-hint cu-days-errors"
        />
        <span className="hint" id="cu-days-hint">{t('form.days.hint', { max: INVITE_DAYS_MAX })}</span>
        <FieldMessages id="cu-days-errors" messages={issues.days} />
      </div>

      {submitted && hasIssues(issues) && <p className="field-error">{t('form.fixErrors')}</p>}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('run.working') : t('form.submit')}
        </button>
      </div>
    </form>
  );
}
