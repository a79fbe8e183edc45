import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../../app/route-store';
import { FocusHeading } from '../../components/screen-heading';
import { cliTryCommand } from '../../shared/cli/try-command';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { useOnboardingStore } from './onboarding-store';

/** The finish screen: what was done, the console sign-in URL, and what to do next. */
export function FinishSummary({ result }: { result: ChannelOutput<'onboarding:finish'> }) {
  const { t } = useTranslation('onboarding');
  const openConsole = useOnboardingStore((s) => s.openConsole);
  const reset = useOnboardingStore((s) => s.reset);
  const copyCommand = useOnboardingStore((s) => s.copyCliCommand);
  const commandCopied = useOnboardingStore((s) => s.commandCopied);
  const go = useRouteStore((s) => s.go);
  const p = result.profile;
  return (
    <div className="card" data-testid="step-done">
      <FocusHeading level={2}>{t('finish.doneTitle')}</FocusHeading>
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
          <div className="secret-row">
            <pre className="mono cli-command" data-testid="cli-command">
              {cliTryCommand(p.name)}
            </pre>
            <button type="button" className="secondary small" onClick={() => void copyCommand(p.name)}>
              {t('finish.copyCommand')}
            </button>
          </div>
          {commandCopied && (
            <p className="hint" role="status">
              {t('finish.commandCopied')}
            </p>
          )}
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
      <h3>{t('finish.nextTitle')}</h3>
      {/* Self-service resync needs a long-term key the user holds: the invite's is deleted on every path, and the
          command-line key lives in the app's store for credential_process only. So: the administrator's resync. */}
      <ul data-testid="next-steps" data-path={p ? 'cli' : 'console'}>
        <li>{t('finish.next1')}</li>
        <li>{t('finish.nextPhone')}</li>
        <li>{t(p ? 'finish.nextCodesRefusedCli' : 'finish.nextCodesRefusedConsole')}</li>
        <li>{t('finish.next3')}</li>
      </ul>
      <p className="hint">{t('finish.wiped')}</p>
    </div>
  );
}
