import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardCheck } from './guard-store';

/** One account-guard row, in the same frame as the other readiness rows (status, title, detail, then its fix). */
export function GuardRow({ check, detail, children }: { check: GuardCheck; detail: string; children?: ReactNode }) {
  const { t } = useTranslation(['adminGuard', 'admin']);
  const text =
    check.status === 'unknown'
      ? check.missingPermission && /AccessDenied|Unauthorized|AuthorizationError/.test(check.errorCode ?? '')
        ? t('admin:readiness.missingPermission', { permission: check.missingPermission })
        : t('admin:readiness.couldNotCheck', { code: check.errorCode ?? '' })
      : detail;
  return (
    <li className="admin-check card" data-status={check.status} data-testid={`check-${check.id}`}>
      <div className="admin-check-head">
        <span className="admin-status" data-status={check.status}>
          {t(`admin:readiness.status.${check.status}`)}
        </span>
        <h3>{t(`adminGuard:checks.${check.id}.title`)}</h3>
      </div>
      <p data-testid={`check-${check.id}-detail`}>{text}</p>
      {children}
    </li>
  );
}
