import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/confirm-dialog';
import { useLeaveGuard } from './leave-guard';

/** "You have not copied the password / saved the invite": stay (default) or leave anyway. */
export function LeaveGuardDialog() {
  const { t } = useTranslation();
  const pending = useLeaveGuard((s) => s.pending);
  const { confirm, stay } = useLeaveGuard.getState();
  return (
    <ConfirmDialog
      open={pending !== null}
      title={t('leaveGuard.title')}
      confirmLabel={t('leaveGuard.leave')}
      cancelLabel={t('leaveGuard.stay')}
      danger
      onConfirm={confirm}
      onCancel={stay}
      testId="leave-guard"
    >
      <ul>
        {(pending?.reasons ?? []).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <p>{t('leaveGuard.body')}</p>
    </ConfirmDialog>
  );
}
