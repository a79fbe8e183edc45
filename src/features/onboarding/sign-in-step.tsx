import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusHeading } from '../../components/screen-heading';
import { InviteSignInForm } from './invite-sign-in-form';
import { ManualSignInForm } from './manual-sign-in-form';
import { useOnboardingStore } from './onboarding-store';

export function SignInStep() {
  const { t } = useTranslation('onboarding');
  const clearError = useOnboardingStore((s) => s.clearError);
  const [mode, setMode] = useState<'invite' | 'manual'>('invite');
  return (
    <div className="card" data-testid="step-signIn">
      <FocusHeading level={2}>{t('signIn.title')}</FocusHeading>
      <p>{t('signIn.intro')}</p>
      <fieldset className="onboarding-mode">
        <legend>{t('signIn.modeLegend')}</legend>
        {(['invite', 'manual'] as const).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="signin-mode"
              value={m}
              checked={mode === m}
              onChange={() => {
                // An error about the invite means nothing on the typed-values form, and back.
                clearError();
                setMode(m);
              }}
            />
            {t(m === 'invite' ? 'signIn.modeInvite' : 'signIn.modeManual')}
          </label>
        ))}
      </fieldset>
      {mode === 'invite' ? <InviteSignInForm /> : <ManualSignInForm />}
    </div>
  );
}
