import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { secondsLeftInWindow, TOTP_PERIOD_SECONDS } from '../shared/totp/totp';

/** Seconds until the authenticator shows its next code, on AWS's clock (desktop + offset). */
export function WindowCountdown({ serverOffsetMs }: { serverOffsetMs: number }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(() => secondsLeftInWindow(Date.now() + serverOffsetMs));
  useEffect(() => {
    const id = setInterval(() => setLeft(secondsLeftInWindow(Date.now() + serverOffsetMs)), 250);
    return () => clearInterval(id);
  }, [serverOffsetMs]);
  return (
    <div className="countdown" data-testid="countdown" data-seconds={left}>
      <progress max={TOTP_PERIOD_SECONDS} value={left} aria-hidden="true" />
      <span>{t('countdown', { seconds: left })}</span>
    </div>
  );
}
