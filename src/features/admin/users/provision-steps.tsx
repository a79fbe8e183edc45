import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/error-message';
import type { ProvisionRun, ProvisionStep } from '../../../shared/ipc/channels/admin-users';

const ICONS: Record<ProvisionStep['status'], string> = {
  pending: '○',
  running: '◔',
  done: '✓',
  failed: '✗',
  undoing: '↺',
  undone: '↺',
  undoFailed: '✗',
};

/** Each step with its result as it completes, and the error under the step that stopped. */
export function ProvisionSteps({ run }: { run: ProvisionRun }) {
  const { t } = useTranslation('adminUsers');
  const label = (s: ProvisionStep) =>
    s.kind === 'attachPolicy'
      ? s.group
        ? t('steps.attachPolicyGroup', { group: s.group })
        : t('steps.attachPolicyUser')
      : t(`steps.${s.kind}`, { group: s.group ?? '' });

  return (
    <ol className="provision-steps" aria-live="polite">
      {run.steps.map((s) => (
        <li key={s.id} data-step={s.id} data-status={s.status}>
          <span className="step-icon" aria-hidden="true">
            {ICONS[s.status]}
          </span>
          <span className="step-label">{label(s)}</span>
          <span className="step-status">{t(`steps.status.${s.status}`)}</span>
          {s.error && <ErrorMessage error={s.error} />}
        </li>
      ))}
    </ol>
  );
}
