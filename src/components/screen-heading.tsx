import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The window title follows the screen ("Set a new password — IAM Onboarding Assistant"); in
 * Electron the window takes the page title, so the task bar and window switcher say it too.
 */
export function useDocumentTitle(...parts: (string | null | undefined | false)[]): void {
  const { t } = useTranslation();
  const title = [...parts.filter((p): p is string => !!p), t('common:appName')].join(' — ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/**
 * A heading that takes focus when it appears (a new screen or step), so keyboard and screen-reader
 * users start at its top. It is a focus target only (tabIndex -1): no focus ring is drawn on it.
 */
export function FocusHeading({ level, id, children, className }: { level: 1 | 2 | 3; id?: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // An open dialog keeps the focus it has.
    if (!document.querySelector('dialog[open]')) ref.current?.focus();
  }, []);
  const Tag = `h${level}` as const;
  return (
    <Tag ref={ref} id={id} tabIndex={-1} className={className}>
      {children}
    </Tag>
  );
}
