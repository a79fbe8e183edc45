import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../../app/route-store';
import { useDocumentTitle } from '../../components/screen-heading';
import { ResyncCodes } from './resync-codes';
import { ResyncDone } from './resync-done';
import { ResyncSignIn } from './resync-sign-in';
import { useResyncStore, type ResyncStep } from './resync-store';
import { ResyncVerify } from './resync-verify';

const STEPS: ResyncStep[] = ['signIn', 'codes', 'verify', 'done'];

export function ResyncScreen() {
  const { t } = useTranslation('resync');
  const step = useResyncStore((s) => s.step);
  const leave = useResyncStore((s) => s.leave);
  const go = useRouteStore((s) => s.go);

  // Whatever way the user leaves, main drops the credentials and codes.
  useEffect(() => () => void leave(), [leave]);

  const current = STEPS.indexOf(step);
  useDocumentTitle(t(`steps.${step}`), t('title'));
  return (
    <section className="resync-screen" aria-labelledby="resync-title">
      <h1 id="resync-title">{t('title')}</h1>
      <ol className="steps" aria-label={t('stepsLabel')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined} data-done={i < current ? 'true' : undefined}>
            {t(`steps.${s}`)}
          </li>
        ))}
      </ol>
      {step === 'signIn' && <ResyncSignIn />}
      {step === 'codes' && <ResyncCodes />}
      {step === 'verify' && <ResyncVerify />}
      {step === 'done' && <ResyncDone />}
      {step !== 'done' && (
        <p>
          <button type="button" className="link-button" data-testid="resync-back" onClick={() => go('start')}>
            {t('nav.backToStart')}
          </button>
        </p>
      )}
    </section>
  );
}
