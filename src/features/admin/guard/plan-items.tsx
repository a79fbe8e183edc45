import { useTranslation } from 'react-i18next';

interface Item {
  service: string;
  kind: string;
  name: string;
  detail: string | null;
}

/** Exactly what a fix will create (or did remove), one line each, in the admin's language. */
export function PlanItems({ items, testId }: { items: Item[]; testId: string }) {
  const { t } = useTranslation('adminGuard');
  return (
    <ul className="admin-names" data-testid={testId}>
      {items.map((i) => (
        <li key={`${i.kind}:${i.name}:${i.detail ?? ''}`}>
          <strong>{i.service}</strong> · {t(`items.${i.kind}`)} · <span className="mono">{i.name}</span>
          {i.detail ? <span className="hint"> ({i.detail})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Apply / cancel under a plan. */
export function PlanActions({ busy, onApply, onCancel, applyLabel }: { busy: boolean; onApply: () => void; onCancel: () => void; applyLabel: string }) {
  const { t } = useTranslation('adminGuard');
  return (
    <div className="actions">
      <button type="button" className="primary" disabled={busy} onClick={onApply}>
        {busy ? t('working') : applyLabel}
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
