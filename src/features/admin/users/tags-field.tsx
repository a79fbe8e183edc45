import { useTranslation } from 'react-i18next';
import { MAX_TAGS_PER_USER } from '../../../shared/admin-limits';
import { FieldMessages } from './field-messages';
import type { Message, TagRow } from './user-form';

interface Props {
  rows: TagRow[];
  issues: Record<number, Message[]>;
  onChange(rows: TagRow[]): void;
}

export function TagsField({ rows, issues, onChange }: Props) {
  const { t } = useTranslation('adminUsers');
  const set = (id: number, patch: Partial<TagRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const add = () => onChange([...rows, { id: Math.max(0, ...rows.map((r) => r.id)) + 1, key: '', value: '' }]);

  return (
    <fieldset className="field tags-field" aria-describedby="cu-tags-hint">
      <legend>{t('form.tags.legend')}</legend>
      <span className="hint" id="cu-tags-hint">{t('form.tags.hint')}</span>
      {rows.map((r, i) => {
        const errId = `cu-tag-${r.id}-errors`;
        const invalid = (issues[r.id] ?? []).length > 0;
        return (
          <div className="tag-row" key={r.id} data-testid={`tag-row-${i + 1}`}>
            <label htmlFor={`cu-tag-${r.id}-key`} className="visually-hidden">
              {t('form.tags.key')} {i + 1}
            </label>
            <input
              id={`cu-tag-${r.id}-key`}
              autoComplete="off"
              placeholder={t('form.tags.keyPlaceholder')}
              value={r.key}
              onChange={(e) => set(r.id, { key: e.target.value })}
              aria-invalid={invalid}
              aria-describedby={errId}
            />
            <label htmlFor={`cu-tag-${r.id}-value`} className="visually-hidden">
              {t('form.tags.value')} {i + 1}
            </label>
            <input
              id={`cu-tag-${r.id}-value`}
              autoComplete="off"
              placeholder={t('form.tags.valuePlaceholder')}
              value={r.value}
              onChange={(e) => set(r.id, { value: e.target.value })}
              aria-invalid={invalid}
              aria-describedby={errId}
            />
            <button
              type="button"
              className="secondary"
              aria-label={t('form.tags.remove', { n: i + 1 })}
              onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
            >
              ×
            </button>
            <FieldMessages id={errId} messages={issues[r.id] ?? []} />
          </div>
        );
      })}
      <div>
        <button type="button" className="link-button" onClick={add} disabled={rows.length >= MAX_TAGS_PER_USER}>
          {t('form.tags.add')}
        </button>
      </div>
    </fieldset>
  );
}
