import { useTranslation } from 'react-i18next';
import { useOnboardingStore } from './onboarding-store';

/** Says which steps were skipped because they were already done (a resumed onboarding). */
export function ResumeNotice() {
  const { t } = useTranslation('onboarding');
  const resumed = useOnboardingStore((s) => s.signedIn?.resumed);
  const alreadyChanged = useOnboardingStore((s) => s.passwordAlreadyChanged);
  const lines = [
    resumed?.passwordAlreadyChanged && 'resume.passwordAlreadyChanged',
    resumed?.noConsolePassword && 'resume.noConsolePassword',
    alreadyChanged && 'resume.passwordChangedMeanwhile',
    resumed?.mfaAlreadyEnabled && 'resume.mfaAlreadyEnabled',
  ].filter((k): k is string => typeof k === 'string');
  if (lines.length === 0) return null;
  return (
    <div className="notice" data-testid="resume-notice">
      {lines.map((k) => (
        <p key={k}>{t(k)}</p>
      ))}
    </div>
  );
}
