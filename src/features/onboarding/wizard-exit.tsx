import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../../app/route-store';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useOnboardingStore } from './onboarding-store';

/**
 * The way out of the wizard on every step: "Back" before signing in; after it, "Stop for now",
 * which says what is kept (AWS has every finished step; the same invite continues later).
 */
export function WizardExit() {
  const { t } = useTranslation('onboarding');
  const step = useOnboardingStore((s) => s.step);
  const busy = useOnboardingStore((s) => s.busy);
  const go = useRouteStore((s) => s.go);
  const [asking, setAsking] = useState(false);
  if (step === 'signIn') {
    return (
      <button type="button" className="secondary" onClick={() => go('start')} data-testid="wizard-back">
        {t('exit.back')}
      </button>
    );
  }
  return (
    <>
      <button type="button" className="secondary" disabled={busy} onClick={() => setAsking(true)} data-testid="wizard-stop">
        {t('exit.stop')}
      </button>
      <ConfirmDialog
        open={asking}
        title={t('exit.confirmTitle')}
        confirmLabel={t('exit.confirmStop')}
        cancelLabel={t('exit.confirmContinue')}
        onConfirm={() => {
          setAsking(false);
          go('start');
        }}
        onCancel={() => setAsking(false)}
        testId="wizard-stop-confirm"
      >
        <p>{t('exit.confirmBody')}</p>
      </ConfirmDialog>
    </>
  );
}
