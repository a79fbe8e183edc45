import { useTranslation } from 'react-i18next';
import { FocusHeading } from '../../components/screen-heading';
import { useRouteStore } from '../../app/route-store';
import { useResyncStore } from './resync-store';

export function ResyncDone() {
  const { t } = useTranslation('resync');
  const verifiedUser = useResyncStore((s) => s.verifiedUser);
  const go = useRouteStore((s) => s.go);
  return (
    <div className="card resync-done">
      <FocusHeading level={2}>{t('done.heading')}</FocusHeading>
      <p className="success" role="status" data-testid="resync-success">
        {t('done.body', { userName: verifiedUser ?? '' })}
      </p>
      <p className="hint">{t('done.prevent')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => go('start')}>
          {t('nav.backToStart')}
        </button>
      </div>
    </div>
  );
}
