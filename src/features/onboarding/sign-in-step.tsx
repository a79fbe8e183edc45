import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InviteSignInForm } from './invite-sign-in-form';
import { ManualSignInForm } from './manual-sign-in-form';

export function SignInStep() {
  const { t } = useTranslation('onboarding');
  const [mode, setMode] = useState<'invite' | 'manual'>('invite');
  return (
    <div className="card" data-testid="step-signIn">
      <h3 tabIndex={-1}>{t('signIn.title')}</h3>
      <p>{t('signIn.intro')}</p>
      <fieldset className="onboarding-mode">
        <legend>{t('signIn.modeLegend')}</legend>
        {(['invite', 'manual'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="signin-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
            {t(m === 'invite' ? 'signIn.modeInvite' : 'signIn.modeManual')}
          </label>
        ))}
      </fieldset>
      {mode === 'invite' ? <InviteSignInForm /> : <ManualSignInForm />}
    </div>
  );
}
