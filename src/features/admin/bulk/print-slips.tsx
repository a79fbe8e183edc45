import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { GroupedSecret } from '../../../components/grouped-secret';
import { useHandoffStore } from './handoff-store';

/**
 * One slip per user, on a layer only printing shows (app.css `@media print`): the screen never
 * shows them. The print dialog opens at once; when it closes, the passwords leave the page.
 */
export function PrintSlips({ account }: { account: string | null }) {
  const { t } = useTranslation('adminBulk');
  const slips = useHandoffStore((s) => s.slips);
  const facts = useHandoffStore((s) => s.facts);
  useEffect(() => {
    if (!slips) return;
    // window.print() returns when the print dialog closes (Chromium and Electron).
    window.print();
    useHandoffStore.setState({ slips: null });
  }, [slips]);
  if (!slips) return null;
  return createPortal(
    <div className="print-slips" data-testid="print-slips">
      {slips.map((s) => {
        // A user the CSV's `account` column sent to another account: that account and its console.
        const own = facts?.users.find((u) => u.userName === s.userName)?.account ?? null;
        const accountLine = own ? (own.accountAlias ? `${own.accountAlias} (${own.accountId})` : own.accountId) : account;
        const consoleUrl = own?.consoleUrl ?? facts?.consoleUrl ?? null;
        return (
          <section className="slip" key={s.userName} aria-label={s.userName}>
            <h2>{t('slip.title')}</h2>
            <dl>
              {accountLine && (
                <>
                  <dt>{t('slip.account')}</dt>
                  <dd>{accountLine}</dd>
                </>
              )}
              <dt>{t('slip.user')}</dt>
              <dd className="mono">{s.userName}</dd>
              <dt>{t('slip.password')}</dt>
              <dd>
                <GroupedSecret value={s.password} className="slip-password" />
              </dd>
              {consoleUrl && (
                <>
                  <dt>{t('slip.console')}</dt>
                  <dd className="mono">{consoleUrl}</dd>
                </>
              )}
            </dl>
            <p>{t('slip.instructions')}</p>
          </section>
        );
      })}
    </div>,
    document.body,
  );
}
