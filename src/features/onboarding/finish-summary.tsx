import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../../app/route-store';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { useOnboardingStore } from './onboarding-store';

/** The finish screen: what was done, the console sign-in URL, and what to do next. */
export function FinishSummary({ result }: { result: ChannelOutput<'onboarding:finish'> }) {
  const { t } = useTranslation('onboarding');
  const openConsole = useOnboardingStore((s) => s.openConsole);
  const reset = useOnboardingStore((s) => s.reset);
  const go = useRouteStore((s) => s.go);
  const p = result.profile;
  return (
    <div className="card" data-testid="step-done">
      <h3 tabIndex={-1}>{t('finish.doneTitle')}</h3>
      {result.keyDeleted && <p className="success">{t('finish.keyDeleted')}</p>}
      {!result.windowClosed && (
        <p className="notice" data-testid="window-open">
          {t('finish.windowOpen')}
        </p>
      )}
      {p && (
        <div className="success" data-testid="profile-written">
          <p>{t('finish.profileWritten', { name: p.name })}</p>
          {p.name !== p.preferredName && <p>{t('finish.profileRenamed', { preferred: p.preferredName, name: p.name })}</p>}
          <p className={p.protection === 'plain' ? 'notice' : 'hint'} data-testid="key-protection">
            {t(p.protection === 'plain' ? 'finish.keyInPlainFile' : 'finish.keyInKeychain', { storeFile: p.storeFile })}
          </p>
          <p className="hint">{t('finish.profileFiles', { configFile: p.configFile })}</p>
          <p>{t('finish.cliNext')}</p>
          <pre className="mono cli-command">{`aws sts get-caller-identity --profile ${p.name}`}</pre>
        </div>
      )}
      <p>{t('finish.consoleUrl')}</p>
      <p className="mono" data-testid="console-url">
        {result.consoleUrl}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => void openConsole(result.consoleUrl)}>
          {t('finish.openConsole')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void reset();
            go('start');
          }}
        >
          {t('finish.home')}
        </button>
      </div>
      <h4>{t('finish.nextTitle')}</h4>
      <ul>
        <li>{t('finish.next1')}</li>
        <li>{t('finish.next2')}</li>
        <li>{t('finish.next3')}</li>
      </ul>
      <p className="hint">{t('finish.wiped')}</p>
    </div>
  );
}
