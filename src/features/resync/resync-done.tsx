import { useTranslation } from 'react-i18next';
import { useRouteStore } from '../../app/route-store';
import { useResyncStore } from './resync-store';

export function ResyncDone() {
  const { t } = useTranslation('resync');
  const verifiedUser = useResyncStore((s) => s.verifiedUser);
  const go = useRouteStore((s) => s.go);
  return (
    <div className="card resync-done">
      <h3>{t('done.heading')}</h3>
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
