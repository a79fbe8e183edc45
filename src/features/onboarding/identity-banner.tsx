import { useTranslation } from 'react-i18next';
import type { OnboardingIdentity } from '../../shared/ipc/channels/onboarding';

/** "jdoe in acme-prod (123456789012)": who the app is acting as, on every step after sign-in. */
export function IdentityBanner({ identity, desktopSkewSeconds }: { identity: OnboardingIdentity; desktopSkewSeconds: number | null }) {
  const { t } = useTranslation('onboarding');
  return (
    <>
      <p className="onboarding-identity" data-testid="onboarding-identity">
        {identity.accountAlias
          ? t('identityWithAlias', { userName: identity.userName, alias: identity.accountAlias, accountId: identity.accountId })
          : t('identityNoAlias', { userName: identity.userName, accountId: identity.accountId })}
      </p>
      {desktopSkewSeconds !== null && (
        <p className="notice" data-testid="desktop-skew">
          {t(desktopSkewSeconds > 0 ? 'desktopClockAhead' : 'desktopClockBehind', { seconds: Math.abs(desktopSkewSeconds) })}
        </p>
      )}
    </>
  );
}
