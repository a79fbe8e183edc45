import { useTranslation } from 'react-i18next';
import type { Message } from './user-form';

/** The rule messages of one field, announced as they change. */
export function FieldMessages({ id, messages }: { id: string; messages: Message[] }) {
  const { t } = useTranslation('adminUsers');
  return (
    <ul className="field-messages" id={id} aria-live="polite">
      {messages.map((m) => (
        <li key={m.key} className="field-error" data-rule={m.key}>
          {t(`form.${m.key}`, m.params ?? {})}
        </li>
      ))}
    </ul>
  );
}
